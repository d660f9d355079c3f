/**
 * Event keys of an article, the third phase of its features: keys that are the same in every
 * language (the tagger's signals as canonical English names, day-month dates read in
 * en/ru/hy/az/tr/fr/de, numbers), proper-noun stems of the article's own language, and the event
 * kinds its headline names; each with a weight (`keyWeight`) saying how much a shared key means
 * "same event". Pure functions; strings and weights are interned in bounded maps.
 */
import { aliasKeys } from './aliases.js';
import { eventKinds, kindWeight } from './event-types.js';
import type { StoryInput } from './features.js';
import type { Tokens } from './tokens.js';

/** Weighted event keys of one article: key → weight. */
export type KeyWeights = Map<string, number>;

// Weights of key kinds: how much a shared key says "same event". Places and dates name the
// occasion; actors and mediators recur across events of the talks; terms and countries are
// nearly always present in this topic, so they weigh little. Tuned on the dev set only
// (tests/fixtures/stories/dev.jsonl, docs/stories.md).
const W = { place: 2, partyPlace: 0.5, date: 2, refDate: 0.5, number: 1.5, smallNumber: 0.5, year: 0.4, actor: 1, mediator: 1, country: 0.4, term: 0.5, name: 0.8 };
/**
 * Weight factor of an occasion read in the lede rather than the headline (round 9): half, so an
 * `o:<kind>` key adds less overlap than a headline's. Set on tests/fixtures/stories/dev9 (written
 * before the change; 0 gave P 0.789 R 0.887 there, 0.5 P 0.880 R 0.825, the other sets the same).
 */
export const LEDE_FACTOR = 0.5;
/** Parties of the topic's dyad and their capitals: present in nearly every article. */
const PARTY_COUNTRIES = new Set(['Armenia', 'Azerbaijan']);
const PARTY_PLACES = new Set(['Yerevan', 'Baku']);
/**
 * Places that are what the dispute is about, not where an event happens: named in the
 * background of most articles (the region, the corridors, the exclave), so sharing one says
 * little about the event. They weigh like the party capitals and do not count as a venue
 * (scoreStory's place test). Found on dev3 (a refugee report and the Yevlakh talks three days
 * apart shared Karabakh and the Lachin corridor only through a background paragraph).
 */
const SUBJECT_PLACES = new Set(['Karabakh', 'Lachin corridor', 'Zangezur corridor', 'TRIPP', 'Syunik', 'Nakhchivan']);

/** Month name stems (folded: lower case, no diacritics) → month 1..12. en, ru, hy, az, tr, fr, de. */
const MONTHS: [string, number][] = [];
{
  const table: string[][] = [
    ['january', 'jan', 'январ', 'հունվար', 'yanvar', 'ocak', 'janvier', 'januar'],
    ['february', 'feb', 'феврал', 'փետրվար', 'fevral', 'subat', 'fevrier', 'februar'],
    ['march', 'март', 'մարտ', 'mart', 'mars', 'marz', 'maerz'],
    ['april', 'apr', 'апрел', 'ապրիլ', 'aprel', 'nisan', 'avril'],
    ['may', 'мая', 'май', 'մայիս', 'mayis', 'mai'],
    ['june', 'jun', 'июн', 'հունիս', 'iyun', 'haziran', 'juin', 'juni'],
    ['july', 'jul', 'июл', 'հուլիս', 'iyul', 'temmuz', 'juillet', 'juli'],
    ['august', 'aug', 'август', 'օգոստոս', 'avqust', 'agustos', 'aout'],
    ['september', 'sep', 'sept', 'сентябр', 'սեպտեմբեր', 'sentyabr', 'eylul', 'septembre'],
    ['october', 'oct', 'октябр', 'հոկտեմբեր', 'oktyabr', 'ekim', 'octobre', 'oktober'],
    ['november', 'nov', 'ноябр', 'նոյեմբեր', 'noyabr', 'kasim', 'novembre'],
    ['december', 'dec', 'декабр', 'դեկտեմբեր', 'dekabr', 'aralik', 'decembre', 'dezember'],
  ];
  table.forEach((forms, i) => forms.forEach((f) => MONTHS.push([f, i + 1])));
  MONTHS.sort((a, b) => b[0].length - a[0].length);
}

