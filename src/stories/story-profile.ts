/**
 * Story profiles, the story phase of grouping: a story's running profile (counts of its event
 * keys, languages, sources, first and last article), how an article scores against it
 * (`scoreStory`), and how an article is added to it, in place with an undo log (`addToStory`).
 * Used by ./group.ts and replayed by ./redis-state.ts.
 */
import { keyWeight, type ArticleFeatures, type StoryInput } from './features.js';
import { trimKeys } from './trim-keys.js';
import { addCopyKinds } from './copy-kinds.js';

export { trimKeys } from './trim-keys.js';

/** One day in ms. */
export const DAY = 86_400_000;

/** A story's running profile. Times: epoch ms. */
export interface StoryProfile {
  id: string;
  title: string;
  /** Id of the article the title comes from (the earliest). */
  titleArticle: string;
  firstSeen: number | null;
  lastSeen: number | null;
  /** Articles in the story, copies included. */
  articles: number;
  /** Articles that are not copies (they shape `keys`). */
  originals: number;
  languages: Record<string, number>;
  sources: Record<string, number>;
  /** Event key → number of original articles that have it (weights: `keyWeight`), in order of first use. A `Map`: a profile of up to 80 keys is copied on every original article it takes. */
  keys: Map<string, number>;
}

/** What scoring needs of a profile's typical keys (held by at least a fifth of its originals). */
interface Typical {
  keys: Set<string>;
  /** the typical keys and their weights (`keyWeight`), in the profile's order: two arrays, no [key, weight] pair per key (round 13) */
  weighedKeys: string[];
  weights: number[];
  /** typical places of weight ≥ 1 and typical dates */
  places: number;
  dates: number;
  /** typical event kinds of its headlines (`e:` keys) */
  kinds: number;
  /** typical third countries (`c:` keys) */
  countries: number;
  /** days of its typical dates (`dayOf`), else of its first article, else none */
  days: number[];
  /** its languages' first two characters, as `pairAt` codes */
  languages: number[];
  /** the weight sum of its typical keys as seen by an article of a language (`pairAt` code → sum; filled by `scoreStory`, summed in the keys' order) */
  weightFor: Map<number, number>;
}

/** Bits of `Prepared.flags`: what kind of key each article key is. */
const NAME = 1, PLACE = 2, COUNTRY = 4, KIND = 8, OCCASION = 16, DATE = 32;

/**
 * An article's side of `scoreStory`, computed once per article (round 7): its keys, weights and
 * kinds in the order of its key map, so that scoring it against up to `maxCandidates` stories
 * does not test every key's prefix again for each of them. Same sums, in the same order.
 */
interface Prepared {
  keys: string[];
  weights: number[];
  flags: number[];
  /** `pairAt(key, 2)` of a name stem (`w:<lang>:`), else 0 */
  nameLang: number[];
  places: number;
  kinds: number;
  countries: number;
  /** days of its `d:` keys */
  days: number[];
  /** for an occasion key (`e:<kind>` with a weight, `o:<kind>`), the other spelling of it (`o:<kind>`, `e:<kind>`), else '' */
  alt: string[];
}

const PREPARED = new WeakMap<ArticleFeatures, Prepared>();

