/**
 * Script-independent consonant skeletons of names, so that a person or place the lexicon
 * knows in one spelling is found in another script or inflection it does not list (round 8:
 * "დარჩიაშვილის", "Дарчиашвили", "Դարչիաշվիլու" for Ilia Darchiashvili; "Кирантса" for
 * Kirants).
 *
 * A skeleton keeps the consonants of a word, each mapped to a class that the usual
 * transliterations between Latin, Cyrillic, Armenian, Georgian and Arabic script agree on:
 * voiced and voiceless pairs that Arabic and Armenian spellings swap (b/p, k/g/q/kh/gh/h,
 * s/z/sh/zh, f/v/w), the affricates (j, ch, c of az/tr) as one class, vowels and
 * semivowels dropped (Arabic script writes few of them). Repeated classes collapse. Only
 * skeletons of at least MIN_KEY classes are used: shorter ones (Gabala "kbl", Agdam "ktm")
 * collide with ordinary words and must be listed as forms.
 */

/** Fewest consonant classes in a usable skeleton (4 classes collided with common words in the labeled sets). */
export const MIN_KEY = 5;
/** At most this many trailing classes of a text word are taken as an inflection ending (ka -ის, -მა; ru -ым; hy -ով). */
const MAX_ENDING = 2;

const CLASSES: Record<string, string> = {};
function put(chars: string, cls: string): void {
  for (const c of chars) CLASSES[c] = cls;
}
// Latin (after the digraphs below; diacritics stripped except the letters mapped here first)
put('aeiouyəıäöüåæœ', '');
put('bp', 'b');
put('fvw', 'f');
put('kgqcxh', 'k');
put('jçč', 'j');
put('szşšžß', 's');
put('t', 't');
put('d', 'd');
put('l', 'l');
put('m', 'm');
put('n', 'n');
put('r', 'r');
// Cyrillic (ru, uk)
put('аеёиоуыэюяіїєйьъ', '');
put('бп', 'b');
put('вф', 'f');
put('гкхґ', 'k');
put('ч', 'j');
put('жзсшщ', 's');
put('ц', 'ts');
put('т', 't');
put('д', 'd');
put('л', 'l');
put('м', 'm');
put('н', 'n');
put('р', 'r');
// Armenian (ւ handled in skeletonOf: a vowel after ո, else v)
put('աեէըիոօյ', '');
put('բպփ', 'b');
put('վֆ', 'f');
put('գկքխղհ', 'k');
put('ջճչ', 'j');
put('ծցձ', 'ts');
put('սզշժ', 's');
put('տթ', 't');
put('դ', 'd');
put('լ', 'l');
put('մ', 'm');
put('ն', 'n');
put('ռր', 'r');
// Georgian
put('აეიოუ', '');
put('ბპ', 'b');
put('ვფ', 'f');
put('გკქყღხჰ', 'k');
put('ჯჩჭ', 'j');
put('ცწძ', 'ts');
put('სზშჟ', 's');
put('ტთ', 't');
put('დ', 'd');
put('ლ', 'l');
put('მ', 'm');
put('ნ', 'n');
put('რ', 'r');
// Arabic and Persian (و and ي are read as vowels: they mostly write u/o/i/y in names)
put('اآأإءئؤعوىيیة\u0640\u200c', '');
put('بپ', 'b');
put('ف', 'f');
put('كکقغخگحه', 'k');
put('جچ', 'j');
put('سصشزذظثژ', 's');
put('تط', 't');
put('دض', 'd');
put('ل', 'l');
put('م', 'm');
put('ن', 'n');
put('ر', 'r');

/** Latin digraphs read as one sound before the letters are classed (English, German, Polish, French spellings). */
const DIGRAPHS: [RegExp, string][] = [
  [/dzh|dsch|dj|tsch|tch|ch|cz|ć/g, 'j'],
  [/sch|sh|sz|zh|ś|ż|ź/g, 's'],
  [/kh|gh|ğ/g, 'k'],
  [/th/g, 't'],
  [/ph/g, 'f'],
];
const LATIN = /^[a-zà-ɏ]/;
const MARKS = /\p{M}+/gu;

/**
 * The consonant skeleton of one word (any script; lower or upper case), e.g. "Mustafayev",
 * "Мустафаев", "Մուստաֆաև", "მუსტაფაევი" and "مصطفايف" all give "mstf" (f and v are one class).
 * @returns the classes joined, repeats collapsed; "" when the word has none
 */
export function skeletonOf(word: string): string {
  return skeletonWithEnds(word).key;
}