/** Forms that must match a whole word: English abbreviations and short words ("may" is also a verb). */
const WHOLE = new Set(['jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'may', 'mai', 'june', 'july', 'mars', 'juin', 'juni', 'juli']);
for (const [f, m] of [['mayin', 5], ['mayda', 5], ['maya', 5]] as const) MONTHS.push([f, m]);
MONTHS.sort((a, b) => b[0].length - a[0].length);

/** Month 1..12 of a folded word (a month name or its inflected form), or 0. */
export function monthOf(w: string): number {
  const stems = MONTHS_BY_FIRST.get(w[0]);
  if (stems) for (const [stem, m] of stems) if (WHOLE.has(stem) ? w === stem : w.startsWith(stem)) return m;
  return 0;
}

/** `MONTHS` by first character, in the same (longest first) order: a stem matches only words with its first character. */
const MONTHS_BY_FIRST = new Map<string, [string, number][]>();
for (const e of MONTHS) MONTHS_BY_FIRST.set(e[0][0], [...(MONTHS_BY_FIRST.get(e[0][0]) ?? []), e]);

/** Capitalised English words that are not names: weekdays and titles (English capitalises them). */
const NOT_NAMES = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'minister', 'ministers', 'foreign', 'deputy', 'prime', 'president', 'secretary', 'state', 'chancellor', 'government', 'ministry', 'affairs', 'office', 'council', 'the', 'this', 'that']);

/**
 * The weight of an event key, from the key alone (so a story profile stores counts only):
 * see `W` for the kinds; a number that is a year before 2015 is an anniversary or a
 * reference (1991, the Alma-Ata Declaration) and weighs as a number, a recent year barely.
 */
export function keyWeight(key: string): number {
  let w = WEIGHTS.get(key);
  if (w === undefined) {
    if (WEIGHTS.size >= 500_000) WEIGHTS.clear();
    WEIGHTS.set(key, (w = weightOfKind(key)));
  }
  return w;
}

/** Weights of keys seen before (scoring and profile trimming ask for the same keys over and over). Bounded: cleared at 500,000 keys. */
const WEIGHTS = new Map<string, number>();

function weightOfKind(key: string): number {
  switch (key[0]) {
    case 'a': return W.actor;
    case 'p': return PARTY_PLACES.has(key.slice(2)) || SUBJECT_PLACES.has(key.slice(2)) ? W.partyPlace : W.place;
    case 'm': return W.mediator;
    case 'c': return W.country;
    case 't': return W.term;
    case 'd': return W.date;
    case 'r': return W.refDate;
    case 'w': return W.name;
    case 'e': return kindWeight(key.slice(2)); // an event kind: the kinds file's weight (0 for most: only scoreStory's kind test)
    case 'o': return kindWeight(key.slice(2)) * LEDE_FACTOR; // an occasion of the lede (round 9)
    case 'n': {
      const n = Number(key.slice(2));
      if (key.length === 6 && n >= 1900 && n <= 2100) return n < 2015 ? W.number : W.year;
      return n >= 10 ? W.number : W.smallNumber;
    }
    default: return 0.5;
  }
}

/**
 * Whether day `d` of month `m` is a date the article looks back to rather than the date of what
 * it reports: two days or more before its publication (in the year that puts it closest to the
 * publication). A report of the text published on 11 August names the summit's
 * 8 August; the OSCE's closure on 1 December names the decision of 1 September. Such dates are
 * kept as `r:` keys (weight `W.refDate`, no part in the date test), so they neither join a later
 * report to the earlier event's story nor count as its own date. Dates ahead (an announcement)
 * and of the day before (a report the next morning) are the event's (`d:`).
 * @param year the year written with the date, when there is one (then no year is guessed)
 */
