/**
 * Named persons that the topic's lexicon does not know, for Latin-script text: two to five
 * capitalised words (particles such as "bin" included) right after a role word ("Prime Minister Rishi Sunak", "SEC Chair Gary
 * Gensler", "Ministerpräsident Pedro Sánchez"), reported as written. Names in other scripts
 * are left to the lexicon: an English canonical spelling cannot be derived from Кир Стармер.
 */
import type { Tokens } from './tokenize.js';
import { ROLE_WORD } from './word-flags.js';
import { isOfficeWord, isRoleWord } from './names-roles.js';

export { isOfficeWord, isRoleWord };

/** Lower-case particles allowed inside a name ("Tamim bin Hamad Al Thani", "Abdel Fattah el-Sisi"). */
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'de', 'da', 'di', 'du', 'von', 'van', 'der', 'le', 'la', 'del']);
/** Capitalised words that are not names. */
const NOT_NAME = new Set(['The', 'A', 'An', 'And', 'Of', 'On', 'In', 'At', 'To', 'For', 'With', 'Said', 'Says', 'Told', 'Le', 'La', 'Les', 'Der', 'Die', 'Das']);
const UPPER = /^\p{Lu}\p{Ll}/u;
const MAX_WORDS = 5;

export function isNameWord(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 65 && c <= 90) return w.length > 1 && !NOT_NAME.has(w) && w.charCodeAt(1) >= 97;
  return c > 127 && UPPER.test(w);
}

/** True when only spaces, a hyphen or an apostrophe (round 18: "d'État", "O'Brien") separate two words (a comma or a period ends a name). */
function joinedBySpace(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 45 && c !== 0xa0 && c !== 0x2010 && c !== 0x2011 && c !== 0x27 && c !== 0x2019) return false;
  }
  return true;
}

/** Words that link an office to its institution ("President of the European Council", "presidente della Regione"). */
const LINKS = new Set(['of', 'the', 'de', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'des', 'du', 'der', 'des', 'di', 'la', 'le', 'l', 'd', 'da', 'do', 'dos', 'das']);
/**
 * Head nouns of institutions and places (en fr de es it pl): a capitalised run that holds one is
 * an institution ("the Central Election Commission said"), not a person's name.
 */
const INSTITUTION = new Set((
  'Commission Council Committee Assembly Parliament Ministry Affairs Republic Union Federation Court Bank Agency Office ' +
  'Service Department Authority Party Group Organization Organisation Nations States Region Province County Government ' +
  'Security Defence Defense Foreign Interior Justice Economy Finance State Board Senate Congress House Police Army ' +
  'Regione Generalitat Provincia Comune Conseil Comité Assemblée Commission Ministère République Région Département ' +
  'Rat Ausschuss Kommission Ministerium Republik Bundesrat Bundestag Regierung Landes Consejo Comisión Gobierno ' +
  'Ministerio República Junta Consiglio Commissione Ministero Repubblica Governo Komisja Rada Sejm Ministerstwo Rządu ' +
  'Europe European Européen Européenne Europäischen Europeo Europea Unidas Unies Vereinten Unite Zjednoczonych ' +
  'National Central Supreme High Constitutional International Nationale Nacional Nazionale Narodowy ' +
  // round 18: "secrétaire d'État Claire Bonnet", "secretario de Estado", "segretario di Stato"
  'État Etat Estado Stato Staat Seguridad Sicurezza Sécurité Sicherheit Rady Komisji Sejmu Parlamentu Europejskiej ' +
  'Europejskiego Narodowej Bezpieczeństwa ' +
  // round 18 (sig18b): institutions in the genitive after an office, pl de ("Rzecznik Departamentu
  // Stanu X", "Ministerstwa Spraw Zagranicznych", "des Auswärtigen Amtes"); tr/az inflect by
  // suffix and are read by stem (INSTITUTION_STEM)
  'Departamentu Stanu Spraw Zagranicznych Obrony Kancelarii Urzędu Senatu Narodów Zjednoczonych Unii ' +
  'Auswärtigen Amtes Amts Ministeriums Bundesregierung Bundestages Parlaments Rates Departments Außenamts'
).split(' '));
/**
 * Round 18 (sig18b): stems of institution nouns in languages that inflect them by suffix (tr, az:
 * "Dışişleri Bakanlığında", "Milli Məclisdə", "Xarici İşlər Nazirliyinin"; pl, de: "Ministerstwa",
 * "Ministeriums", "Parlamentu"). A capitalised word starting with one is an institution's word.
 */
