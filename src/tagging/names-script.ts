/**
 * Round 19 (tagact19): persons the topic's lexicon does not know, named in Armenian or Georgian
 * text after a title ("ՊՆ խոսնակ Շուշան Ստեփանյանը", "საგარეო საქმეთა მინისტრმა მაკა
 * ბოჭორიშვილმა"), reported in the English spelling the labeled sets use (guideline: "every named
 * person ... in the usual English spelling").
 *
 * Armenian has capital letters: the name is two capitalised words after the title, as in
 * names.ts. Georgian has none: the name is the two words after the title when the second one,
 * with its case ending taken off, ends like a surname (-შვილი, -ძე, -ია, -ავა, -ოვი, -იანი, ...).
 * In both languages only the last word of a name is declined ("Նիկոլ Փաշինյանին", "მაკა
 * ბოჭორიშვილმა"): the case ending is taken off that word before it is romanised.
 *
 * Romanisation: Armenian after BGN/PCGN 1981 (Eastern Armenian), the form of the English-language
 * press for Armenian names (Ստեփանյան → Stepanyan, Ղազարյան → Ghazaryan, Երվանդ → Yervand,
 * Ոսկան → Voskan); Georgian after the national system of 2002 (= BGN/PCGN 2009: კობახიძე →
 * Kobakhidze, ღარიბაშვილი → Gharibashvili). Arabic and Persian script write no short vowels, so
 * no English spelling can be derived from them: left to the lexicon.
 */
import type { Tokens } from './tokenize.js';
import { SCRIPT_TITLE } from './word-flags.js';
import { armenianH } from './names-cyrillic.js';

/** Armenian titles as written before a name (the title is not declined there), lower case. */
const HY_TITLES = new Set(
  (
    'նախագահ վարչապետ փոխվարչապետ նախարար փոխնախարար տեղակալ խոսնակ մամուլի ներկայացուցիչ դեսպան ' +
    'պատգամավոր քարտուղար խորհրդական օգնական ղեկավար հրամանատար բանագնաց դիվանագետ քաղաքագետ ' +
    'վերլուծաբան փորձագետ մարզպետ քաղաքապետ դատախազ դատավոր պատրիարք արքեպիսկոպոս եպիսկոպոս ' +
    'կաթողիկոս օմբուդսմեն մարզիչ նախագահող հանձնակատար դեսպանորդ փաստաբան պաշտոնյա ռազմագերի ռազմագերիներ գերի'
  ).split(' '),
);

/** Georgian title stems (any case ending follows: "მინისტრმა", "პრეზიდენტის", "ელჩი"). */
const KA_TITLE = /^(?:მინისტრ|პრეზიდენტ|პრემიერ|ვიცეპრემიერ|სპიკერ|ელჩ|წარმომადგენელ|თავმჯდომარ|მოადგილ|მრჩეველ|დეპუტატ|პარლამენტარ|პატრიარქ|კათოლიკოს|გუბერნატორ|მწვრთნელ|ანალიტიკოს|ექსპერტ|დიპლომატ|მდივან|სპეცწარმომადგენელ|ომბუდსმენ|კომისარ|ლიდერ|მეთაურ)/u;

/** True for an Armenian or Georgian title word (set once per distinct word as `SCRIPT_TITLE`, lookup.ts). */
export function isScriptTitle(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 0x531 && c <= 0x587) return HY_TITLES.has(word.toLowerCase());
  if (c >= 0x10d0 && c <= 0x10ff) return KA_TITLE.test(word);
  return false;
}

const HY: Record<string, string> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l', խ: 'kh', ծ: 'ts',
  կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o', չ: 'ch', պ: 'p', ջ: 'j', ռ: 'r',
  ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'v', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f', և: 'ev',
};

/** Armenian vowels: after one, և is "yev" (Ալլահվերդիև → Allahverdiyev, the English form of -iyev names). */
const HY_VOWELS = new Set('աեէըիոօւ');

/**
 * The English spelling of one Armenian word (BGN/PCGN 1981, Eastern Armenian): ու → u, ո → vo and
 * ե → ye at a word's start, else o, e; և → yev at the start and after a vowel, else ev. "Շուշան" →
 * "Shushan", "Երվանդ" → "Yervand", "Աղաև" → "Aghayev", "Մեդվեդև" → "Medvedev". Pure.
 */