export function isReference(m: number, d: number, pub: number, year?: number): boolean {
  // a date written with its year (9 November 2020, 25.12.2024) is that year's (round 8: read in
  // the publication's year it could fall ahead of it and count as the event's own date)
  if (year !== undefined) return pub - Date.UTC(year, m - 1, d) >= 2 * 86_400_000;
  const y = new Date(pub).getUTCFullYear();
  // the year that puts the day closest to the publication (30 December read on 2 January is last year's)
  let t = Date.UTC(y, m - 1, d);
  for (const c of [Date.UTC(y - 1, m - 1, d), Date.UTC(y + 1, m - 1, d)]) if (Math.abs(c - pub) < Math.abs(t - pub)) t = c;
  return pub - t >= 2 * 86_400_000;
}

/**
 * One string per distinct event key: keys repeat across articles and story profiles (a profile
 * keeps up to 80), and a long-running state holds many profiles, so sharing the strings keeps
 * its heap (and the garbage collector's work) small. Bounded: cleared at 500,000 keys.
 */
const INTERNED = new Map<string, { key: string; weight: number }>();

/** An interned key with its weight. */
interface KeyEntry {
  key: string;
  weight: number;
}

/** The interned entry of `key` (one lookup of the new string, round 5). */
function intern(key: string): KeyEntry {
  let e = INTERNED.get(key);
  if (e === undefined) {
    if (INTERNED.size >= 500_000) INTERNED.clear();
    e = { key, weight: keyWeight(key) };
    INTERNED.set(key, e);
  }
  return e;
}

/** Adds `key` (interned, with its weight) unless present. */
function add(keys: KeyWeights, key: string): void {
  addEntry(keys, intern(key));
}

function addEntry(keys: KeyWeights, e: KeyEntry): void {
  if (!keys.has(e.key)) keys.set(e.key, e.weight);
}

/**
 * Entries of name-stem and number keys by the folded word they come from (round 7): a text's
 * words repeat across articles, so its `w:<lang>:<stem>` and `n:<n>` keys are found by the word
 * (a string that exists already) instead of built as new strings and looked up. Bounded: a
 * table is cleared at 200,000 words.
 */
const NAME_KEYS = new Map<string, Map<string, KeyEntry>>();
const NUMBER_KEYS = new Map<string, KeyEntry>();

function nameKey(lang: string, w: string): KeyEntry {
  let m = NAME_KEYS.get(lang);
  if (m === undefined) NAME_KEYS.set(lang, (m = new Map()));
  let e = m.get(w);
  if (e === undefined) {
    if (m.size >= 200_000) m.clear();
    e = intern(`w:${lang}:${w.slice(0, 5)}`);
    // a copy of the word: a slice of a long one would keep the article's text alive
    m.set(w.length < 13 ? w : (' ' + w).slice(1), e);
  }
  return e;
}

function numberKey(w: string, n: number): KeyEntry {
  let e = NUMBER_KEYS.get(w);
  if (e === undefined) {
    if (NUMBER_KEYS.size >= 200_000) NUMBER_KEYS.clear();
    e = intern(`n:${n}`);
    NUMBER_KEYS.set(w.length < 13 ? w : (' ' + w).slice(1), e);
  }
  return e;
}

/**
 * Event keys of an article (see the module comment). Keys: `a:` actor, `p:` place, `m:`
 * mediator, `c:` country, `t:` term, `d:<month>-<day>` date (`r:` when `isReference`: the
 * article has a `publishedAt` two days or more after it), `n:` number, `w:<lang>:` name stem,
 * `e:<kind>` the event kinds its headline names (`eventKinds`; weight 0: they take part only in
 * `scoreStory`'s kind test), `o:<kind>` the occasions (kinds with a weight) its lede names when its headline names no kind (round 9).
 * @param title the headline's folded words, when the headline is to be read for event kinds
 * @param lede the lede's folded words (`ledeOf`): its occasions become `o:` keys (round 9)
 */