const INSTITUTION_STEM = /^(?:Bakanl|Parlament|Meclis|Məclis|Nazirl|Departman|Departament|Ministerst|Ministerio|Ministerium|Ministère|Komisj|Komisyon|Komissiya|Konsey|Şura|Dışişler|Xarici|İşlər|Dövlət|Hökumət|Hükümet|Cumhurbaşkanlığ|Administrasiya|Büyükelçiliğ|Səfirliy|Ambasad|Botschaft|Kongre|Konqres|Kongres|Bank)/u;

/** True for a word of an institution's name: one of INSTITUTION, or starting with an INSTITUTION_STEM. */
function isInstitution(w: string): boolean {
  return INSTITUTION.has(w) || INSTITUTION_STEM.test(w);
}
const MAX_INSTITUTION = 8;

/**
 * Round 10: the person after an office named with its institution ("President of the European
 * Council Charles Michel", "presidente della Regione Roberto Occhiuto", "el presidente de la
 * Generalitat, Carlos Mazón,"): from the link word at `from`, link words and capitalised words
 * (at most 8) up to the sentence's first other word or punctuation; the name is the last two
 * capitalised words (three with a particle) when an institution word stands before them, or the
 * two or three capitalised words after a comma. Neither may hold an institution word.
 * @returns first and last word index of the name, or null
 */
function afterInstitution(tok: Tokens, from: number, src: string, matched: (i: number) => number): [number, number] | null {
  const n = tok.original.length;
  const sent = tok.sentence[from];
  let j = from;
  let institution = false;
  let link = false;
  while (j < n && tok.sentence[j] === sent && j - from < MAX_INSTITUTION) {
    const w = tok.original[j]!;
    if (j > from && !joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) break;
    if (LINKS.has(w)) (link = true), j++;
    else if (isNameWord(w) && isInstitution(w)) (institution = true), (link = false), j++;
    else break;
  }
  if (!institution || j >= n || tok.sentence[j] !== sent) return null;
  // Round 18: capitalised words right after a link word complete the institution ("ministre
  // d'État du Haut-Karabakh"); a person's name follows the institution word or a comma.
  if (link && joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) return null;
  // The run of name words from j: after a comma ("de la Generalitat, Carlos Mazón") or right on.
  let k = j;
  const words: number[] = [];
  while (k < n && tok.sentence[k] === sent && words.length < 4) {
    const w = tok.original[k]!;
    if (k > j && !joinedBySpace(src, tok.pos[k - 1]! + tok.original[k - 1]!.length, tok.pos[k]!)) break;
    if (isNameWord(w) && matched(k) === 2) return null;
    if (isNameWord(w) && !isInstitution(w) && !isOfficeWord(w)) words.push(k);
    else if (!(PARTICLES.has(w) && k + 1 < n && isNameWord(tok.original[k + 1]!))) break;
    k++;
  }
  if (words.length < 2 || words.length > 3) return null;
  // The name ends the run: a capitalised word right after it would make it part of something longer.
  return [words[0]!, words[words.length - 1]!];
}

/** Articles that may open an apposition of office ("X, an Armenian lawmaker, said"), en fr de es it. */
const ARTICLES = new Set(['a', 'an', 'the', 'un', 'une', 'ein', 'eine', 'einer', 'der', 'die', 'una', 'uno', 'el', 'la', 'il', 'lo']);
/** Round 20: most words of an office's complement inside an apposition ("envoy to Brussels", "portavoz de la Aemet"). */
const MAX_COMPLEMENT = 4;
/** Round 20: prepositions that open an office's complement besides LINKS ("envoy to", "adviser for", "Botschafter in"). */
const COMPLEMENT_LINKS = new Set(['to', 'for', 'in', 'at', 'al', 'en', 'für', 'bei', 'in', 'à', 'au', 'aux', 'per', 'presso', 'ad', 'w', 'przy', 'ds']);
/** Words of lower-case description allowed between the comma and the office (≤ 4: "an Armenian opposition lawmaker"). */
const MAX_APPOSITION = 4;

