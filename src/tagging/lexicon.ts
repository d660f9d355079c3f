/**
 * Lexicon compilation and matching for the tagger.
 *
 * A topic file lists surface forms ("forms") for each entity, term and cue. `compileLexicon`
 * turns them once into two hash maps keyed on the first word of each form (an exact-word map
 * and a map keyed on the first three letters of a stem), so matching an article costs about
 * one map lookup per word. Forms and text are folded the same way (`foldWord`), matching is on
 * Unicode word boundaries, and at one position the longest form wins.
 */
import { buildSkeletons, skeletonPattern, type Skeletons } from './skeleton.js';

/**
 * One word of a form: an exact word, a stem (`prefix`: any continuation), an inflected word
 * (`endings`: the stem alone or followed by one of the topic's inflection endings), or a
 * case-sensitive word (`cased`).
 */
interface WordPattern {
  text: string;
  prefix: boolean;
  cased: boolean;
  /** Set for `stem~` words: the folded endings allowed after the stem. */
  endings: ReadonlySet<string> | null;
  /** `^word`: the word as written must start with an upper-case letter (world states, states.ts). */
  capital?: boolean;
}

/** A compiled form: its words and the lexicon entries it stands for. */
export interface Pattern {
  words: WordPattern[];
  /** Indexes into `CompiledLexicon.entries`. */
  entries: number[];
  /** Tie-break: number of letters fixed by the form (longer wins). */
  letters: number;
}

/** What a form means: an entity, a talks term or a cue. */
export interface LexEntry {
  kind: 'countries' | 'actors' | 'places' | 'mediators' | 'others' | 'names' | 'term' | 'negative' | 'mediation' | 'background' | 'history' | 'release' | 'captive' | 'reaction' | 'thirdParty' | 'role' | 'speech' | 'border' | 'meeting' | 'boilerplate' | 'sport' | 'comparison' | 'facility' | 'upcoming';
  /** Canonical English name ("Ararat Mirzoyan", "peace treaty"); the cue kind for cues. */
  name: string;
  /** Which party of the dyad the entity stands for, if any. */
  party?: string;
  /** Country an actor or capital belongs to ("United States" for Blinken). */
  country?: string;
  /** Countries: false for organisations that are not states (European Union). */
  isCountry?: boolean;
  /** The entity can act as a mediator of the talks. */
  mediator?: boolean;
  /** The entity is a mediator whenever it is mentioned (OSCE Minsk Group). */
  always?: boolean;
  /** The entity is a party of another dyad (guideline rule 6). */
  other?: boolean;
  /** Capital that doubles as a stand-in for its government: a place only in a locative context. */
  standIn?: boolean;
  /** A building: its `implies` (its city) are places, not the building itself. */
  building?: boolean;
  /** A place that also names a sports club (topic `club`). */
  club?: boolean;
  /** An adjective of nationality: the state takes part only when its official is meant. */
  demonym?: boolean;
  /** Specific to this topic's process: counts as a reference to the dyad. */
  anchor?: boolean;
  /** "The two sides": refers to both parties. */
  dyadic?: boolean;
  /** A route word ("via", "through the territory of", "გავლით"): states named along it are a route, not a pair (round 6). */
  route?: boolean;
  /** A term that names officials ("foreign ministers"): counts as a role word too. */
  role?: boolean;
  /** Places named along with the entity ("Karabakh Armenians" → Karabakh). */
  implies?: string[];
  /** Talks weight (terms). */
  weight?: number;
  /** A world state from the i18n-iso-countries names (states.ts), not from the topic file. */
  gazetteer?: boolean;
  /** A city-state (Monaco, Singapore): named as the scene, it is the city, not a state taking part. */
  cityState?: boolean;
}

/** What the lexicon knows about one word of text: its folded form and the forms it can start. */
export interface WordInfo {
  folded: string;
  /** Patterns whose first word matches this word, longest first; null when none. */
  starts: Pattern[] | null;
}