/**
 * The skeleton, and for each of its classes the index in the (lower-cased) word right after
 * the letter that gave it, so that what follows a matched key can be checked as an ending.
 * Non-Latin words keep their indexes (no normalisation changes their length but Armenian և,
 * read here as e+v).
 */
function skeletonWithEnds(word: string): { key: string; ends: number[]; lower: string } {
  let w = word.toLowerCase();
  if (LATIN.test(w)) {
    for (const [re, to] of DIGRAPHS) w = w.replace(re, to);
    w = w.replace(/ə/g, 'a').replace(/ı/g, 'i').normalize('NFKD').replace(MARKS, '');
  }
  const arabic = w.charCodeAt(0) >= 0x600 && w.charCodeAt(0) <= 0x6ff;
  let key = '';
  const ends: number[] = [];
  let last = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    let cls = CLASSES[c];
    // Armenian ւ: a vowel in ու, else v; և is e+v. A final ه in Arabic script writes a vowel.
    if (c === 'ւ') cls = i > 0 && w[i - 1] === 'ո' ? '' : 'f';
    else if (c === 'և') cls = 'f';
    else if (arabic && c === 'ه' && i === w.length - 1 && i > 1) cls = '';
    if (cls === undefined || cls === '') continue;
    for (const k of cls) {
      if (k !== last) {
        key += k;
        ends.push(i + 1);
      } else ends[ends.length - 1] = i + 1;
      last = k;
    }
  }
  return { key, ends, lower: w };
}

/**
 * What a skeleton stands for: the entry, the longest form word it came from (in characters),
 * and whether every such form ends in the Armenian patronymic -yan (round 19, tagact19b).
 */
export interface SkeletonTarget {
  entry: number;
  length: number;
  yan: boolean;
}

/**
 * Round 19 (tagact19b): the Armenian surname suffix -yan in the scripts of the topic's languages
 * (Latin yan/ian/jan/ján, Cyrillic ян, Armenian յան, Georgian იან, Arabic script يان/یان). Its n
 * collapses with the root's last n, so a surname's skeleton is its root's: Մնացական (the first
 * name Mnatsakan) had the skeleton of Mnatsakanyan. A -yan surname is matched only by a word that
 * has the suffix (Armenian first names are the roots of the surnames: Hakob/Hakobyan, Mnatsakan/
 * Mnatsakanyan; BGN/PCGN romanisation of Armenian).
 */
const YAN = /(?:yan|ian|jan|ján|ян|յան|იან|يان|یان)/u;
const YAN_END = /(?:yan|ian|jan|ján|ян|յան|იან|يان|یان)$/u;

/**
 * Map from skeleton to the one lexicon entry it stands for, built from the single-word forms
 * of actors (surnames the topic file already lets stand alone: a surname listed only after a
 * first name, "samvel karapetyan", is too common to match alone) and of places. A skeleton
 * shared by two entries is ambiguous and dropped.
 * @param items the lexicon's entries with their forms (topic file order)
 * @param endings the topic's inflection endings (any language)
 * @returns skeleton → entry index and source length, and the endings folded
 */
export function buildSkeletons(items: { entry: { kind: string }; forms: string[] }[], endings: Iterable<string> = []): Skeletons {
  const map = new Map<string, SkeletonTarget>();
  const ambiguous = new Set<string>();
  items.forEach(({ entry, forms }, idx) => {
    if (entry.kind !== 'actors' && entry.kind !== 'places') return;
    const own: { key: string; word: string }[] = [];
    for (const f of forms) {
      const words = String(f).split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
      if (words.length === 1) own.push({ key: skeletonOf(words[0]!), word: words[0]! });
    }
    for (const { key, word } of own) {
      // An inflected form ("qarsdan", "грозного") is no key of its own when its stem is a form too.
      const w = word.toLowerCase();
      if (key.length < MIN_KEY || own.some((o) => o.word.length >= 3 && o.word.length < w.length && w.startsWith(o.word.toLowerCase()))) continue;
      const words = [word];
      const had = map.get(key);
      const yan = YAN_END.test(w);
      if (had === undefined) map.set(key, { entry: idx, length: words[0]!.length, yan });
      else if (had.entry !== idx) ambiguous.add(key);
      else (had.length = Math.max(had.length, words[0]!.length)), (had.yan &&= yan);
    }
  });
  for (const k of ambiguous) map.delete(k);
  const folded = new Set<string>();
  for (const e of endings) folded.add(plain(String(e)));
  return { keys: map, endings: folded };
}

/** The skeleton index of a lexicon, and the topic's inflection endings (folded). */
export interface Skeletons {
  keys: Map<string, SkeletonTarget>;
  endings: Set<string>;
}