export function eventKeys(input: Pick<StoryInput, 'signals' | 'language'> & { publishedAt?: number | null }, tok: Tokens, title?: string[], lede?: string[]): KeyWeights {
  const keys: KeyWeights = new Map();
  const pub = input.publishedAt ?? null;
  const headKinds = title ? eventKinds(title) : undefined;
  if (headKinds) for (const k of headKinds) add(keys, `e:${k}`);
  // round 9: when the headline names no kind, the occasions (weighted kinds) of its lede, as
  // `o:<kind>` keys (`LEDE_FACTOR` of the kind's weight): a headline often names no occasion
  // ("Four soldiers killed near Nerkin Hand") while its lede does. They take part in scoreStory's
  // occasion test, not in its kind test (a lede may recall an earlier occasion). Not read when the
  // headline names a kind: the lede then names the setting too (the airport's passport checkpoint
  // of a report on the border guards leaving it, dev8 without dates)
  if (lede && !headKinds?.size) for (const k of eventKinds(lede)) if (kindWeight(k) > 0) add(keys, `o:${k}`);
  const s = input.signals;
  for (const a of s.actors ?? []) addEntry(keys, signalKey(ACTOR_KEYS, 'a:', a));
  for (const p of s.places ?? []) addEntry(keys, signalKey(PLACE_KEYS, 'p:', p));
  for (const m of s.mediators ?? []) addEntry(keys, signalKey(MEDIATOR_KEYS, 'm:', m));
  for (const c of s.countries ?? []) if (!PARTY_COUNTRIES.has(c)) addEntry(keys, signalKey(COUNTRY_KEYS, 'c:', c));
  for (const t of s.terms ?? []) addEntry(keys, signalKey(TERM_KEYS, 't:', t));
  // round 10: each party's own names of a place or actor (Akna, Berdzor, Martakert; the Defence
  // Army), as the canonical key both parties' reports share (config/stories/aliases.yaml)
  for (const k of aliasKeys(tok.folded)) add(keys, k);
  const { folded, original } = tok;
  const lang = (input.language ?? 'xx').slice(0, 2);
  for (let i = 0; i < folded.length; i++) {
    const w = folded[i];
    const c0 = w.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57 && /^\d+$/.test(w)) {
      const n = Number(w);
      // numeric date 10.05.2024 / 10/05: day.month
      if (n >= 1 && n <= 31 && /^\d{1,2}$/.test(folded[i + 1] ?? '') && Number(folded[i + 1]) >= 1 && Number(folded[i + 1]) <= 12 && /^\d{4}$/.test(folded[i + 2] ?? '')) {
        addDate(keys, pub, Number(folded[i + 1]), n, Number(folded[i + 2]));
        i += 2;
        continue;
      }
      // "10 May", "May 10", and ranges "10-11 мая" / "Mayın 10-11-də"; English "may" only capitalised (else the verb)
      let m = 0;
      let at = 0; // where the month is
      if (n >= 1 && n <= 31) {
        if ((m = monthAt(tok, i + 1))) at = i + 1;
        else if ((m = monthAt(tok, i - 1))) at = i - 1;
        if (!m && /^\d{1,2}$/.test(folded[i + 1] ?? '') && Number(folded[i + 1]) <= 31 && (m = monthAt(tok, i + 2))) at = i + 2;
        if (!m && /^\d{1,2}$/.test(folded[i - 1] ?? '') && Number(folded[i - 1]) <= 31 && (m = monthAt(tok, i - 2))) at = i - 2;
      }
      if (m) addDate(keys, pub, m, n, yearNear(folded, Math.min(i, at), Math.max(i, at)));
      else if (w.length === 4 && n >= 1900 && n <= 2100) addEntry(keys, numberKey(w, n));
      else if (n >= 10 && w.length <= 6) addEntry(keys, numberKey(w, n));
      else if (n >= 2) addEntry(keys, numberKey(w, n));
      continue;
    }
    // a proper noun: capitalised, not the first word of a sentence, long enough to be a name
    const o = original[i];
    if (!tok.starts[i] && o.length >= 4 && isCapitalised(o, w) && !NOT_NAMES.has(w) && !monthOf(w)) {
      addEntry(keys, nameKey(lang, w));
    }
  }
  return keys;
}