/** The compiled lexicon: entries plus the two first-word indexes. */
export interface CompiledLexicon {
  entries: LexEntry[];
  exact: Map<string, Pattern[]>;
  /** Keyed on the first PREFIX_KEY letters of a stem. */
  prefix: Map<string, Pattern[]>;
  /**
   * Folded proclitics, longest first (Arabic و ب ل ال وال...): a word that starts no form is
   * looked up again without one ("وأذربيجان" → "أذربيجان").
   */
  proclitics: string[];
  /**
   * Word cache: original word → WordInfo, so each distinct word is folded and looked up once
   * (news vocabulary repeats). Bounded by WORD_CACHE_MAX entries of at most
   * WORD_CACHE_MAX_LENGTH characters; cleared when full.
   */
  words: Map<string, WordInfo>;
  /** Consonant skeleton → actor or place entry, for names in a spelling no form lists (skeleton.ts, round 8). */
  skeletons: Skeletons;
}

/** Entries kept in a lexicon's word cache before it is cleared (about 10 MB at most). */
export const WORD_CACHE_MAX = 100_000;
/** Longer words are looked up but not cached (bounds the cache's memory on hostile input). */
export const WORD_CACHE_MAX_LENGTH = 64;

const PREFIX_KEY = 3;
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
/** A word: a run of letters, marks and digits (Unicode word boundaries). */
export const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Folds one word for matching: lower case, compatibility decomposition (NFKD, so the Armenian
 * ligature և becomes եւ), combining marks dropped (é→e, й→и, ё→е, ş→s, ğ→g), and the
 * Azerbaijani/Turkish letters ə→e, ı→i and German ß→ss that do not decompose.
 */
export function foldWord(word: string): string {
  let s = word.toLowerCase();
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKD').replace(MARKS, '');
    if (s.includes('ə') || s.includes('ı') || s.includes('ß')) s = s.replace(/ə/g, 'e').replace(/ı/g, 'i').replace(/ß/g, 'ss');
    // Arabic script: Persian and Arabic spell the same letters with different code points
    // (ی/ي/ى, ک/ك, ة/ه); the tatweel is decoration.
    if (ARABIC_VARIANTS.test(s)) s = s.replace(ARABIC_VARIANTS_G, (c) => ARABIC_FOLD[c]!);
    if (s.includes(ZWNJ)) s = joinZwnj(s);
  }
  return s;
}

const ZWNJ = '\u200c';
/**
 * Persian inflectional suffixes written after a zero-width non-joiner (folded: ی→ي): plural ها,
 * ezafe/indefinite ی, comparative تر... (Persian orthography; the Academy of Persian Language
 * and Literature's spelling rules write them detached with a ZWNJ).
 */
const PERSIAN_SUFFIXES = new Set(['ها', 'هاي', 'هايي', 'اي', 'ي', 'تر', 'ترين', 'اش', 'شان', 'مان', 'تان']);

/**
 * Persian writes compounds and suffixes with a zero-width non-joiner inside one word
 * (توافق‌نامه "agreement", نخست‌وزیر "prime minister", نشست‌ها "meetings"); outlets also drop it
 * (توافقنامه) or put a space. A word with ZWNJs is read as its parts joined, without a trailing
 * inflectional suffix: توافق‌نامه → توافقنامه, نشست‌ها → نشست. Multi-word forms in Arabic script
 * also match joined (compileLexicon), so نخست وزیر, نخست‌وزیر and نخستوزیر are one form.
 */
function joinZwnj(s: string): string {
  const parts = s.split(ZWNJ);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length === 0 || (out.length > 0 && PERSIAN_SUFFIXES.has(p))) continue;
    out += p;
  }
  return out;
}

const ARABIC_FOLD: Record<string, string> = { '\u06cc': '\u064a', '\u0649': '\u064a', '\u06a9': '\u0643', '\u0629': '\u0647', '\u0640': '' };
const ARABIC_VARIANTS = /[\u06cc\u0649\u06a9\u0629\u0640]/;
const ARABIC_VARIANTS_G = /[\u06cc\u0649\u06a9\u0629\u0640]/g;

