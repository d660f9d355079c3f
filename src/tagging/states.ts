/**
 * World states (issue 12, round 8 "countries8"): the names of every UN member state (and the two
 * observer states) in the topic's languages, from the npm library `i18n-iso-countries` (7.14.0,
 * ISO 3166-1 names per locale; it has all 14 languages of the story), as extra `countries`
 * entries of a topic's lexicon. Without them a state outside the topic file (talks between two
 * other states, an energy deal with a third country, a visit by another state's official) could
 * never be listed. The entries are plain states: whether one is listed is decided by the same
 * participant-vs-background rules as for the topic's own states (collect.ts, signals.ts).
 *
 * The topic file wins: a state whose short name is already an entity of the topic, or a name the
 * topic's lexicon already matches (as any entity or term), is not added.
 */
import { createRequire } from 'node:module';
import { foldWord, WORD } from './fold.js';
import type { CompiledLexicon, LexEntry } from './lexicon.js';
import { findMatches, NEEDS_ENDING, type Match } from './match.js';
import { tokenize, type Tokens } from './tokenize.js';

const require = createRequire(import.meta.url);

/**
 * ISO 3166-1 alpha-2 codes of the 193 UN member states plus the observer states VA and PS
 * (source: the UN's list of member states; territories, Taiwan and Kosovo are not members).
 */
const UN_STATES = (
  'AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN CO KM CG CD ' +
  'CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ ' +
  'IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP ' +
  'NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES ' +
  'LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW VA PS'
).split(' ');

/**
 * Short English names (the `countries` convention of ../shared/corpus/tagging/README.md:
 * "United States", "United Kingdom", "Turkey", "Vatican City") where the library's first English
 * name is an official or inverted one ("Russian Federation", "Korea, Republic of").
 */
const SHORT: Record<string, string> = {
  BN: 'Brunei', CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo', CI: 'Ivory Coast', CN: 'China', CZ: 'Czech Republic',
  FM: 'Micronesia', GM: 'Gambia', IR: 'Iran', KR: 'South Korea', KP: 'North Korea', LA: 'Laos', MD: 'Moldova', MK: 'North Macedonia',
  PS: 'Palestine', RU: 'Russia', SY: 'Syria', TZ: 'Tanzania', TR: 'Turkey', US: 'United States', VA: 'Vatican City', TL: 'East Timor',
  CV: 'Cape Verde', SZ: 'Eswatini',
};

/**
 * Names of a state in one language that are also common words or persons' names of that
 * language, so a capital letter does not tell them apart (sentence-initial words, caseless
 * scripts): Russian/Ukrainian "Того" (of that), Ukrainian "Малі" and Polish "Mali" (small),
 * Turkish/Azerbaijani "Mali" (financial), Italian "Mali" (ills), Arabic/Persian مالي (financial),
 * عمان (also Amman, Jordan's capital), Persian چک (cheque), Georgian ჩადი (ჩადის: "commits, goes
 * down"), French "Maurice" (a first name); names that are words of another language: German
 * "Island" (Iceland; English "Rhode Island"), Spanish "Granada" (Grenada; the Spanish city);
 * Italian "Monaco" is also Munich ("la Conferenza di Monaco", where the parties met in 2023–24).
 * Folded forms per language: that language's names are not used, and in an article of that
 * language the word is no state whichever language's name it equals (`withoutCommonWords`).
 */
const COMMON_WORDS: Record<string, string[]> = {
  ru: ['того'], uk: ['того', 'малі'], pl: ['mali'], tr: ['mali'], az: ['mali'], ar: ['مالي', 'عمان'], fa: ['مالي', 'عمان', 'چك'],
  ka: ['ჩადი'], fr: ['maurice'], de: ['island'], es: ['granada'], it: ['mali', 'monaco'],
};

/**
 * City-states whose name is also their one city (Monaco, Singapore, Vatican City): "the draw in
 * Monaco", "the next stage in Singapore" name the city as a scene, not a state taking part.
 */
const CITY_STATES = new Set(['MC', 'SG', 'VA']);

