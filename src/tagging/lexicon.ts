/**
 * Lexicon compilation for the tagger: the entry and pattern shapes, and `compileLexicon` /
 * `extendLexicon`, which turn a topic's surface forms into the first-word indexes.
 *
 * A topic file lists surface forms ("forms") for each entity, term and cue. `compileLexicon`
 * turns them once into two hash maps keyed on the first word of each form (an exact-word map
 * and a map keyed on the first three letters of a stem), so matching an article costs about
 * one map lookup per word. Forms and text are folded the same way (`foldWord`, fold.ts).
 * The other phases live beside it: the per-word lookup and its cache in lookup.ts, the
 * tokenizer in tokenize.ts, and matching (Unicode word boundaries, at one position the longest
 * form wins) in match.ts.
 */
import { foldWord } from './fold.js';
import { buildSkeletons, type Skeletons } from './skeleton.js';

/**
 * One word of a form: an exact word, a stem (`prefix`: any continuation), an inflected word
 * (`endings`: the stem alone or followed by one of the topic's inflection endings), or a
 * case-sensitive word (`cased`).
 */
export interface WordPattern {
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
  kind: 'countries' | 'actors' | 'places' | 'mediators' | 'others' | 'names' | 'term' | 'negative' | 'mediation' | 'background' | 'backgroundAfter' | 'history' | 'release' | 'captive' | 'reaction' | 'thirdParty' | 'role' | 'speech' | 'border' | 'meeting' | 'boilerplate' | 'sport' | 'comparison' | 'facility' | 'upcoming' | 'dated' | 'travel' | 'gratitude' | 'occasion' | 'occasionAfter' | 'transit' | 'sidelines' | 'stance' | 'voices' | 'attempt' | 'bypass';
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
  /**
   * Round 12: a term named after its venue ("the Washington Declaration"): the canonical name of
   * that place, and the place's state (`venueCountry`), which is a candidate mediator as when the
   * city is named next to a deal noun ("the Washington summit"). No place signal: a document's
   * name is not the scene.
   */
  venue?: string;
  venueCountry?: string;
  /**
   * Round 13: the term says where a step took place ("initialled in Washington", "paraphé à la
   * Maison Blanche"), not a document's name: its `venue` is listed as a place too.
   */
  scene?: boolean;
  /**
   * Round 10: an anchor of a kind any pair of states has (border commissions): not an anchor in a
   * sentence that names a party as a pair with a third state ("the commissions of Georgia and Azerbaijan").
   */
  pairable?: boolean;
  /**
   * Round 10: an object whose handing over between the parties is a confidence step (mine maps):
   * with a `release` cue in the sentence it counts as a release, like a captive word.
   */
  handover?: boolean;
  /** "The two sides": refers to both parties. */
  dyadic?: boolean;
  /** Round 17 (tag17a): the term is named in the topic's `pairedTerms` (peace): with both parties named as a pair it is their process. */
  pairTerm?: boolean;
  /** Round 18 (tagrel18c): the term is named in the topic's `capitalPairTerms` (meeting): with both parties' capitals named as a pair it is their process. */
  capitalPairTerm?: boolean;
  /** A route word ("via", "through the territory of", "გავლით"): states named along it are a route, not a pair (round 6). */
  route?: boolean;
  /** Round 13: goods or their carrier (cargo, grain, fuel, train): with a route word between the parties, the transit step. */
  goods?: boolean;
  /**
   * A truce or ceasefire (round 10): the venue or broker named with one in a war report is the
   * dyad's mediator (README: "a truce announced in Moscow" → Russia), not a state taking part.
   */
  truce?: boolean;
  /**
   * Round 15 (tagsig15c): "without mediators" ("sin mediadores", "بدون میانجی", "შუამავლის
   * გარეშე"): the sentence tells a bilateral meeting, so no venue or official named in it mediated.
   */
  unmediated?: boolean;
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
  /** A world place from the CLDR subdivision names (places.ts): listed only where it is the scene. */
  worldPlace?: boolean;
}

/**
 * Every field of `LexEntry`, each `undefined`, in one fixed order (a field added to `LexEntry`
 * and not here is a type error).
 */
const ENTRY_FIELDS: { [K in keyof Required<LexEntry>]: undefined } = {
  kind: undefined, name: undefined, party: undefined, country: undefined, isCountry: undefined, mediator: undefined,
  always: undefined, other: undefined, standIn: undefined, building: undefined, club: undefined, demonym: undefined,
  anchor: undefined, venue: undefined, venueCountry: undefined, scene: undefined, pairable: undefined, pairTerm: undefined, capitalPairTerm: undefined, handover: undefined,
  dyadic: undefined, route: undefined, goods: undefined, truce: undefined, unmediated: undefined, role: undefined,
  implies: undefined, weight: undefined, gazetteer: undefined, cityState: undefined, worldPlace: undefined,
};