function parseForm(form: string, endings: ReadonlySet<string>): WordPattern[] {
  const words: WordPattern[] = [];
  // A form is split like text: on anything that is not a letter/mark/digit, keeping `*`, `~` and `=`.
  for (const part of form.split(/[^\p{L}\p{M}\p{N}*~=^]+/u)) {
    if (!part) continue;
    const capital = part.startsWith('^');
    const raw = capital ? part.slice(1) : part;
    const cased = raw.startsWith('=');
    let w = cased ? raw.slice(1) : raw;
    const inflected = w.endsWith('~');
    const prefix = inflected || w.endsWith('*');
    if (prefix) w = w.slice(0, -1);
    if (!w) continue;
    words.push({ text: cased ? w.normalize('NFC') : foldWord(w), prefix, cased, endings: inflected ? endings : null, ...(capital ? { capital } : {}) });
  }
  return words;
}

/**
 * Adds one form for an entry.
 * @throws Error when a stem is shorter than 3 letters (it would match too much)
 */
function addForm(lex: CompiledLexicon, byKey: Map<string, Pattern>, form: string, entry: number, endings: ReadonlySet<string>): void {
  const words = parseForm(String(form), endings);
  if (words.length === 0) return;
  for (const joined of joinedVariants(words)) addWords(lex, byKey, form, joined, entry);
}

const ARABIC_LETTER = /^[\u0600-\u06ff]/;

/**
 * The form itself, plus, for adjacent Arabic-script words, every variant with some of them
 * written as one word (Persian نخست وزیر / نخست‌وزیر / نخستوزیر; see joinZwnj). A stem (`*`)
 * is never joined to the word after it. At most 2^(n-1) variants for n words.
 */
function joinedVariants(words: WordPattern[]): WordPattern[][] {
  let out: WordPattern[][] = [[words[0]!]];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const next: WordPattern[][] = [];
    for (const v of out) {
      next.push([...v, w]);
      const last = v[v.length - 1]!;
      if (!last.prefix && !last.cased && !w.cased && ARABIC_LETTER.test(last.text) && ARABIC_LETTER.test(w.text)) {
        next.push([...v.slice(0, -1), { text: last.text + w.text, prefix: w.prefix, cased: false, endings: w.endings }]);
      }
    }
    out = next;
  }
  return out;
}

function addWords(lex: CompiledLexicon, byKey: Map<string, Pattern>, form: string, words: WordPattern[], entry: number): void {
  for (const w of words) {
    if (w.prefix && w.text.length < PREFIX_KEY) throw new Error(`stem "${w.text}*" in form "${form}" is shorter than ${PREFIX_KEY} letters`);
  }
  const key = words.map((w) => `${w.cased ? '=' : ''}${w.text}${w.endings ? '~' : w.prefix ? '*' : ''}`).join(' ');
  const known = byKey.get(key);
  if (known) {
    if (!known.entries.includes(entry)) known.entries.push(entry);
    return;
  }
  const p: Pattern = { words, entries: [entry], letters: words.reduce((n, w) => n + w.text.length + (w.prefix ? 0 : 0.5), 0) };
  byKey.set(key, p);
  const first = words[0]!;
  const text = first.cased ? foldWord(first.text) : first.text;
  const map = first.prefix ? lex.prefix : lex.exact;
  const k = first.prefix ? text.slice(0, PREFIX_KEY) : text;
  const list = map.get(k);
  if (list) list.push(p);
  else map.set(k, [p]);
}

/**
 * Builds the indexes from entries and their forms.
 * @param endings inflection endings allowed after a `stem~` word (folded when compiled)
 * @throws Error naming the form when a stem is shorter than 3 letters
 */
