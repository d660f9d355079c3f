/**
 * Round 18 (tagsig18): persons the topic's lexicon does not know, named in Russian or Ukrainian
 * text after a title in the nominative ("вице-спикер парламента Армении Левон Оганесян",
 * "Депутат Национального собрания Армении Анна Карапетян", "Посол Вірменії Тигран Саргсян"),
 * reported in the English spelling the labeled sets use for such names: a romanisation after
 * BGN/PCGN (Russian), simplified to plain ASCII letters ("ий" at a word's end as "y": Дмитрий →
 * Dmitry, the usual English form). Round 18 (sig18b): Ukrainian text takes the Ukrainian national
 * system (`romanizeUk`, "Кирило" → Kyrylo, not the Russian reading "Kirilo"): the article's
 * language decides, as it does for Latin-script names (names-spelling.ts). An Armenian name in
 * Ukrainian text comes out in the Ukrainian reading ("Тигран Саргсян" → "Tyhran Sarhsian").
 * names.ts does the same for Latin-script text; there the name is reported as written.
 */
import type { Tokens } from './tokenize.js';
import { CYR_TITLE } from './word-flags.js';

/**
 * Titles in the nominative, lower case (the first letter is compared folded): an oblique title
 * ("с вице-премьером X", "министра X") puts the name in an oblique case too, which the
 * romanisation would report wrongly, so it is no title here. Hyphenated titles are split by the
 * tokenizer: "вице", "пресс", "віце" stand for the whole.
 */
const TITLES = new Set(
  (
    // ru
    'вице премьер спикер депутат посол секретарь омбудсмен омбудсман председатель министр президент замминистра ' +
    'заместитель помощник советник представитель спецпредставитель полпред дипломат мэр губернатор пресс ' +
    'генсек сенатор депутатка политолог глава руководитель ' +
    // uk
    'віце спікер посол секретар омбудсман омбудсмен заступник помічник радник представник речник речниця міністр ' +
    'президент дипломат мер губернатор депутатка посолка голова керівник очільник ' +
    // Round 19 (tagact19b): the press secretary written as one word (uk "прессекретар"), and trades that
    // introduce a person as the titles do ("адвокат X", "журналіст X"; names-person.ts for Latin script)
    'прессекретарь пресссекретарь прессекретар прес адвокат журналист журналистка эксперт активист директор ' +
    'корреспондент правозащитник аналитик профессор юрист журналіст журналістка експерт активіст кореспондент ' +
    'правозахисник аналітик професор'
  ).split(' '),
);

/** True for a Cyrillic title in the nominative, in any case ("Депутат", "депутат"); set once per distinct word as the `CYR_TITLE` flag (lookup.ts). */
export function isCyrillicTitle(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 0x400 && c <= 0x4ff && TITLES.has(word.toLowerCase());
}

/** Words between the title and the name (institution, state in the genitive: "парламента Армении"). */
const MAX_BETWEEN = 5;
const CYR_UPPER = /^[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+$/u;
/** Endings of oblique cases that a name in the nominative does not have (ru/uk; not -е: Armenian Ваге, Гарегине are names in the nominative). */
const OBLIQUE = /(ом|ем|ым|им|ой|ого|ому|ую|ею|у|ю)$/u;

const RU: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', "'": '', '’': '',
};
/** Vowels (and signs) after which Russian "ий" is not the ending -y. */
const VOWELS = new Set('аеёиоуыэюяіїєьъ');

/**
 * The English spelling of one Cyrillic name word: "Оганесян" → "Oganesyan", "Тигран" → "Tigran",
 * "Дмитрий" → "Dmitry"; е as "ye" at the word's start and after ь/ъ ("Кондратьев" → "Kondratyev", "Елена" →
 * "Yelena"; "Даниелян" → "Danielyan", the English form of Armenian names). Ukrainian text goes to
 * `romanizeUk` (Садовий → Sadovyi); дж is "j", the
 * English spelling of the Armenian, Azerbaijani and Georgian names this story's coverage holds
 * (a Russian reading would give "dzh"). Pure; letters
 * outside the table are kept.
 * @param uk true for Ukrainian text (then `romanizeUk`)
 */