/** True when the gap between two words holds a comma and nothing but white space besides. */
function commaGap(src: string, from: number, to: number): boolean {
  let comma = false;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 44) comma = true;
    else if (c !== 32 && c !== 0xa0) return false;
  }
  return comma;
}

/**
 * Round 18 (tagsig18): the person named before an apposition of office, "Hovhannes X, an
 * Armenian opposition lawmaker, said" / "X, député arménien, a déclaré": from the role word at
 * `i`, back over at most 4 articles, lower-case words and words the lexicon read as a state or
 * demonym (`bridge`) to a comma, and before it two or three capitalised words (particles inside)
 * that open the sentence or follow a word that is not capitalised.
 * @returns first and last word index of the name, or null
 */
function beforeApposition(tok: Tokens, i: number, src: string, matched: (i: number) => number): [number, number] | null {
  const bridge = (k: number): boolean => matched(k) === 2;
  const sent = tok.sentence[i];
  // The apposition ends with the office (a demonym may follow): "X, an Armenian lawmaker, said",
  // "X, député arménien, a déclaré"; "In the South Caucasus, a US envoy arrived" opens a clause.
  let e = i + 1;
  while (e < tok.original.length && tok.sentence[e] === sent && bridge(e) && e - i <= 2) e++;
  // Round 20 (tagact20): the office's complement may stand before the closing comma ("X, the
  // country's envoy to Brussels, suggested", "X, portavoz de la Aemet, asegura"): link words and
  // capitalised or lexicon words, at most 4, joined by spaces.
  if (e < tok.original.length && tok.sentence[e] === sent && !commaGap(src, tok.pos[e - 1]! + tok.original[e - 1]!.length, tok.pos[e]!)) {
    let f = e;
    while (f < tok.original.length && tok.sentence[f] === sent && f - e < MAX_COMPLEMENT && joinedBySpace(src, tok.pos[f - 1]! + tok.original[f - 1]!.length, tok.pos[f]!)) {
      const w = tok.original[f]!;
      if (!(COMPLEMENT_LINKS.has(w) || LINKS.has(w) || ARTICLES.has(w) || matched(f) !== 0 || (isNameWord(w) && (tok.flags[f]! & ROLE_WORD) === 0))) break;
      f++;
    }
    if (f > e && f < tok.original.length && tok.sentence[f] === sent && isNameWord(tok.original[f - 1]!)) e = f;
  }
  if (e >= tok.original.length || tok.sentence[e] !== sent || !commaGap(src, tok.pos[e - 1]! + tok.original[e - 1]!.length, tok.pos[e]!)) return null;
  let k = i - 1;
  for (let steps = 0; k >= 0 && tok.sentence[k] === sent; steps++) {
    if (commaGap(src, tok.pos[k]! + tok.original[k]!.length, tok.pos[k + 1]!)) break;
    if (steps >= MAX_APPOSITION || !joinedBySpace(src, tok.pos[k]! + tok.original[k]!.length, tok.pos[k + 1]!)) return null;
    const w = tok.original[k]!;
    if (!(ARTICLES.has(w) || bridge(k) || (!isNameWord(w) && w.charCodeAt(0) >= 97))) return null;
    k--;
  }
  if (k < 0 || tok.sentence[k] !== sent) return null;
  const last = k;
  let names = 0;
  while (k >= 0 && tok.sentence[k] === sent && (k === last || joinedBySpace(src, tok.pos[k]! + tok.original[k]!.length, tok.pos[k + 1]!))) {
    const w = tok.original[k]!;
    if (isNameWord(w) && (tok.flags[k]! & ROLE_WORD) === 0 && !isInstitution(w) && matched(k) !== 2) names++;
    else if (!(PARTICLES.has(w) && names > 0)) break;
    k--;
  }
  const first = k + 1;
  if (names < 2 || names > 3 || !isNameWord(tok.original[first]!)) return null;
  // The run must be the whole name: a capitalised word joined to it before makes it part of something longer.
  if (k >= 0 && tok.sentence[k] === sent && isNameWord(tok.original[k]!) && joinedBySpace(src, tok.pos[k]! + tok.original[k]!.length, tok.pos[k + 1]!)) return null;
  return [first, last];
}