/** Languages whose nouns change their ending (the nominative's ending is replaced, not extended). */
const REPLACING = new Set(['ru', 'uk', 'pl']);
/** Function words inside names ("Bosnia and Herzegovina", "Afrique du Sud"), matched as written. */
const INNER = /^(and|of|the|et|du|de|des|la|le|und|y|e|i|и|і|ve|və|del|di|da)$/;
/** Scripts with letter case: a state's name there must start with a capital letter. */
const CASED = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Greek}]/u;

/**
 * The library, with the locales of `languages` registered (loaded once per process). Its core
 * (`index.js`) and only these locales: the package's entry registers all of its 80 locales,
 * which then stay in each process or thread that compiles a topic (1.8 MB of heap against 0.3
 * for the topic's languages; measured for issue 17 round 10).
 */
function library(languages: string[]): { getNames(lang: string, opts: { select: 'all' }): Record<string, string[]> } {
  const lib = require('i18n-iso-countries/index.js') as { registerLocale(data: unknown): void; getNames(lang: string, opts: { select: 'all' }): Record<string, string[]> };
  for (const l of languages) lib.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
  return lib;
}

/** Short English name of a state (SHORT, else the library's first English name). */
function shortName(code: string, en: Record<string, string[]>): string {
  return SHORT[code] ?? en[code]![0]!;
}

/**
 * Lexicon forms of one name in one language: every word folded, the last one a `~` word that
 * takes the language's own endings of the topic file (returned with the form); in ru/uk/pl the nominative's ending is replaced first
 * (Иордания → иордан + ии, ию, ией; a singular's stem alone is no name: round 18, match.ts `NEEDS_ENDING`); in Georgian a final ა drops too (იორდანიის) and a
 * final ი is the nominative's (ომანი → ომან + ის, ში); in
 * Armenian a final vowel takes յ (Ինդոնեզիայի); multi-word names in ru/uk/pl match every word as
 * a stem (Новая Зеландия → `нов* зеланд*`). Cased scripts get `^` (first letter upper case).
 */
export function formsOf(name: string, lang: string, endings: string[]): StateForm[] {
  const words = name.match(WORD)?.map((w) => foldWord(w)) ?? [];
  if (words.length === 0 || words.some((w) => w.length === 0)) return [];
  const cap = CASED.test(name) ? '^' : '';
  // The stem left must keep 4 letters (3 inside a multi-word name: Nowa Zelandia → `now* zelandi*`).
  const strip = (w: string, min = 4): string => {
    let best = w;
    for (const e of endings) if (e.length > 0 && w.endsWith(e) && w.length - e.length >= min && w.length - e.length < best.length) best = w.slice(0, -e.length);
    return best;
  };
  const out = new Map<string, string[]>();
  const last = words[words.length - 1]!;
  const head = words.slice(0, -1).join(' ');
  // A name takes its own language's endings (a `~` form with its own set): with every language's endings
  // (`stem~`) it ran into other languages' words (Turkish Çad + a = Spanish "Cada", Malí + n = the
  // name Malín, Jamaica + n = "Jamaican", Yemen + i = "Yemeni": adjectives of nationality, which
  // the topic's own states list only for officials). In Latin script no ending of one letter but
  // the genitive s (Perus, Malis) and the Polish genitive u (Omanu); a stem whose nominative
  // ending was replaced takes them all (Polish Kenia → Kenii, Kenię).
  const own = endings.map((e) => foldWord(e)).filter((e) => e.length > 1 || e === 's' || (lang === 'pl' && e === 'u') || !/^\p{Script=Latin}/u.test(last));
  const all = endings.map((e) => foldWord(e));
  const put = (tail: string, replaced = false, needsEnding = false): void => {
    if (tail.length < 3) return;
    out.set(`${cap}${head ? `${head} ` : ''}${tail}~`, replaced ? (needsEnding ? [...all, NEEDS_ENDING] : all) : own);
  };
  // Georgian ი is the nominative ending of consonant stems (ომანი, ომანის, ომანში): only the stem.
  if (lang === 'ka' && last.endsWith('ი') && last.length >= 5) put(last.slice(0, -1));
  else put(last);
  if (REPLACING.has(lang)) {
    const stem = strip(last);
    // The stem of a plural name is its genitive (Polish Chiny, "z Chin"; Russian Багамы, "Багам"):
    // only a singular's stem needs an ending (Liberia → "liberi" alone is Italian "freed").
    if (stem !== last) put(stem, true, !/^[yiыиі]$/.test(last.slice(stem.length)));
    if (words.length > 1) out.set(cap + words.map((w) => (INNER.test(w) || w.length < 4 ? w : `${strip(w, 3)}*`)).join(' '), []);
  } else if (lang === 'ka' && last.endsWith('ა') && last.length >= 5) put(last.slice(0, -1));
  else if (lang === 'hy' && /[աաոեիու]$/.test(last)) put(`${last}յ`);
  return [...out].map(([form, endingsOf]) => ({ form, endings: endingsOf }));
}