export function romanize(word: string, uk = false): string {
  if (uk) return romanizeUk(word);
  const w = word.toLowerCase();
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    if (c === 'и' && w[i + 1] === 'й' && i + 2 === w.length && i > 0 && !VOWELS.has(w[i - 1]!)) {
      out += 'y';
      break;
    }
    // дж is the j of Armenian, Azerbaijani and Georgian names (Джейхун → Jeyhun, Мамиджанян → Mamijanyan)
    if (c === 'д' && w[i + 1] === 'ж') {
      out += 'j';
      i++;
      continue;
    }
    if (c === 'е' && (i === 0 || w[i - 1] === 'ь' || w[i - 1] === 'ъ')) out += 'ye';
    else out += RU[c] ?? c;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * Round 18 (sig18b): Ukrainian letters after the national standard, Resolution of the Cabinet of
 * Ministers of Ukraine No. 55 of 27 January 2010 (also BGN/PCGN 2019 for Ukrainian): и → y,
 * і → i, г → h, ґ → g, х → kh, щ → shch, ь and apostrophe dropped; є ї й ю я as ye yi y yu ya at
 * a word's start, else ie i i iu ia; зг → zgh.
 */
const UK: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', "'": '', '’': '', ʼ: '',
};
const UK_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

/**
 * The Ukrainian national romanisation of one word (table above): "Кирило" → "Kyrylo",
 * "Григорій" → "Hryhorii", "Ященко" → "Yashchenko", "Згурський" → "Zghurskyi". Pure.
 */