/**
 * Finds role-introduced person names.
 * @param tok the article's words (title, then body)
 * @param title the title text, @param body the body text (for the exact spelling with hyphens)
 * @param skip true for words already matched as a lexicon actor
 * @param matched per word: 2 when the lexicon read it as a state or its demonym, 3 as another
 *   entry (a place, an organisation), else 0 (round 18: "Le député arménien X" and "Il deputato
 *   azero X" put the origin between office and name, "X, an Armenian lawmaker"; a name holds no
 *   such word: "Kubanıçbek Ömüraliyev Azərbaycan ...", "ministre d'État du Haut-Karabakh"); absent: none
 * @param nounsCapitalised true for German text: a name takes at most two spaced capitalised words
 * @returns names as written, in order of first appearance, without duplicates
 */
export function findRoleNames(tok: Tokens, title: string, body: string, skip: (i: number) => boolean, matched: (i: number) => number = () => 0, nounsCapitalised = false): string[] {
  const bridge = (k: number): boolean => matched(k) === 2;
  const out: string[] = [];
  // A found span [from, to] of words: its text as written, once, unless a word of it is a known actor.
  const addSpan = ([from, to]: [number, number], src: string): void => {
    for (let k = from; k <= to; k++) if (skip(k)) return;
    const name = src.slice(tok.pos[from], tok.pos[to]! + tok.original[to]!.length).replace(/\s+/g, ' ');
    if (!out.includes(name)) out.push(name);
  };
  const n = tok.original.length;
  for (let i = 0; i < n; i++) {
    if ((tok.flags[i]! & ROLE_WORD) === 0) continue;
    const sent = tok.sentence[i];
    let j = i + 1;
    while (j < n && tok.sentence[j] === sent && (tok.flags[j]! & ROLE_WORD) !== 0) j++;
    const src = tok.sentencePara[sent!] === -1 ? title : body;
    // Round 18: a lower-case demonym between office and name ("Le député arménien Gor X").
    for (let b = 0; b < 2 && j < n && tok.sentence[j] === sent && bridge(j) && !isNameWord(tok.original[j]!); b++) j++;
    let first = j;
    let words = 0;
    let spacedNames = 0;
    let last = -1;
    while (j < n && tok.sentence[j] === sent && words < MAX_WORDS) {
      if (j > first && !joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) break;
      const w = tok.original[j]!;
      // Another office ends the name: "Cumhurbaşkanı, Ermenistan Başbakanı ve ..." lists
      // offices, it names nobody (round 8); "The spokesman, Ayhan Hajizade, said" still names.
      if ((tok.flags[j]! & ROLE_WORD) !== 0) {
        last = -1;
        break;
      }
      if (matched(j) === 2) break;
      // Round 18: German capitalises every noun; a third spaced word after a first and last name
      // is one ("Diplomat Elchin Amirbajew Zweifel daran"); hyphened parts count with their word.
      if (nounsCapitalised && isNameWord(w)) {
        if (j === first || src.charCodeAt(tok.pos[j]! - 1) !== 45) spacedNames++;
        if (spacedNames > 2) break;
      }
      if (isNameWord(w)) last = j;
      else if (!(PARTICLES.has(w) && j + 1 < n && isNameWord(tok.original[j + 1]!))) break;
      words++;
      j++;
    }
    // Round 18: a capitalised run holding an institution word names a body ("przewodniczący Rady
    // Europejskiej"). sig18b: when the institution words open the run and two or more name words
    // follow, those are the person ("Rzecznik Departamentu Stanu Daniel Carter").
    if (last >= 0) {
      let lead = first;
      while (lead <= last && isInstitution(tok.original[lead]!)) lead++;
      let inside = false;
      for (let k = lead; k <= last; k++) if (isInstitution(tok.original[k]!)) inside = true;
      if (inside || (lead > first && (last - lead < 1 || !isNameWord(tok.original[lead]!)))) continue;
      first = lead;
    }
    if (last < 0 && LINKS.has(tok.original[first]!)) {
      const named = afterInstitution(tok, first, src, matched) ?? afterCommaPhrase(tok, first, src, matched) ?? beforeApposition(tok, i, src, matched);
      if (named) {
        const [, to] = named;
        addSpan(named, src);
        // a name before the office (beforeApposition) leaves i where it is
        if (to > i) i = to;
      }
      continue;
    }
    if (last < 0 || last - first < 1 || !isNameWord(tok.original[first]!)) {
      const named = beforeApposition(tok, i, src, matched) ?? afterCommaPhrase(tok, first, src, matched);
      if (named) {
        addSpan(named, src);
      } else for (const span of listAfter(tok, first, src, matched, skip)) addSpan(span, src);
      continue;
    }
    let known = false;
    for (let k = first; k <= last; k++) if (skip(k)) known = true;
    if (known) continue;
    const name = src.slice(tok.pos[first], tok.pos[last]! + tok.original[last]!.length).replace(/\s+/g, ' ');
    if (!out.includes(name)) out.push(name);
    i = last;
    // Round 19 (tagact19): a second name joined by "and" shares the title ("Judges Anar X and Jamal
    // Y", "Ministers X Y and Z W"): exactly two capitalised words the lexicon does not read.
    for (let more = coordinated(tok, last, src, matched, skip); more !== null; more = coordinated(tok, more[1], src, matched, skip)) {
      addSpan(more, src);
      i = more[1];
    }
  }
  return out;
}