function prepared(f: ArticleFeatures): Prepared {
  let a = PREPARED.get(f);
  if (a) return a;
  const n = f.keys.size;
  // plain arrays, not typed ones (round 13): a typed array of more than 64 bytes has a backing
  // store outside the heap, allocated and later swept for every article
  const pa: Prepared = { keys: new Array<string>(n), weights: new Array<number>(n).fill(0), flags: new Array<number>(n).fill(0), nameLang: new Array<number>(n).fill(0), places: 0, kinds: 0, countries: 0, days: [], alt: new Array<string>(n).fill('') };
  let i = 0;
  f.keys.forEach((w, k) => {
    pa.keys[i] = k;
    pa.weights[i] = w;
    let fl = 0;
    if (k.startsWith('w:')) {
      fl |= NAME;
      pa.nameLang[i] = pairAt(k, 2);
    }
    if (k.startsWith('p:') && w >= 1) {
      fl |= PLACE;
      pa.places++;
    }
    if (k.startsWith('c:')) {
      fl |= COUNTRY;
      pa.countries++;
    }
    if (k.startsWith('d:')) {
      fl |= DATE;
      pa.days.push(dayOfKey(k));
    }
    if (k.startsWith('e:')) {
      fl |= KIND;
      pa.kinds++;
    }
    // an occasion named in a headline (`e:`) or only in a lede (`o:`, round 9) meets the other
    if ((w > 0 && k.startsWith('e:')) || k.startsWith('o:')) {
      fl |= OCCASION;
      pa.alt[i] = (k[0] === 'e' ? 'o' : 'e') + k.slice(1);
    }
    pa.flags[i++] = fl;
  });
  PREPARED.set(f, (a = pa));
  return a;
}

/** The characters at `i` and `i + 1` of `s` as one number (-1 for a missing second): compares two-letter slices without making strings. */
function pairAt(s: string, i: number): number {
  return s.charCodeAt(i) * 0x10000 + (i + 1 < s.length ? s.charCodeAt(i + 1) : -1);
}

/** Typical keys of a profile, computed once per change (`addToStory` drops the entry when it changes the profile). */
const TYPICAL = new WeakMap<StoryProfile, Typical>();

/** Drops a profile's cached typical keys after a change made outside `addToStory` (a merge, ./merge.ts). */
export function forgetTypical(p: StoryProfile): void {
  TYPICAL.delete(p);
}

function typicalOf(p: StoryProfile): Typical {
  let t = TYPICAL.get(p);
  if (t) return t;
  const min = Math.max(1, Math.ceil(p.originals * 0.2));
  const languages: number[] = [];
  for (const l in p.languages) if (!languages.includes(pairAt(l, 0))) languages.push(pairAt(l, 0));
  const typical: Typical = { keys: new Set(), weighedKeys: [], weights: [], places: 0, dates: 0, kinds: 0, countries: 0, days: [], languages, weightFor: new Map() };
  t = typical;
  // forEach, not for-of: no [key, count] array per entry (round 5, young-generation garbage)
  p.keys.forEach((n, k) => {
    if (n < min) return;
    const w = keyWeight(k);
    typical.keys.add(k);
    typical.weighedKeys.push(k);
    typical.weights.push(w);
    if (k.startsWith('p:') && w >= 1) typical.places++;
    if (k.startsWith('d:')) {
      typical.dates++;
      typical.days.push(dayOfKey(k));
    }
    if (k.startsWith('e:')) typical.kinds++;
    if (k.startsWith('c:')) typical.countries++;
  });
  if (!t.days.length && p.firstSeen !== null) t.days.push(dayOf(p.firstSeen));
  TYPICAL.set(p, t);
  return t;
}

/**
 * Score of an article against a story, 0..1: weighted Dice overlap of the article's keys and
 * the story's typical keys; × 0.4 when both name distinct places and none is shared, × 0.6
 * when no date of the article is within a day of one of the story's (another city or day:
 * another event; an article giving no date of its own is dated by its `publishedAt`, a story
 * with no typical date by its first article; dates it looks back to, `r:` keys, are not its
 * own: `isReference`), × `KIND_FACTOR`
 * when both headlines name event kinds and none is shared (a rally and talks, a summit and the
 * publication of its text: another occasion of the same people, see ./event-types.ts), × 0.6
 * when both name third countries (`c:` keys: the parties are not keys) and none is shared (two
 * grain trains on one route in one week, one from Russia and one from Kazakhstan). Round 8: when
 * both headlines (round 9: or ledes, `o:` keys, the article's or the story's) name the same occasion (an event kind with a weight), both are dated and their
 * days agree, and third countries do not differ, the place factor is not applied and the score is
 * at least `OCCASION_SCORE`.
 */