export function romanizeHy(word: string): string {
  const w = word.toLowerCase();
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    if (c === 'ո' && w[i + 1] === 'ւ') {
      out += 'u';
      i++;
      continue;
    }
    if (i === 0 && c === 'ո') out += 'vo';
    else if (i === 0 && c === 'ե') out += 'ye';
    else if (c === 'և' && (i === 0 || HY_VOWELS.has(w[i - 1]!))) out += 'yev';
    else out += HY[c] ?? c;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const KA: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm', ნ: 'n', ო: 'o',
  პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts',
  ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};

/** The English spelling of one Georgian word (national system of 2002): "კობახიძე" → "Kobakhidze". Pure. */
export function romanizeKa(word: string): string {
  let out = '';
  for (const c of word) out += KA[c] ?? c;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** Armenian case endings and articles on the last word of a name (ը, ն: the article; ի, ին, ից, ով, ում, ու: cases). */
const HY_ENDING = /(?:ը|ն|ի|ին|ից|ով|ում|ու|ն)$/u;
/**
 * Surname endings whose Armenian spelling romanises to the English one: -յան, -յանց, -ունի
 * (Armenian), -ով, -ովա, -և, -ևա, -եւ (Russian, Azerbaijani), -շվիլի, -ձե (Georgian). Other foreign
 * names are written by ear in Armenian ("Լուիս Բոնո" for Louis Bono, "Վուչիչ" for Vučić): their
 * romanisation is not the English spelling, so they are not reported (measured on every labeled set:
 * 3 such names, all false).
 */
const HY_SURNAME = /(?:յան|յանց|ունի|ով|ովա|և|ևա|եւ|եւա|ենկո|շվիլի|ձե)$/u;

/**
 * The nominative of the last word of an Armenian name when it is a surname of `HY_SURNAME`, else
 * null: "Ստեփանյանը" → "Ստեփանյան", "Մաշալյանի" → "Մաշալյան", "Ալիևը" → "Ալիև", "Բոնոն" → null.
 */
export function armenianNominative(word: string): string | null {
  const k = word.lastIndexOf('յան');
  if (k > 0 && word.length - (k + 3) <= 3 && (k + 3 === word.length || HY_ENDING.test(word.slice(k + 3)))) return word.slice(0, k + 3);
  if (HY_SURNAME.test(word)) return word;
  const m = HY_ENDING.exec(word);
  if (!m) return null;
  const base = word.slice(0, m.index);
  return base.length >= 3 && HY_SURNAME.test(base) ? base : null;
}

/** Georgian case endings on the last word of a name, longest first. */
const KA_ENDINGS = ['ისთვის', 'ისგან', 'იდან', 'თვის', 'თან', 'ით', 'ის', 'მა', 'ზე', 'ში', 'ად', 'ს', 'მ', 'ო'];
/** Georgian surnames in the nominative: Georgian -შვილი -ძე -ია -ავა -უა -ანი, and foreign -ოვი -ევი -ინი -იანი (not -ური, -ული, -სკი: adjectives and city names in the genitive, "ადამიანური", "მინსკის"). */
const KA_SURNAME = /(?:შვილი|ძე|[^ცზტს]ია|ავა|უა|ანი|ოვი|ევი|ოვა|ევა|ინი)$/u;
/** Endings distinctive enough that a surname the lexicon misread (as a place) is still taken for one. */
const KA_STRONG = /(?:შვილი|ძე|იანი)$/u;
const KA_VOWEL = /[აეიოუ]$/u;

/**
 * The nominative of the last word of a Georgian name when it is a surname ("ბოჭორიშვილმა" →
 * "ბოჭორიშვილი", "კვარაცხელიამ" → "კვარაცხელია", "კობახიძეს" → "კობახიძე"), else null: without
 * capitals, the surname's ending is what tells a name from the words after a title.
 */
export function georgianSurname(word: string): string | null {
  if (KA_SURNAME.test(word)) return word;
  for (const e of KA_ENDINGS) {
    if (!word.endsWith(e) || word.length - e.length < 3) continue;
    const base = word.slice(0, -e.length);
    const nom = KA_VOWEL.test(base) ? base : base + 'ი';
    if (KA_SURNAME.test(nom)) return nom;
  }
  return null;
}

/**
 * A Georgian surname's English form: the nominative -ი of a foreign name is no part of it
 * (ბაირამოვი → Bairamov); -იანი is how Georgian writes the Armenian -yan (სიმონიანი → Simonyan),
 * the Russian-derived roots read back (`armenianH`: სააკიანი → Sahakyan).
 */
function georgianEnglish(nom: string): string {
  const r = romanizeKa(nom);
  // Armenian names reach Georgian through their Russian form: the dropped h restored (არუთიუნიანი → Harutyunyan)
  if (r.endsWith('iani')) return armenianH(r.slice(0, -4).replace(/iu/g, 'yu') + 'yan');
  return /(?:ov|ev|in)i$/.test(r) ? r.slice(0, -1) : r;
}

/** A Georgian name in English: before an Armenian surname, the first name's dropped h too (Saak → Sahak). */
function georgianName(a: string, nom: string): string {
  const last = georgianEnglish(nom);
  return `${last.endsWith('yan') ? armenianH(romanizeKa(a)) : romanizeKa(a)} ${last}`;
}

const HY_UPPER = /^[\u0531-\u0556][\u0561-\u0587]+$/u;
const KA_WORD = /^[\u10d0-\u10ff]{2,}$/u;

/** Between a Georgian title and its name: a comma, a dash, quotation marks ("ყოფილი „პრეზიდენტები“ – არაიკ ..."). */
const LIST_MARKS = new Set([44, 0x2013, 0x2014, 45, 0x201e, 0x201c, 0x201d, 34, 0xab, 0xbb]);

/** True when only spaces (with `marks`, also `LIST_MARKS`) separate two words (a full stop ends a name). */
function spaced(src: string, from: number, to: number, marks = false): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && !(marks && LIST_MARKS.has(c))) return false;
  }
  return to > from;
}