/** Month of word `j` of the tokens (0: none, or out of range); English "may" only capitalised (else the verb). */
function monthAt(tok: Tokens, j: number): number {
  const folded = tok.folded;
  if (j < 0 || j >= folded.length) return 0;
  return folded[j] === 'may' && tok.original[j][0] === 'm' ? 0 : monthOf(folded[j]);
}

/** Adds the date key of day `d` of month `m`: `r:` when the article (published at `pub`) looks back to it (`isReference`), else `d:`. */
function addDate(keys: KeyWeights, pub: number | null, m: number, d: number, year?: number): void {
  add(keys, pub !== null && isReference(m, d, pub, year) ? `r:${m}-${d}` : `d:${m}-${d}`);
}

/**
 * Entries of the signal keys (`a:`, `p:`, `m:`, `c:`, `t:`) by the signal's name, one table per
 * kind (round 13): the key string is built and interned once per name, not on every article
 * that names it (a template string, then its hash, for each of the 10–40 signals of an
 * article). Bounded: a table is cleared at 50,000 names.
 */
const ACTOR_KEYS = new Map<string, KeyEntry>();
const PLACE_KEYS = new Map<string, KeyEntry>();
const MEDIATOR_KEYS = new Map<string, KeyEntry>();
const COUNTRY_KEYS = new Map<string, KeyEntry>();
const TERM_KEYS = new Map<string, KeyEntry>();

function signalKey(table: Map<string, KeyEntry>, prefix: string, name: string): KeyEntry {
  let e = table.get(name);
  if (e === undefined) {
    if (table.size >= 50_000) table.clear();
    e = intern(prefix + name);
    table.set(name, e);
  }
  return e;
}

/**
 * The year written with a day-month date spanning words `from`..`to`: a four-digit year
 * 1900-2100 in the two words after it ("9 ноября 2020 года", "November 9, 2020") or the three
 * before it ("2020 թվականի նոյեմբերի 9", "2020-ci il noyabrın 10"), the nearest after first;
 * undefined when none.
 */
function yearNear(folded: string[], from: number, to: number): number | undefined {
  for (const j of [to + 1, to + 2, from - 1, from - 2, from - 3]) {
    const w = folded[j];
    if (w !== undefined && w.length === 4 && /^\d{4}$/.test(w)) {
      const y = Number(w);
      if (y >= 1900 && y <= 2100) return y;
    }
  }
  return undefined;
}

/**
 * Whether a word is capitalised: its first character changes under lower-casing and the rest
 * does not (`o[0] !== o[0].toLowerCase() && o.slice(1) === o.slice(1).toLowerCase()`). ASCII
 * words are tested on their character codes against their folded form (no string made per word).
 * @param o the word as written; @param folded its folded form (`fold`)
 */
function isCapitalised(o: string, folded: string): boolean {
  const c0 = o.charCodeAt(0);
  if (c0 < 128 && folded.length === o.length && folded.charCodeAt(0) < 128) {
    if (c0 < 65 || c0 > 90) return false;
    for (let i = 1; i < o.length; i++) {
      const c = o.charCodeAt(i);
      if (c >= 128) return o.slice(1) === o.slice(1).toLowerCase();
      if (c >= 65 && c <= 90) return false;
    }
    return true;
  }
  return o[0] !== o[0].toLowerCase() && o.slice(1) === o.slice(1).toLowerCase();
}