/** A form and the endings its `~` word takes (folded; its own language's). */
export interface StateForm {
  form: string;
  endings: string[];
}

/** One state's entry and forms, ready for `extendLexicon`. */
export interface StateItem {
  entry: LexEntry;
  /** The topic's own entry of this state (its index in the lexicon): the forms are added to it. */
  index?: number;
  forms: StateForm[];
}

/**
 * The world states to add to a compiled topic lexicon.
 * @param languages the topic's `worldStates` languages (library locale codes: en, ru, hy, ...)
 * @param endings the topic's inflection endings per language (used to replace a nominative ending)
 * @param lex the topic's compiled lexicon: names it already matches as an entity or term are left to it
 * @returns one item per state with forms the lexicon lacks in every language (a state of the topic
 *   file: `index` of its entry, only the names its forms do not match);
 *   a single-word form shared by two states, or the first word of two other states' names
 *   (Congo, Korea), is dropped as ambiguous; so are the COMMON_WORDS
 * @throws Error when a language is not a locale of the library
 */
export function worldStateItems(languages: string[], endings: Record<string, string[]>, lex: CompiledLexicon): StateItem[] {
  if (languages.length === 0) return [];
  const lib = library(languages);
  const byLang = new Map(languages.map((l) => [l, lib.getNames(l, { select: 'all' })]));
  for (const [l, names] of byLang) if (Object.keys(names).length === 0) throw new Error(`worldStates: "${l}" is not a locale of i18n-iso-countries`);
  const en = byLang.get('en') ?? library(['en']).getNames('en', { select: 'all' });
  const known = new Set(lex.entries.map((e) => e.name));
  // Round 17 (tagsig17): a state of the topic file takes the library's names it lacks (China as
  // "Chine" and "Չինաստան", Thailand as "تايلاند" and "Tajlandia", Denmark as "Dinamarca"), added
  // to its own entry: the topic file's forms often cover six languages of the fourteen.
  const topicState = new Map<string, number>();
  lex.entries.forEach((e, i) => {
    if (e.kind === 'countries' && !e.demonym && !topicState.has(e.name)) topicState.set(e.name, i);
  });
  const NAMES = new Set(['countries', 'actors', 'places', 'mediators', 'others', 'names', 'term']);
  const lexiconMatches = (name: string): boolean => findMatches(tokenize(lex, '', name)).some((m) => m.entries.some((i) => NAMES.has(lex.entries[i]!.kind)));
  const formsByState = new Map<string, Map<string, Set<string>>>();
  const owners = new Map<string, Set<string>>();
  // The form of a name as written (not its replaced-ending stem) belongs to the state it names:
  // Georgian ნიგერ(ი) is Niger's name and a stem of Nigeria's ნიგერია.
  const primary = new Map<string, Set<string>>();
  const firstWords = new Map<string, Set<string>>();
  for (const code of UN_STATES) {
    const canonical = shortName(code, en);
    if (known.has(canonical) && !topicState.has(canonical)) continue;
    // form → the endings its `~` word takes (the union over the languages that give it)
    const forms = new Map<string, Set<string>>();
    for (const [lang, names] of byLang) {
      const common = COMMON_WORDS[lang] ?? [];
      for (const name of names[code] ?? []) {
        if (/[(,]/.test(name) || common.includes(foldWord(name)) || lexiconMatches(name)) continue;
        const words = name.match(WORD) ?? [];
        if (words.length > 1) {
          const w = foldWord(words[0]!);
          if (!firstWords.has(w)) firstWords.set(w, new Set());
          firstWords.get(w)!.add(code);
        }
        const fs = formsOf(name, lang, endings[lang] ?? []);
        for (const f of fs) {
          const set = forms.get(f.form) ?? forms.set(f.form, new Set()).get(f.form)!;
          for (const e of f.endings) set.add(e);
        }
        if (fs[0]) (primary.get(fs[0].form) ?? primary.set(fs[0].form, new Set()).get(fs[0].form)!).add(code);
      }
    }
    for (const f of forms.keys()) {
      if (!owners.has(f)) owners.set(f, new Set());
      owners.get(f)!.add(code);
    }
    formsByState.set(code, forms);
  }
  // The lexicon was only read: its word cache must not keep what the names' words started.
  lex.words.clear();
  const items: StateItem[] = [];
  for (const [code, forms] of formsByState) {
    const kept = [...forms.keys()].filter((f) => {
      const p = primary.get(f);
      if (owners.get(f)!.size > 1 && !(p?.size === 1 && p.has(code))) return false;
      if (f.includes(' ')) return true;
      const word = f.replace(/^\^/, '').replace(/~$/, '');
      const others = [...(firstWords.get(word) ?? [])].filter((c) => c !== code);
      return others.length < 2;
    });
    const name = shortName(code, en);
    const index = topicState.get(name);
    const entry: LexEntry = index !== undefined ? lex.entries[index]! : { kind: 'countries', name, isCountry: true, gazetteer: true, ...(CITY_STATES.has(code) ? { cityState: true } : {}) };
    if (kept.length > 0) items.push({ entry, ...(index !== undefined ? { index } : {}), forms: kept.map((f) => ({ form: f, endings: [...forms.get(f)!] })) });
  }
  return items;
}

/**
 * True when a world state's name at words [start, end) is part of a person's name in Latin
 * script ("Michael Jordan", "Jordan Henderson", "Chad Smith"): a capitalised word right after it,
 * or right before it (not opening the sentence), that starts no lexicon form.
 * @param tok the article's tokens (tokenize.ts `Tokens`)
 */
export function inPersonName(tok: { original: string[]; starts: (unknown[] | null)[]; sentence: number[] }, start: number, end: number): boolean {
  const first = tok.original[start]!;
  if (!/^\p{Script=Latin}/u.test(first)) return false;
  const capitalised = (i: number): boolean => {
    const w = tok.original[i];
    return w !== undefined && tok.sentence[i] === tok.sentence[start] && tok.starts[i] === null && /^\p{Lu}\p{Ll}/u.test(w);
  };
  const opensSentence = start === 0 || tok.sentence[start - 1] !== tok.sentence[start];
  return capitalised(end) || (!opensSentence && start >= 2 && tok.sentence[start - 2] === tok.sentence[start] && capitalised(start - 1));
}

/**
 * The matches without world states named by a word that is a common word of the article's
 * language (COMMON_WORDS: Italian "Monaco" is Munich, Turkish "Mali" is "financial", Polish
 * "Mali" is "small"), whichever language's name it equals.
 * @param language the article's language (given or detected), null when unknown
 * @returns `matches` itself when nothing is dropped
 */
export function withoutCommonWords(lex: CompiledLexicon, tok: Tokens, matches: Match[], language: string | null): Match[] {
  const common = language ? COMMON_WORDS[language] : undefined;
  if (!common) return matches;
  const drop = (m: Match): boolean => m.end - m.start === 1 && common.includes(tok.folded[m.start]!) && m.entries.every((i) => lex.entries[i]!.gazetteer);
  return matches.some(drop) ? matches.filter((m) => !drop(m)) : matches;
}