export function romanizeUk(word: string): string {
  const w = word.toLowerCase();
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    if (c === 'з' && w[i + 1] === 'г') {
      out += 'zgh';
      i++;
      continue;
    }
    out += (i === 0 ? UK_INITIAL[c] : undefined) ?? UK[c] ?? c;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * Round 19 (tagact19): Armenian name roots that begin with h (հ) in Armenian and in their English
 * spelling, which the Russian and Ukrainian transcription drops (Հայկ → Айк, Հակոբ → Акоп,
 * Հարությունյան → Арутюнян, Հովհաննես → Ованнес): the romanised word → its English form. Not
 * Оганес/Оганесян: the sets and the press also write Oganesyan (dev-signals18).
 */
const ARMENIAN_H = new Map<string, string>([
  ['Ayk', 'Hayk'], ['Akop', 'Hakob'], ['Arutyun', 'Harutyun'], ['Ayrapet', 'Hayrapet'], ['Ambartsum', 'Hambardzum'],
  ['Ovsep', 'Hovsep'], ['Ovik', 'Hovik'], ['Ovannes', 'Hovhannes'], ['Ovanes', 'Hovhannes'], ['Saak', 'Sahak'],
  // h written as г (Вահե → Ваге, Հասմիկ → Гасмик, Հրաչյա → Грачья)
  ['Vage', 'Vahe'], ['Gasmik', 'Hasmik'], ['Grachya', 'Hrachya'],
  // Round 20 (tagact20): Մհեր → Мгер, Զոհրաբ → Зограб (h as г); the Armenian forms of names the
  // Russian spelling writes in its own way: Դավիթ → Давид (Davit), Արկադի → Аркадий (Arkadi),
  // Արայիկ → Араик (Arayik): English coverage and the labeled sets write the Armenian form
  ['Mger', 'Mher'], ['Zograb', 'Zohrab'], ['David', 'Davit'], ['Arkady', 'Arkadi'], ['Araik', 'Arayik'],
]);
/**
 * Surname roots before -yan, as the Russian form (and the Georgian one taken from it) writes them:
 * the dropped h, and ղ written as г (Ղուկասյան → Гукасян, Պողոսյան → Погосян).
 */
const ARMENIAN_ROOT = new Map<string, string>([
  ['Akop', 'Hakob'], ['Arutyun', 'Harutyun'], ['Arutiun', 'Harutyun'], ['Arutun', 'Harutyun'], ['Ayrapet', 'Hayrapet'],
  ['Ambartsum', 'Hambardzum'], ['Ovsep', 'Hovsep'], ['Ovannis', 'Hovhannis'], ['Saak', 'Sahak'], ['Gukas', 'Ghukas'],
  ['Pogos', 'Poghos'], ['Sogomon', 'Soghomon'], ['Zograb', 'Zohrab'],
]);

/**
 * The English form of an Armenian name word romanised from a Russian-derived spelling (ru, uk,
 * ka): the dropped initial h and ղ restored ("Ayk" → Hayk, "Arutyunyan" → Harutyunyan, "Saakyan" →
 * Sahakyan, "Gukasyan" → Ghukasyan); other words unchanged. Not Оганес/Оганесян: the sets and the
 * press also write Oganesyan (dev-signals18).
 */
export function armenianH(word: string): string {
  const first = ARMENIAN_H.get(word);
  if (first !== undefined) return first;
  if (word.endsWith('yan')) {
    const root = ARMENIAN_ROOT.get(word.slice(0, -3));
    if (root !== undefined) return root + 'yan';
  }
  return word;
}

/**
 * Round 19 (tagact19): a first name and surname in the English spelling. A surname in -ян/-янц is
 * Armenian: its English form is transcribed from Armenian, so Ukrainian text takes the Russian
 * reading too (г and и are the Armenian g and i: "Тигран Саргсян" → Tigran Sargsyan, not the
 * Ukrainian reading Tyhran Sarhsian), and the h the Cyrillic spelling drops is restored
 * ("Айк Конджорян" → Hayk Konjoryan, `ARMENIAN_H`).
 */
export function armenianName(first: string, last: string, uk: boolean): string {
  if (!/(?:ян|янц)$/u.test(last.toLowerCase())) return `${romanize(first, uk)} ${romanize(last, uk)}`;
  return `${armenianH(romanize(first))} ${armenianH(romanize(last))}`;
}

/**
 * Round 18 (sig18b): words of an institution's name in ru and uk, as lower-case stems (any case
 * ending) or whole short words: "Министерства Обороны", "Міністерства Закордонних Справ",
 * "Государственного Департамента" are a body, never a person.
 */
const CYR_INSTITUTION_STEM = /^(?:еврокомисс|єврокоміс|европарламент|європарламент|евросовет|министерств|міністерств|департамент|парламент|посольств|правительств|уряд|комитет|комітет|комисси|комісі|служб|иностранн|закордонн|государствен|державн|совет|офис|офіс|администрац|адміністрац|кабинет|кабінет|верховн|оборон|госдеп|держдеп|собрани|ассамбле|асамбле)/u;
const CYR_INSTITUTION_WORD = new Set(['рада', 'ради', 'раду', 'дума', 'думы', 'думу', 'дел', 'справ', 'мид', 'мзс']);

/** True for a Cyrillic word of an institution's name (stems and words above; any letter case). */
function isCyrillicInstitution(word: string): boolean {
  const w = word.toLowerCase();
  return CYR_INSTITUTION_WORD.has(w) || CYR_INSTITUTION_STEM.test(w);
}

/** Quotation marks around a party's or a body's name between a title and the name (« » „ “ ” "). */
const QUOTES = new Set([0xab, 0xbb, 0x201e, 0x201c, 0x201d, 34]);

/**
 * True when only spaces separate two words (a comma or a full stop ends a name); with `quotes`,
 * quotation marks too (round 19: "глава фракции «Гражданский договор» Айк Конджорян").
 */
function spaced(src: string, from: number, to: number, quotes = false): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && !(quotes && QUOTES.has(c))) return false;
  }
  return to > from;
}

/**
 * Finds title-introduced person names in Russian or Ukrainian text: after a title in the
 * nominative, at most 5 words (lower case, or read by the lexicon, or one capitalised word of an
 * institution followed by a lower-case one) lead to exactly two capitalised Cyrillic words joined
 * by a space, neither read by the lexicon nor in an oblique case, followed by no third one.
 * @param tok the article's words, @param title/@param body the texts (for the gaps between words)
 * @param matched per word: non-zero when the lexicon read it (a known actor, a state, a place)
 * @param uk true for Ukrainian text (the Ukrainian national romanisation)
 * @returns English spellings, in order of first appearance, without duplicates
 */