/**
 * Round 19: whether two name words start at `c` and the comma list they open closes with "and" and
 * one more name ("C D, E F and G H"): at most 6 names, each two name words the lexicon does not read.
 */
function listClosed(tok: Tokens, c: number, src: string, matched: (i: number) => number, skip: (i: number) => boolean): boolean {
  const sent = tok.sentence[c];
  for (let k = c, names = 0; names < 6 && k + 1 < tok.original.length && tok.sentence[k + 1] === sent; names++) {
    for (const w of [k, k + 1]) if (!isNameWord(tok.original[w]!) || (tok.flags[w]! & ROLE_WORD) !== 0 || isInstitution(tok.original[w]!) || matched(w) !== 0 || skip(w)) return false;
    if (!joinedBySpace(src, tok.pos[k]! + tok.original[k]!.length, tok.pos[k + 1]!)) return false;
    const next = k + 2;
    if (next >= tok.original.length || tok.sentence[next] !== sent) return false;
    const gap = src.slice(tok.pos[k + 1]! + tok.original[k + 1]!.length, tok.pos[next]!);
    if (AND.has(tok.original[next]!) && /^\s+$/.test(gap)) return true;
    if (!/^\s*,\s*$/.test(gap)) return false;
    k = next;
  }
  return false;
}

/** "and" in the languages of names.ts. */
const AND = new Set(['and', 'et', 'und', 'y', 'e', 'i', 've', 'və', 'oraz']);

/**
 * Round 19: the span [from, to] of a second name right after a found one and "and", or null: two
 * capitalised words joined by spaces, neither a role word, an institution word nor read by the
 * lexicon, followed by no third capitalised word.
 */
function coordinated(tok: Tokens, last: number, src: string, matched: (i: number) => number, skip: (i: number) => boolean): [number, number] | null {
  const sent = tok.sentence[last];
  let c = last + 1;
  // a comma list ("Ministers A B, C D and E F"): each comma-joined name needs an "and" name to close the list
  if (c + 1 < tok.original.length && tok.sentence[c + 1] === sent && /^\s*,\s*$/.test(src.slice(tok.pos[last]! + tok.original[last]!.length, tok.pos[c]!)) && listClosed(tok, c, src, matched, skip)) return [c, c + 1];
  if (c + 2 >= tok.original.length || tok.sentence[c + 2] !== sent || !AND.has(tok.original[c]!)) return null;
  for (let k = c; k <= c + 2; k++) if (!joinedBySpace(src, tok.pos[k - 1]! + tok.original[k - 1]!.length, tok.pos[k]!)) return null;
  for (let k = c + 1; k <= c + 2; k++) {
    const w = tok.original[k]!;
    if (!isNameWord(w) || (tok.flags[k]! & ROLE_WORD) !== 0 || isInstitution(w) || matched(k) !== 0 || skip(k)) return null;
  }
  const after = c + 3;
  if (after < tok.original.length && tok.sentence[after] === sent && isNameWord(tok.original[after]!) && joinedBySpace(src, tok.pos[after - 1]! + tok.original[after - 1]!.length, tok.pos[after]!)) return null;
  return [c + 1, c + 2];
}