export function scoreStory(f: ArticleFeatures, p: StoryProfile, language: string | null, publishedAt: number | null = null): number {
  // name stems (`w:<lang>:`) only compare within a language: an article's count when the
  // story has articles in its language, a story's when they are in the article's language
  const lang = pairAt(language ?? 'xx', 0);
  const typical = typicalOf(p);
  let pw = typical.weightFor.get(lang);
  if (pw === undefined) {
    pw = 0;
    const { weighedKeys, weights } = typical;
    for (let i = 0; i < weighedKeys.length; i++) {
      const k = weighedKeys[i];
      if (!k.startsWith('w:') || pairAt(k, 2) === lang) pw += weights[i];
    }
    typical.weightFor.set(lang, pw);
  }
  const art = prepared(f);
  let shared = 0;
  let aw = 0;
  let sharedPlaces = 0, sharedKinds = 0, sharedCountries = 0, sharedOccasions = 0;
  const tl = typical.languages;
  const tk = typical.keys;
  const { keys, weights, flags, nameLang, alt } = art;
  // round 12, the follow-up test: the article's keys that are the same in every language, how
  // many of them (and their weight) the story's typical keys hold, and its places and dates the
  // story never had
  let nw = 0, nShared = 0, nSharedW = 0, ownPlaces = 0, ownDates = 0, headOccasion = false;
  for (let i = 0; i < keys.length; i++) {
    const w = weights[i];
    const fl = flags[i];
    if (!(fl & NAME) || tl.includes(nameLang[i])) aw += w;
    if (!(fl & NAME) && w > 0) nw += w;
    if (fl & (PLACE | DATE) && !tk.has(keys[i])) fl & PLACE ? ownPlaces++ : ownDates++;
    if (fl & KIND && w > 0) headOccasion = true;
    if (tk.has(keys[i])) {
      if (!(fl & NAME) && w > 0) {
        nShared++;
        nSharedW += w;
      }
      shared += w;
      if (fl & PLACE) sharedPlaces++;
      if (fl & KIND) sharedKinds++;
      if (fl & OCCASION) sharedOccasions++;
      if (fl & COUNTRY) sharedCountries++;
    } else if (fl & OCCASION && tk.has(alt[i])) sharedOccasions++;
  }
  const aPlaces = art.places, aKinds = art.kinds, aCountries = art.countries;
  // the article's own dates, else its publication day (not kept: `publishedAt` is the caller's)
  const aDays = art.days.length || publishedAt === null ? art.days : [dayOf(publishedAt)];
  if (aw + pw === 0) return 0;
  let s = (2 * shared) / (aw + pw);
  // the story's dates, else its first article's day
  const datesKnown = aDays.length > 0 && typical.days.length > 0;
  const sameDays = !datesKnown || aDays.some((a) => typical.days.some((b) => dayDistance(a, b) <= 1));
  const countriesDiffer = aCountries > 0 && typical.countries > 0 && !sharedCountries;
  // one occasion of a weighted kind (a clash, a ruling, a checkpoint, a withdrawal, a vote, a
  // release) on days known to be the same: the places each report names are its side's, not a venue
  const sameOccasion = sharedOccasions > 0 && datesKnown && sameDays && !countriesDiffer;
  const kindsDiffer = aKinds > 0 && typical.kinds > 0 && !sharedKinds;
  // round 10: the same venue on days known to be the same, no other occasion named and no third
  // country that differs: one party's own report, or a follow-up the next day, of the event there
  // (its publication day counts too: a report of the day that names a date ahead, "Lachin follows on 1 December")
  const pubSameDay = publishedAt !== null && typical.days.length > 0 && typical.days.some((b) => dayDistance(dayOf(publishedAt), b) <= 1);
  const sameVenue = sharedPlaces > 0 && datesKnown && (sameDays || pubSameDay) && !countriesDiffer && !kindsDiffer;
  if (aPlaces && typical.places && !sharedPlaces && !sameOccasion) s *= 0.4;
  if (!sameDays) s *= 0.6;
  if (kindsDiffer) s *= KIND_FACTOR;
  if (countriesDiffer) s *= 0.6;
  // round 12: a follow-up within `FOLLOW_UP_MS` of the story's first article (a minister's
  // briefing at home the next day, a third capital's reaction, the freed men meeting their
  // families) names no place or date of its own that the story's typical keys lack, no other
  // occasion or third country, no occasion of a weighted kind in its headline (that is an event
  // of its own: "Baku reports a new attack", "truce agreed", decided by the occasion rule), and
  // most of what it names is the story's
  const followUp = publishedAt !== null && p.firstSeen !== null && publishedAt > p.firstSeen && publishedAt - p.firstSeen <= FOLLOW_UP_MS &&
    !ownPlaces && !ownDates && !headOccasion && !kindsDiffer && !countriesDiffer && nShared >= FOLLOW_UP_KEYS && nSharedW >= FOLLOW_UP_SHARE * nw;
  return sameOccasion || sameVenue || followUp ? Math.max(s, OCCASION_SCORE) : s;
}