export function findCyrillicRoleNames(tok: Tokens, title: string, body: string, matched: (i: number) => number, uk = false): string[] {
  const out: string[] = [];
  const n = tok.original.length;
  for (let i = 0; i < n; i++) {
    if ((tok.flags[i]! & CYR_TITLE) === 0) continue;
    const sent = tok.sentence[i];
    const src = tok.sentencePara[sent!] === -1 ? title : body;
    let j = i + 1;
    while (j < n && tok.sentence[j] === sent && (tok.flags[j]! & CYR_TITLE) !== 0) j++;
    for (let between = 0; j + 1 < n && tok.sentence[j + 1] === sent && between <= MAX_BETWEEN; between++, j++) {
      if (!spaced(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!, true)) break;
      const a = tok.original[j]!;
      if (matched(j) !== 0 || !CYR_UPPER.test(a) || isCyrillicInstitution(a)) continue;
      const b = tok.original[j + 1]!;
      if (matched(j + 1) !== 0 || !CYR_UPPER.test(b) || isCyrillicInstitution(b) || !spaced(src, tok.pos[j]! + a.length, tok.pos[j + 1]!)) continue;
      // a quoted run is a party's or a company's name («Газпром Нефть»), not a person's
      if (QUOTES.has(src.charCodeAt(tok.pos[j]! - 1)) || QUOTES.has(src.charCodeAt(tok.pos[j + 1]! + b.length))) continue;
      const after = j + 2 < n && tok.sentence[j + 2] === sent && spaced(src, tok.pos[j + 1]! + b.length, tok.pos[j + 2]!) ? tok.original[j + 2]! : '';
      if (CYR_UPPER.test(after)) break;
      if (OBLIQUE.test(a.toLowerCase()) || OBLIQUE.test(b.toLowerCase())) break;
      const name = armenianName(a, b, uk);
      if (!out.includes(name)) out.push(name);
      i = j + 1;
      break;
    }
  }
  return out;
}

/** An Armenian surname in Russian or Ukrainian: -ян/-янц, in the nominative or the masculine genitive/accusative (-а), dative (-у) or instrumental (-ом). */
const CYR_ARMENIAN = /^(.{3,}ян)(?:а|у|ом)?$|^(.{3,}янц)$/u;

/**
 * Round 20 (tagact20): the nominative of a first name declined with its surname ("Аркадия
 * Гукасяна" → Аркадий, "Рубена" → Рубен, "Микаеля" → Микаель, "Сергею" → Сергей), after the
 * surname's case ending (`ending`: "а", "у", "ом"); a stem shorter than 4 letters keeps its -а
 * (Ара, indeclinable); a vowel-final name is indeclinable (Бако).
 */
function firstNominative(a: string, ending: string): string {
  const w = a.toLowerCase();
  const cut = (n: number, add: string): string => a.slice(0, a.length - n) + add;
  if (ending === 'а') {
    if (w.endsWith('ия') || w.endsWith('ея')) return cut(1, 'й');
    if (w.endsWith('я')) return cut(1, 'ь');
    if (w.endsWith('а') && w.length >= 5) return cut(1, '');
  } else if (ending === 'у') {
    if (w.endsWith('ию') || w.endsWith('ею')) return cut(1, 'й');
    if (w.endsWith('ю')) return cut(1, 'ь');
    if (w.endsWith('у') && w.length >= 5) return cut(1, '');
  } else if (ending === 'ом') {
    if (w.endsWith('ием') || w.endsWith('еем')) return cut(2, 'й');
    if (w.endsWith('ем')) return cut(2, 'ь');
    if (w.endsWith('ом') && w.length >= 6) return cut(2, '');
  }
  return a;
}

/** Endings of a declined first name beside a nominative surname (a woman's -ян is not declined: "Анны Карапетян" names Anna). */
const FIRST_OBLIQUE = /(?:ы|ой|ою|ую|у|ю|е|і)$/u;

/**
 * The English form of a Cyrillic first name and Armenian surname (-ян, -янц, declined or not),
 * or null when `b` is no such surname or the first name's case cannot be told: "Аркадия Гукасяна"
 * → "Arkadi Ghukasyan", "Бако Саакян" → "Bako Sahakyan", "Давид Бабаян" → "Davit Babayan".
 */