/**
 * Finds title-introduced person names in Armenian (`hy`) or Georgian (`ka`) text: after a run of
 * title words, the next two words, joined by a space, neither read by the lexicon; Armenian: both
 * capitalised and no third capitalised word after them; Georgian: the second one a surname
 * (`georgianSurname`).
 * @param tok the article's words, @param title/@param body the texts (for the gaps between words)
 * @param matched per word: 0 unread, 1 read as a known actor, 2 or more read as a state, a place or a term
 * @param language "hy" or "ka"
 * @returns English spellings, in order of first appearance, without duplicates
 */
export function findScriptRoleNames(tok: Tokens, title: string, body: string, matched: (i: number) => number, language: 'hy' | 'ka'): string[] {
  const out: string[] = [];
  const n = tok.original.length;
  for (let i = 0; i < n; i++) {
    if ((tok.flags[i]! & SCRIPT_TITLE) === 0) continue;
    const sent = tok.sentence[i];
    const src = tok.sentencePara[sent!] === -1 ? title : body;
    let j = i + 1;
    while (j < n && tok.sentence[j] === sent && (tok.flags[j]! & SCRIPT_TITLE) !== 0) j++;
    i = j - 1;
    // Georgian: a surname the lexicon misread as a place ("ვარდანიანის" as Vardenis) is still a surname
    if (j + 1 >= n || tok.sentence[j + 1] !== sent || matched(j) !== 0 || matched(j + 1) === 1 || (matched(j + 1) !== 0 && language === 'hy')) continue;
    const a = tok.original[j]!;
    const b = tok.original[j + 1]!;
    // Georgian lists put a comma between title and name ("ყოფილ პრეზიდენტს, არაიკ არუთუნიანს")
    if (!spaced(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!, language === 'ka') || !spaced(src, tok.pos[j]! + a.length, tok.pos[j + 1]!)) continue;
    let name: string | null = null;
    if (language === 'hy') {
      if (!HY_UPPER.test(a) || !HY_UPPER.test(b)) continue;
      const next = j + 2 < n && tok.sentence[j + 2] === sent && spaced(src, tok.pos[j + 1]! + b.length, tok.pos[j + 2]!) ? tok.original[j + 2]! : '';
      // a third capitalised word: a longer name ("Ռեջեփ Թայիփ Էրդողան"), unless the lexicon reads it as a place or state ("... Վալտոնենը Երևանում")
      if (HY_UPPER.test(next) && matched(j + 2) <= 1) continue;
      const nom = armenianNominative(b);
      if (nom !== null) name = `${romanizeHy(a)} ${romanizeHy(nom)}`;
    } else {
      if (!KA_WORD.test(a) || !KA_WORD.test(b) || AND.has(a) || (tok.flags[j + 1]! & SCRIPT_TITLE) !== 0) continue;
      const nom = georgianSurname(b);
      if (nom !== null && matched(j + 1) !== 0 && !KA_STRONG.test(nom)) continue;
      if (nom !== null && georgianSurname(a) === null) name = georgianName(a, nom);
    }
    if (name === null) continue;
    if (!out.includes(name)) out.push(name);
    i = j + 1;
    // more names share the title: after "and" ("ყოფილ პრეზიდენტებს, არკადი ღუკასიანს და ბაკო
    // საჰაკიანს"), or after a comma in Georgian lists ("არაიკ არუთიუნიანი, ბაკო სააკიანი და ...")
    for (let c = j + 2, more = 0; more < 6 && c + 1 < n && tok.sentence[c + 1] === sent; more++) {
      const gap = src.slice(tok.pos[c - 1]! + tok.original[c - 1]!.length, tok.pos[c]!);
      let a2 = c;
      if (AND.has(tok.original[c]!)) a2 = c + 1;
      else if (!(language === 'ka' && /^\s*,\s*$/.test(gap))) break;
      if (a2 + 1 >= n || tok.sentence[a2 + 1] !== sent || matched(a2) !== 0 || matched(a2 + 1) !== 0) break;
      const next = nameOf(tok.original[a2]!, tok.original[a2 + 1]!, language);
      if (next === null) break;
      if (!out.includes(next)) out.push(next);
      i = a2 + 1;
      c = a2 + 2;
    }
  }
  if (language === 'hy') untitledArmenian(tok, body, matched, out);
  return out;
}