/**
 * The follow-up join (round 12, `scoreStory`): an article published after a story's first
 * article and at most this long after it (60 h: the next day's and the day after's reports;
 * dev12's follow-ups came 0.7 to 2.1 days after, the traps that a window cannot tell apart
 * are told by their own place or date: the same ministers in Antalya three days after Berlin)...
 */
export const FOLLOW_UP_MS = 60 * 3_600_000;
/** ...shares at least this many keys that are the same in every language with the story's typical keys... */
export const FOLLOW_UP_KEYS = 2;
/**
 * ...holding at least this share of the weight of its keys that are the same in every language
 * (its name stems left out). Set on dev12 and held9 (dev since round 11): their follow-ups
 * held 0.46 to 0.92 of it (two or three terms and a number, an actor and a place).
 */
export const FOLLOW_UP_SHARE = 0.45;

/**
 * Score factor when the article's headline and the story's headlines name event kinds and share
 * none. Below the join threshold (0.3) even when every other key is shared (a score of 1), since
 * a later report's body recalls the earlier event's leaders, city and date while its headline
 * reports the new occasion. Set on tests/fixtures/stories/dev4 and the unit tests (0.4 let an
 * article sharing all keys through; docs/stories.md round 4).
 */
export const KIND_FACTOR = 0.25;

/**
 * Lowest score of an article whose headline names the same occasion of a weighted kind as the
 * story's headlines (`e:` keys with a weight in config/stories/event-kinds.yaml: a clash, a
 * court's ruling, a checkpoint, a withdrawal, a vote, a release), on the same days (within a
 * day; both dated, by their own dates or their publication) and without third countries that
 * differ: the default join threshold (`storyThreshold` 0.3). Round 8: the two sides' first
 * reports of one border clash share no name (each names its own villages and positions) and
 * scored 0.06 against each other; events of one kind weeks
 * apart stay apart by their dates and the story window, and kinds without a weight (talks,
 * visits) keep the venue test.
 */
export const OCCASION_SCORE = 0.3;