export function cyrillicArmenianName(a: string, b: string): string | null {
  const m = CYR_ARMENIAN.exec(b.toLowerCase());
  if (m === null) return null;
  const nomLast = b.slice(0, (m[1] ?? m[2])!.length);
  const ending = b.length > nomLast.length ? b.slice(nomLast.length).toLowerCase() : '';
  let first = a;
  if (ending !== '') first = firstNominative(a, ending);
  else if (FIRST_OBLIQUE.test(a.toLowerCase()) && !/(?:ге|не|ле)$/u.test(a.toLowerCase())) return null;
  return armenianName(first, nomLast, false);
}

/**
 * Round 20 (tagact20): Armenian names in Russian or Ukrainian text without a title ("задержали
 * бывших лидеров - Аркадия Гукасяна, Бако Саакяна ...", "Араик Арутюнян, Аркадий Гукасян и Бако
 * Саакян"): inside a sentence (not its first word, which may be any word), a capitalised word and
 * a capitalised -ян/-янц surname (`cyrillicArmenianName`), joined by a space, neither read by the
 * lexicon nor an institution's word, with no capitalised word joined before or after. Russian and
 * Ukrainian capitalise only proper names, and -ян is the Armenian surname's ending.
 * @returns English spellings, in order of first appearance, without duplicates
 */
/**
 * Prepositions (ru, uk) before which a capitalised word is a place or a thing in an oblique case,
 * not a first name ("у Петербурзі Пашинян", "в Сочи Саакян").
 */
const PREPOSITIONS = new Set('в во на у из с со к ко по о об от до за под над при без для про через между від з із зі між після перед'.split(' '));

/**
 * Round 20 (tagact20): whether word `j` can open a name in running Cyrillic text: not a
 * sentence's first word (which may be any word) nor after a preposition, nor after a hyphen
 * (the second part of "Касым-Жомарт").
 */
export function opensCyrillicName(tok: Tokens, j: number, src: string): boolean {
  if (j < 1 || tok.sentence[j - 1] !== tok.sentence[j]) return false;
  const before = src.charCodeAt(tok.pos[j]! - 1);
  if (before === 45 || before === 0x2010 || before === 0x2011) return false;
  return !PREPOSITIONS.has(tok.original[j - 1]!);
}

export function findCyrillicArmenianNames(tok: Tokens, title: string, body: string, matched: (i: number) => number): string[] {
  const out: string[] = [];
  const n = tok.original.length;
  for (let j = 1; j + 1 < n; j++) {
    const b = tok.original[j + 1]!;
    // cheap tests first: the surname's last letters (я н | а у м ц)
    const last = b.charCodeAt(b.length - 1);
    if (last !== 0x43d && last !== 0x430 && last !== 0x443 && last !== 0x43c && last !== 0x446) continue;
    const sent = tok.sentence[j]!;
    if (tok.sentence[j - 1] !== sent || tok.sentence[j + 1] !== sent) continue;
    const a = tok.original[j]!;
    if (!CYR_UPPER.test(a) || !CYR_UPPER.test(b) || matched(j) !== 0 || matched(j + 1) !== 0) continue;
    if (isCyrillicInstitution(a) || (tok.flags[j]! & CYR_TITLE) !== 0) continue;
    const src = tok.sentencePara[sent] === -1 ? title : body;
    if (!spaced(src, tok.pos[j]! + a.length, tok.pos[j + 1]!)) continue;
    if (CYR_UPPER.test(tok.original[j - 1]!) && (tok.flags[j - 1]! & CYR_TITLE) === 0 && spaced(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) continue;
    if (j + 2 < n && tok.sentence[j + 2] === sent && CYR_UPPER.test(tok.original[j + 2]!) && spaced(src, tok.pos[j + 1]! + b.length, tok.pos[j + 2]!)) continue;
    if (QUOTES.has(src.charCodeAt(tok.pos[j]! - 1)) || !opensCyrillicName(tok, j, src)) continue;
    const name = cyrillicArmenianName(a, b);
    if (name === null) continue;
    if (!out.includes(name)) out.push(name);
    j++;
  }
  return out;
}