/**
 * A copy of `e` with every field of `LexEntry` present, in `ENTRY_FIELDS`' order (absent ones
 * `undefined`): every entry of a compiled lexicon then has one hidden class. Round 17
 * (tagspeed17): the topic's entries came in 38 shapes (each built with only the fields it sets),
 * so every `entries[i].kind`, `.party`, `.weight`... read in collect.ts, cues.ts and signals.ts was
 * a megamorphic property load. An absent field reads `undefined` either way; no code tests a
 * field with `in` or lists an entry's keys. Pure; never throws.
 */
function uniformEntry(e: LexEntry): LexEntry {
  return { ...ENTRY_FIELDS, ...e } as LexEntry;
}

/** What the lexicon knows about one word of text: its folded form and the forms it can start. */
export interface WordInfo {
  folded: string;
  /** Patterns whose first word matches this word, longest first; null when none. */
  starts: Pattern[] | null;
  /** The word's flags (word-flags.ts: function-word languages, ə, role word); set on every cached object, absent means 0. */
  flags?: number;
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
   * Word cache: original word → what `wordInfo` found, so each distinct word is folded and looked
   * up once (news vocabulary repeats). A word that starts no form (~95 % of a text's distinct
   * words) is held as its folded form alone, the key string itself when folding left it as it
   * was; the others as their WordInfo (lookup.ts `cachedWord`). Bounded by WORD_CACHE_MAX
   * entries of at most WORD_CACHE_MAX_LENGTH characters; cleared when full.
   */
  words: Map<string, WordInfo | string>;
  /** Consonant skeleton → actor or place entry, for names in a spelling no form lists (skeleton.ts, round 8). */
  skeletons: Skeletons;
}

/**
 * Entries kept in a lexicon's word cache before it is cleared: 2^16, so the Map's table never
 * doubles to 2^17 slots. Measured (issue 17 round 10, `node --expose-gc`, the talks topic, the
 * extraction corpus's 311 pages): 36,473 distinct words, 5.8 MB of heap held as WordInfo objects
 * (167 bytes a word), 3.9 MB compact (107); at this cap at most ~7 MB of an extraction thread's
 * heap (100,000 WordInfo entries: ~16.7 MB). A cycle of news vocabulary that outgrows it is
 * looked up again after the clear, a few µs a word.
 */
export const WORD_CACHE_MAX = 65_536;
/** Longer words are looked up but not cached (bounds the cache's memory on hostile input). */
export const WORD_CACHE_MAX_LENGTH = 64;


/**
 * Letters of a stem that key the prefix index (`CompiledLexicon.prefix`); also the shortest stem
 * a form may have (compileLexicon throws on shorter ones) and the shortest word looked up there.
 */
export const PREFIX_KEY = 3;

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
    // Every WordPattern has the same fields in the same order (one hidden class at findMatches' reads; tagspeed13).
    words.push({ text: cased ? w.normalize('NFC') : foldWord(w), prefix, cased, endings: inflected ? endings : null, capital });
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
        next.push([...v.slice(0, -1), { text: last.text + w.text, prefix: w.prefix, cased: false, endings: w.endings, capital: false }]);
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
    const idx = lex.entries.push(uniformEntry(entry)) - 1;
    for (const f of forms) addForm(lex, byKey, f, idx, folded);
  }
  return lex;
}

/**
 * Adds entries and their forms to a compiled lexicon (the world states of states.ts, added after
 * the topic's own forms) and clears its word cache, whose entries predate them. Each form carries
 * the endings its `stem~` word takes (its own language's: states.ts), instead of the topic's union.
 * An item with `index` adds its forms to that existing entry (a topic state's names in the
 * library's languages, round 17) instead of a new one; its `entry` is then not stored.
 * @throws Error naming the form when a stem is shorter than 3 letters
 */
export function extendLexicon(lex: CompiledLexicon, items: { entry: LexEntry; index?: number; forms: { form: string; endings: string[] }[] }[]): void {
  const sets = new Map<string, ReadonlySet<string>>();
  const byKey = new Map<string, Pattern>();
  for (const { entry, index, forms } of items) {
    const idx = index ?? lex.entries.push(uniformEntry(entry)) - 1;
    for (const { form, endings } of forms) {
      const key = endings.join('|');
      const set = sets.get(key) ?? sets.set(key, new Set(endings.map((e) => foldWord(e)))).get(key)!;
      addForm(lex, byKey, form, idx, set);
    }
  }
  lex.words.clear();
}