function plain(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(MARKS, '');
}

/** True when what follows a key in a word is nothing, one or two vowels, or an inflection ending (optionally after a vowel). */
function isEnding(tail: string, endings: ReadonlySet<string>): boolean {
  if (tail.length === 0) return true;
  let vowels = true;
  for (const c of tail) if (CLASSES[c] !== '') vowels = false;
  if (vowels) return tail.length <= 2;
  const t = plain(tail);
  return endings.has(t) || (CLASSES[tail[0]!] === '' && endings.has(plain(tail.slice(1))));
}

const UPPER_FIRST = /^\p{Lu}/u;
const CASED_SCRIPT = /^[\p{Script=Cyrillic}\p{Script=Armenian}]/u;
const LATIN_WORD = /^\p{Script=Latin}/u;
const ARABIC_WORD = /^[\u0600-\u06ff]/;
/** Longest inflection a word may add to the form its skeleton came from, in characters (ka -ისთვის is 6; ru -ами 3). */
const MAX_EXTRA = 4;
/** Most letters a word may add to a form whose whole skeleton it matches: the vowels isEnding allows after it (ka -ი, ru -а, -ой). */
const MAX_VOWELS = 2;

/**
 * The lexicon entry a word no form matched stands for by its skeleton, or -1. What follows
 * the matched classes must be an inflection ending of the topic (or a vowel or two): the
 * Georgian verb განუცხადა is not Gandzak (Ganja), მძღოლებს (drivers) is not Michel. Latin-script
 * words are left to the forms and the topic's `transliterations` (a Latin skeleton read
 * "Holstein" as Galstanyan and "Closing" as Helsinki in the labeled sets). In Cyrillic and
 * Armenian only a capitalised word is a name; Georgian and Arabic script have no capitals,
 * and Arabic script, which writes few vowels, needs one class more (Persian شناختن,
 * "to recognise", has the skeleton of واشنگتن). The skeleton is tried whole, then without
 * one or two trailing classes (an inflection ending), and the word may be at most MAX_EXTRA
 * characters longer than the form it matched.
 * @param sk from buildSkeletons
 * @param word the word as written (without a proclitic already stripped by the caller)
 */
export function skeletonEntry(sk: Skeletons, word: string): number {
  if (sk.keys.size === 0 || word.length < MIN_KEY || LATIN_WORD.test(word)) return -1;
  if (CASED_SCRIPT.test(word) && !UPPER_FIRST.test(word)) return -1;
  const min = ARABIC_WORD.test(word) ? MIN_KEY + 1 : MIN_KEY;
  const { key, ends, lower } = skeletonWithEnds(word);
  for (let cut = 0; cut <= MAX_ENDING && key.length - cut >= min; cut++) {
    const k = cut === 0 ? key : key.slice(0, -cut);
    const t = sk.keys.get(k);
    // Round 19 (tagact19b): a whole-key match may add only vowels after it (isEnding), so a word
    // longer than the form by more than two letters holds more sounds inside: "ვარდანიანის" (of
    // Vardanyan) has the skeleton of Vardenis because n-ia-n collapses to one n.
    if (t === undefined || word.length > t.length + (cut === 0 ? MAX_VOWELS : MAX_EXTRA) || (t.yan && !YAN.test(lower))) continue;
    if (isEnding(lower.slice(ends[k.length - 1]), sk.endings)) return t.entry;
  }
  return -1;
}

/**
 * A one-word pattern for a word that starts no form but whose skeleton names a lexicon actor
 * or place (with an Arabic proclitic stripped when the whole word gives none), or null.
 * @param skeletons from buildSkeletons, @param proclitics folded, longest first
 * @param word as written, @param folded its folded form
 */
export function skeletonPattern(skeletons: Skeletons, proclitics: readonly string[], word: string, folded: string): { words: { text: string; prefix: boolean; cased: boolean; endings: null; capital: boolean }[]; entries: number[]; letters: number } | null {
  let e = skeletonEntry(skeletons, word);
  if (e < 0 && proclitics.length > 0 && folded.charCodeAt(0) >= 0x600 && folded.charCodeAt(0) <= 0x6ff) {
    for (const p of proclitics) {
      if (!folded.startsWith(p)) continue;
      e = skeletonEntry(skeletons, folded.slice(p.length));
      if (e >= 0) break;
    }
  }
  return e < 0 ? null : { words: [{ text: folded, prefix: false, cased: false, endings: null, capital: false }], entries: [e], letters: folded.length };
}