/** "and" in Armenian and Georgian. */
const AND = new Set(['ու', 'և', 'եւ', 'და']);

/** The English form of a two-word name (first name, declined surname), or null when the second word is no surname. */
export function nameOf(a: string, b: string, language: 'hy' | 'ka'): string | null {
  if (language === 'hy') {
    if (!HY_UPPER.test(a) || !HY_UPPER.test(b)) return null;
    const nom = armenianNominative(b);
    return nom === null ? null : `${romanizeHy(a)} ${romanizeHy(nom)}`;
  }
  if (!KA_WORD.test(a) || !KA_WORD.test(b)) return null;
  const nom = georgianSurname(b);
  return nom !== null && georgianSurname(a) === null ? georgianName(a, nom) : null;
}

/** Surname endings distinctive enough to find an Armenian name without a title: -յան, -յանց, -ևա, -ովա. */
const HY_STRONG = /(?:յան|յանց|ևա|եւա|ովա)$/u;

/**
 * Armenian names without a title: inside a body sentence (not its first word), a capitalised word
 * then a capitalised surname of `HY_STRONG` ("Պատասխանելով Բակո Սահակյանի փաստաբանի ...",
 * "ռազմագերիներ Լյուդվիգ Մկրտչյանի ու ..."), neither read by the lexicon, no capitalised word
 * joined before or after. Armenian capitalises only proper names, and -յան is the Armenian
 * surname's ending; a sentence's first word may be any word ("Ըստ Սահակյանի"), so it starts none.
 * Adds to `out`.
 */
function untitledArmenian(tok: Tokens, body: string, matched: (i: number) => number, out: string[]): void {
  const n = tok.original.length;
  for (let j = 1; j + 1 < n; j++) {
    const sent = tok.sentence[j]!;
    if (tok.sentencePara[sent] === -1 || tok.sentence[j - 1] !== sent || tok.sentence[j + 1] !== sent) continue;
    const a = tok.original[j]!;
    const b = tok.original[j + 1]!;
    // capital Armenian letters are U+0531–U+0556: a char code test before the expressions
    const ca = a.charCodeAt(0);
    const cb = b.charCodeAt(0);
    if (ca < 0x531 || ca > 0x556 || cb < 0x531 || cb > 0x556) continue;
    if (!HY_UPPER.test(a) || !HY_UPPER.test(b) || matched(j) !== 0 || matched(j + 1) !== 0) continue;
    if (!spaced(body, tok.pos[j]! + a.length, tok.pos[j + 1]!)) continue;
    if (HY_UPPER.test(tok.original[j - 1]!) && spaced(body, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) continue;
    if (j + 2 < n && tok.sentence[j + 2] === sent && HY_UPPER.test(tok.original[j + 2]!) && matched(j + 2) <= 1 && spaced(body, tok.pos[j + 1]! + b.length, tok.pos[j + 2]!)) continue;
    const nom = armenianNominative(b);
    if (nom === null || !HY_STRONG.test(nom)) continue;
    const name = `${romanizeHy(a)} ${romanizeHy(nom)}`;
    if (!out.includes(name)) out.push(name);
    j++;
  }
}