/** Most words of an office's complement before the comma ("de Asuntos Exteriores", "Białego Domu", "della Nato"). */
const MAX_PHRASE = 12;
/** Plural articles a complement may hold besides LINKS and ARTICLES (es las/los, fr les, it gli/i). */
const PLURAL_ARTICLES = new Set(['las', 'los', 'les', 'gli', 'i']);

/**
 * Round 19 (tagact19b): the person after an office, its complement and a comma, when the
 * complement holds no institution word ("rzeczniczka Białego Domu, Anna X", "il segretario
 * generale della Nato, Jens X,", "los viceministros de Asuntos Exteriores, Mijaíl X,"): from `from`,
 * at most 12 link words, articles, capitalised words and words the lexicon read (a state, a place)
 * joined by spaces up to a comma; then two or three name words the lexicon does not read, which
 * end at the sentence's end, a comma, or a lower-case word (not a longer capitalised run).
 * @returns first and last word index of the name, or null
 */
function afterCommaPhrase(tok: Tokens, from: number, src: string, matched: (i: number) => number): [number, number] | null {
  const n = tok.original.length;
  const sent = tok.sentence[from];
  let j = from;
  for (; j < n && tok.sentence[j] === sent && j - from < MAX_PHRASE; j++) {
    const w = tok.original[j]!;
    if (j > from && !joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) break;
    if (!(LINKS.has(w) || ARTICLES.has(w) || PLURAL_ARTICLES.has(w) || matched(j) !== 0 || (isNameWord(w) && (tok.flags[j]! & ROLE_WORD) === 0))) return null;
  }
  if (j === from || j >= n || tok.sentence[j] !== sent || !commaGap(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) return null;
  let k = j;
  while (k < n && tok.sentence[k] === sent && k - j < 4) {
    const w = tok.original[k]!;
    if (k > j && !joinedBySpace(src, tok.pos[k - 1]! + tok.original[k - 1]!.length, tok.pos[k]!)) break;
    if (!isNameWord(w)) break;
    if (matched(k) !== 0 || isInstitution(w) || (tok.flags[k]! & ROLE_WORD) !== 0) return null;
    k++;
  }
  if (k - j < 2 || k - j > 3) return null;
  return [j, k - 1];
}

/** Most words between a plural title and the list of names it introduces ("MPs from the X faction"). */
const MAX_LEAD = 8;

/**
 * Round 19 (tagact19b): a list of at least three persons a plural title introduces after a
 * complement ("MPs from the Hayastan faction A B, C D, E F and G H", "les députés de l'opposition
 * A B, C D et E F"): from `from`, at most 8 words joined by spaces, then a comma list of two-word
 * names closed by "and" (listClosed, coordinated). Fewer than three names is no list.
 * @returns the names' spans, or none
 */
function listAfter(tok: Tokens, from: number, src: string, matched: (i: number) => number, skip: (i: number) => boolean): [number, number][] {
  const n = tok.original.length;
  const sent = tok.sentence[from];
  for (let k = from; k < n && tok.sentence[k] === sent && k - from <= MAX_LEAD; k++) {
    if (k > from && !joinedBySpace(src, tok.pos[k - 1]! + tok.original[k - 1]!.length, tok.pos[k]!)) return [];
    if (!isNameWord(tok.original[k]!) || k + 1 >= n || !listClosed(tok, k, src, matched, skip)) continue;
    // the name must open the list: no capitalised word joined to it before (a faction's name is one word here)
    if (k > from && isNameWord(tok.original[k - 1]!) && k - 1 > from && isNameWord(tok.original[k - 2]!)) continue;
    const spans: [number, number][] = [[k, k + 1]];
    for (let more = coordinated(tok, k + 1, src, matched, skip); more !== null; more = coordinated(tok, more[1], src, matched, skip)) spans.push(more);
    return spans.length >= 3 ? spans : [];
  }
  return [];
}