/** Day of the year (0..365, in a leap year) of an epoch-ms time, UTC. */
function dayOf(t: number): number {
  const d = new Date(t);
  return (Date.UTC(2000, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(2000, 0, 1)) / DAY;
}
/** Day of the year of a `d:<month>-<day>` key. */
function dayOfKey(k: string): number {
  const i = k.indexOf('-');
  return (Date.UTC(2000, Number(k.slice(2, i)) - 1, Number(k.slice(i + 1))) - Date.UTC(2000, 0, 1)) / DAY;
}
/** Days between two days of the year, across the new year. */
function dayDistance(a: number, b: number): number {
  const d = Math.abs(a - b);
  return Math.min(d, 366 - d);
}

/** An empty profile of a story started by `input` (id `s-<input id>`). */
export function newStory(input: StoryInput): StoryProfile {
  return {
    id: `s-${input.id}`,
    title: input.title,
    titleArticle: input.id,
    firstSeen: input.publishedAt,
    lastSeen: input.publishedAt,
    articles: 0,
    originals: 0,
    languages: {},
    sources: {},
    keys: new Map(),
  };
}

/**
 * Undo log of in-place profile updates (`addToStory` with an `undo`): closures that restore
 * what the update changed, run newest first by `undoAll` when the commit that the update was
 * for fails (the Redis state's lock was lost), so the replica stays what the log says.
 */
export type StoryUndo = (() => void)[];

/** Runs an undo log newest first and empties it. */
export function undoAll(undo: StoryUndo): void {
  for (let i = undo.length - 1; i >= 0; i--) undo[i]();
  undo.length = 0;
}

/**
 * Adds an article to a profile, **in place** (round 5: a new profile per article, its key map
 * copied, was most of what survived young garbage collections at 100,000 stored articles), and
 * returns it. With `undo`, records how to restore the profile exactly (its keys in the same
 * order, so that a replica that undid a failed commit scores as every other replica does).
 */
export function addToStory(p: StoryProfile, input: StoryInput, f: ArticleFeatures, isCopy: boolean, maxKeys: number, undo?: StoryUndo): StoryProfile {
  TYPICAL.delete(p); // its typical keys change
  if (undo) {
    const { articles, originals, firstSeen, lastSeen, title, titleArticle } = p;
    const { language, source } = input;
    const lang = language ? p.languages[language] : undefined;
    const src = source ? p.sources[source] : undefined;
    undo.push(() => {
      TYPICAL.delete(p);
      Object.assign(p, { articles, originals, firstSeen, lastSeen, title, titleArticle });
      // a count that was new was the last property: deleting it restores the order
      if (language) lang === undefined ? delete p.languages[language] : (p.languages[language] = lang);
      if (source) src === undefined ? delete p.sources[source] : (p.sources[source] = src);
    });
  }
  p.articles++;
  const t = input.publishedAt;
  if (t !== null) {
    if (p.firstSeen === null || t < p.firstSeen) {
      p.firstSeen = t;
      if (!isCopy && input.title) {
        p.title = input.title;
        p.titleArticle = input.id;
      }
    }
    if (p.lastSeen === null || t > p.lastSeen) p.lastSeen = t;
  }
  if (input.language) p.languages[input.language] = (p.languages[input.language] ?? 0) + 1;
  if (input.source) p.sources[input.source] = (p.sources[input.source] ?? 0) + 1;
  if (!isCopy) {
    p.originals++;
    const keys = p.keys;
    let added = 0;
    for (const k of f.keys.keys()) if (!keys.has(k)) added++;
    const trims = keys.size + added > maxKeys;
    if (undo) {
      if (trims) {
        // trimming deletes old keys: the map is restored whole (in its order)
        const savedKeys: string[] = [];
        const savedCounts: number[] = [];
        keys.forEach((n, k) => {
          savedKeys.push(k);
          savedCounts.push(n);
        });
        undo.push(() => {
          keys.clear();
          for (let i = 0; i < savedKeys.length; i++) keys.set(savedKeys[i], savedCounts[i]);
        });
      } else {
        // new keys are appended (deleted on undo), known ones counted up (counted down)
        const fk = [...f.keys.keys()];
        const known = fk.map((k) => keys.has(k));
        undo.push(() => {
          for (let i = 0; i < fk.length; i++) {
            if (!known[i]) keys.delete(fk[i]);
            else keys.set(fk[i], keys.get(fk[i])! - 1);
          }
        });
      }
    }
    for (const k of f.keys.keys()) keys.set(k, (keys.get(k) ?? 0) + 1);
    if (trims) trimKeys(keys, maxKeys);
  } else addCopyKinds(p.keys, f, maxKeys, undo);
  return p;
}