export function compileLexicon(items: { entry: LexEntry; forms: string[] }[], endings: Iterable<string> = [], proclitics: Iterable<string> = []): CompiledLexicon {
  const clitics = [...new Set([...proclitics].map((p) => foldWord(String(p))).filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  const lex: CompiledLexicon = { entries: [], exact: new Map(), prefix: new Map(), words: new Map(), proclitics: clitics, skeletons: buildSkeletons(items, endings) };
  const folded = new Set<string>();
  for (const e of endings) folded.add(foldWord(String(e)));
  const byKey = new Map<string, Pattern>();
  for (const { entry, forms } of items) {
    const idx = lex.entries.push(entry) - 1;
    for (const f of forms) addForm(lex, byKey, f, idx, folded);
  }
  return lex;
}

/**
 * Adds entries and their forms to a compiled lexicon (the world states of states.ts, added after
 * the topic's own forms) and clears its word cache, whose entries predate them. Each form carries
 * the endings its `stem~` word takes (its own language's: states.ts), instead of the topic's union.
 * @throws Error naming the form when a stem is shorter than 3 letters
 */
export function extendLexicon(lex: CompiledLexicon, items: { entry: LexEntry; forms: { form: string; endings: string[] }[] }[]): void {
  const sets = new Map<string, ReadonlySet<string>>();
  const byKey = new Map<string, Pattern>();
  for (const { entry, forms } of items) {
    const idx = lex.entries.push(entry) - 1;
    for (const { form, endings } of forms) {
      const key = endings.join('|');
      const set = sets.get(key) ?? sets.set(key, new Set(endings.map((e) => foldWord(e)))).get(key)!;
      addForm(lex, byKey, form, idx, set);
    }
  }
  lex.words.clear();
}

/** Entry kinds that annotate a word (cues) rather than name something. */
const CUE_KINDS = new Set(['negative', 'mediation', 'background', 'history', 'release', 'captive', 'reaction', 'thirdParty', 'role', 'speech', 'border', 'meeting', 'boilerplate', 'sport', 'comparison', 'facility', 'upcoming']);

/**
 * At one word the longest single-word form wins, but a cue of a shorter form still holds
 * ("mediation" is the talks term `mediation*` and also matches the mediation cue `mediat*`):
 * the cue entries of the other single-word candidates are added to the winner (a new Pattern,
 * cached with the word).
 */
function mergeCues(lex: CompiledLexicon, cands: Pattern[]): void {
  const top = cands.findIndex((p) => p.words.length === 1);
  if (top < 0) return;
  // A cue never hides a name or a talks term of the same word ("summit" is the talks term and
  // the meeting cue): the first single-word candidate that names something leads.
  const cueOnly = (p: Pattern): boolean => p.entries.every((e) => CUE_KINDS.has(lex.entries[e]!.kind));
  if (cueOnly(cands[top]!)) {
    const named = cands.findIndex((p, k) => k > top && p.words.length === 1 && !cueOnly(p));
    if (named > 0) [cands[top], cands[named]] = [cands[named]!, cands[top]!];
  }
  // A negative cue of a shorter stem is not carried onto a word whose longer form names
  // something: "atəşkəs"/"ateşkes" (ceasefire) is not the war cue "atəş*" (fire), "Gazakh" is
  // not "gaz*" (gas). The longer, more specific form says what the word is.
  const names = !cueOnly(cands[top]!);
  let extra: number[] | null = null;
  for (let k = top + 1; k < cands.length; k++) {
    const p = cands[k]!;
    if (p.words.length !== 1) continue;
    for (const e of p.entries) {
      const kind = lex.entries[e]!.kind;
      if (names && kind === 'negative') continue;
      if (CUE_KINDS.has(kind) && !cands[top]!.entries.includes(e) && !(extra ?? []).includes(e)) (extra ??= []).push(e);
    }
  }
  if (extra) cands[top] = { ...cands[top]!, entries: [...cands[top]!.entries, ...extra] };
}

/** Patterns whose first word matches a folded word (not sorted). */
function candidates(lex: CompiledLexicon, folded: string, word: string): Pattern[] {
  const cands: Pattern[] = [];
  for (const p of lex.exact.get(folded) ?? []) if (wordMatches(p.words[0]!, folded, word)) cands.push(p);
  if (folded.length >= PREFIX_KEY) {
    for (const p of lex.prefix.get(folded.slice(0, PREFIX_KEY)) ?? []) if (wordMatches(p.words[0]!, folded, word)) cands.push(p);
  }
  return cands;
}

/** Looks a word up in the lexicon's word cache, computing its entry on a miss. */
export function wordInfo(lex: CompiledLexicon, word: string): WordInfo {
  let info = lex.words.get(word);
  if (info) return info;
  const folded = foldWord(word);
  let cands = candidates(lex, folded, word);
  if (cands.length === 0 && lex.proclitics.length > 0 && folded.charCodeAt(0) > 127) {
    // Every proclitic that leaves a known start is tried, longest first: "والولايات" read as
    // وال + "ولايات" starts only a longer form (a world state's "ولايات ميكرونيزيا المتحدة"),
    // و + "الولايات" the United States (countries8). A single-word form ends the search.
    for (const p of lex.proclitics) {
      if (folded.length - p.length < PREFIX_KEY || !folded.startsWith(p)) continue;
      const more = candidates(lex, folded.slice(p.length), word.slice(p.length));
      for (const c of more) if (!cands.includes(c)) cands.push(c);
      if (more.some((c) => c.words.length === 1)) break;
    }
  }
  if (cands.length === 0) {
    const p = skeletonPattern(lex.skeletons, lex.proclitics, word, folded);
    if (p) cands = [p];
  }
  cands.sort((a, b) => b.words.length - a.words.length || b.letters - a.letters);
  mergeCues(lex, cands);
  if (word.length > WORD_CACHE_MAX_LENGTH) return { folded, starts: cands.length ? cands : null };
  // Cached words (and their folded form, often the same string) are copied out of the text:
  // a word of 13+ characters sliced from it is a V8 sliced string that keeps the whole text alive.
  info = { folded: detached(folded), starts: cands.length ? cands : null };
  if (lex.words.size >= WORD_CACHE_MAX) lex.words.clear();
  lex.words.set(detached(word), info);
  return info;
}

/**
 * A copy of `s` that does not keep the string it was sliced from alive (V8 makes slices of 13+
 * characters "sliced strings" of their parent: as cache keys they held whole article texts,
 * issue 17; the same fix as src/extract/blocks.ts `detachedString`). Flattening `' ' + s` copies the characters.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A tokenized text: folded words, original words, and sentence/paragraph of each word. */
export interface Tokens {
  folded: string[];
  original: string[];
  /** Per word: the patterns that can start there (from the word cache). */
  starts: (Pattern[] | null)[];
  /** Per word: offset of its first character in the title or the body. */
  pos: number[];
  /** Per word: 1 when an apostrophe joins it to the previous word (Turkish "Bakü'de"), else 0. */
  afterApostrophe: number[];
  sentence: number[];
  /** Per sentence: paragraph index (title = -1). */
  sentencePara: number[];
}

/** What lies between two words: 0 nothing special, 1 a sentence end, 2 a line break. */
function gapKind(text: string, from: number, to: number): number {
  let kind = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return 2;
    // . ! ? ; … ։ followed by white space (or by a closing quote, then white space)
    if ((c === 46 || c === 33 || c === 63 || c === 59 || c === 0x2026 || c === 0x589) && i + 1 < to && /\s|["'»”’)]/u.test(text[i + 1]!)) kind = 1;
  }
  return kind;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** ' ’ ʼ ‘ */
const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc, 0x2018]);
/** Class of each UTF-16 code unit: 1 word character, 0 not, 2 surrogate (decided per code point). */
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) CHAR_CLASS[c] = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
// The zero-width non-joiner is part of a Persian word (توافق‌نامه), not a boundary (see joinZwnj).
CHAR_CLASS[0x200c] = 1;

/**
 * Length (1 or 2 code units) of the word character (`WORD`: letter, mark or digit) at `i` of
 * `text`, or 0 when it is not one. Exported for the stories' tokenizer (src/stories/features.ts).
 */
export function wordCharAt(text: string, i: number): number {
  const k = CHAR_CLASS[text.charCodeAt(i)]!;
  if (k !== 2) return k;
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/** German month names (and Austrian Jänner), lower case: "am 21. Oktober" is a date, not two sentences. */
const ORDINAL_MONTHS = new Set(['januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember']);

/**
 * True when the full stop between two words is that of an ordinal day before a month name
 * (German dates: "am 21. Oktober", "seit dem 4. November"): a one- or two-digit number, ". ",
 * then a month (round 6: the stop split such sentences in two, and a talks sentence lost its
 * parties or terms to the fragment).
 */
function isOrdinalDate(prev: string, text: string, gapStart: number, start: number, end: number): boolean {
  if (prev.length > 2 || !/^\d+$/.test(prev) || text.charCodeAt(gapStart) !== 46 || !/^\s+$/.test(text.slice(gapStart + 1, start))) return false;
  return ORDINAL_MONTHS.has(text.slice(start, end).toLowerCase());
}

/**
 * Appends the words of one text to `t`: the title is one sentence, the body is split. Words
 * are maximal runs of letters, marks and digits (`WORD`), found with a per-code-unit table
 * rather than the regular expression (twice as fast, same result).
 */
function scan(lex: CompiledLexicon, t: Tokens, text: string, isTitle: boolean): void {
  let para = isTitle ? -1 : 0;
  let lastEnd = 0;
  let first = true;
  const len = text.length;
  let i = 0;
  while (i < len) {
    let k = wordCharAt(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    const start = i;
    i += k;
    while (i < len && (k = wordCharAt(text, i)) !== 0) i += k;
    if (first) {
      t.sentencePara.push(para);
      first = false;
    } else if (!isTitle && (start > lastEnd + 1 || text.charCodeAt(lastEnd) !== 32)) {
      let kind = gapKind(text, lastEnd, start);
      if (kind === 1 && isOrdinalDate(t.original[t.original.length - 1]!, text, lastEnd, start, i)) kind = 0;
      if (kind === 2) para++;
      if (kind !== 0) t.sentencePara.push(para);
    }
    const w = text.slice(start, i);
    const info = wordInfo(lex, w);
    t.original.push(w);
    t.folded.push(info.folded);
    t.starts.push(info.starts);
    t.pos.push(start);
    t.afterApostrophe.push(start === lastEnd + 1 && start > 0 && APOSTROPHES.has(text.charCodeAt(start - 1)) ? 1 : 0);
    t.sentence.push(t.sentencePara.length - 1);
    lastEnd = start + w.length;
  }
}

/**
 * Tokenizes a title and a body into words with sentence and paragraph indexes. Paragraphs are
 * separated by line breaks; sentences by `.`, `!`, `?`, `;`, `…` or the Armenian full stop `։`
 * followed by white space.
 */
export function tokenize(lex: CompiledLexicon, title: string, body: string): Tokens {
  const t: Tokens = { folded: [], original: [], starts: [], pos: [], afterApostrophe: [], sentence: [], sentencePara: [] };
  scan(lex, t, title, true);
  scan(lex, t, body, false);
  return t;
}

/** One match: the pattern's entries at words [start, end). */
export interface Match {
  start: number;
  end: number;
  entries: number[];
}

function wordMatches(w: WordPattern, folded: string, original: string): boolean {
  if (w.capital && original.charAt(0) === original.charAt(0).toLowerCase()) return false;
  if (w.cased) return original === w.text || original.normalize('NFC') === w.text;
  if (!w.prefix) return folded === w.text;
  if (!folded.startsWith(w.text)) return false;
  return w.endings === null || folded.length === w.text.length || w.endings.has(folded.slice(w.text.length));
}

function tryPattern(p: Pattern, tok: Tokens, i: number): boolean {
  const n = p.words.length;
  if (i + n > tok.folded.length) return false;
  const s = tok.sentence[i];
  // The first word matched when the word was looked up (possibly without a proclitic).
  for (let j = 1; j < n; j++) {
    if (tok.sentence[i + j] !== s) return false;
    if (!wordMatches(p.words[j]!, tok.folded[i + j]!, tok.original[i + j]!)) return false;
  }
  return true;
}

/**
 * Finds the longest form at each position, left to right, without overlaps. The candidates
 * at a word are sorted longest first, so the first that matches in full wins.
 */
export function findMatches(tok: Tokens): Match[] {
  const out: Match[] = [];
  const n = tok.folded.length;
  let i = 0;
  while (i < n) {
    const starts = tok.starts[i];
    let best: Pattern | null = null;
    if (starts) {
      for (const p of starts) {
        if (p.words.length === 1 || tryPattern(p, tok, i)) {
          best = p;
          break;
        }
      }
    }
    if (best) {
      out.push({ start: i, end: i + best.words.length, entries: best.entries });
      i += best.words.length;
    } else i++;
  }
  return out;
}
