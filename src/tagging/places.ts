/**
 * World places (issue 12, round 9): the English names of the world's first- and second-level
 * subdivisions (regions, provinces, counties, cantons, states: Liguria, Brittany, Tyrol, Valais,
 * Seville, Galway, Schleswig-Holstein, Qazvin, Alaska) from the npm package
 * `cldr-subdivisions-full` (Unicode CLDR 48, ISO 3166-2 names; Unicode licence), as extra
 * `places` entries of a topic's lexicon. The topic file knows the story's neighbourhood; these
 * are the far geography of other stories (weather, markets, sport, other states' politics),
 * which the labels list as places wherever they figure as locations.
 *
 * CLDR translates subdivision names into English only (its other locales hold 3 of 5,395), so
 * the names match Latin-script text where the English name is also the local one ("in Liguria",
 * "w Alborz", "en Aragon"). A world place is listed only as a scene: after a locative word or
 * with a locative ending of the topic (position.ts `isLocative`), next to a meeting or facility
 * word, or as one end of a link between cities (collect.ts); a bare capitalised word that
 * happens to be a region's name ("Most", "Para", "Como", German nouns such as "Zug") is not.
 *
 * The topic file and the world states win: a name the compiled lexicon already matches (as any
 * entity or term) is not added.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldWord, WORD } from './fold.js';
import type { CompiledLexicon, LexEntry } from './lexicon.js';
import { findMatches } from './match.js';
import { tokenize } from './tokenize.js';

const require = createRequire(import.meta.url);

/**
 * Words that make a name generic when every word of it is one of them ("Central", "North
 * Western", "Capital", "Est", "Sud", "Centre"): compass and landform words that ISO 3166-2 uses
 * as names of provinces in several states, and that open many sentences.
 */
const GENERIC = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'centre', 'center', 'capital',
  'upper', 'lower', 'middle', 'coast', 'coastal', 'island', 'islands', 'lake', 'lakes', 'river', 'rivers', 'highlands',
  'lowlands', 'plateau', 'plateaux', 'mountain', 'mountains', 'region', 'district', 'city', 'province', 'grand', 'great',
  'nord', 'sud', 'est', 'ouest', 'norte', 'sur', 'oeste', 'este', 'centro', 'sul', 'interior', 'littoral', 'atlantic',
  'pacific', 'gulf', 'sea', 'bay', 'valley', 'new', 'old', 'saint', 'san', 'santa', 'and', 'of', 'the', 'la', 'le', 'de',
]);

/** One world place's entry and forms, ready for `extendLexicon`. */
export interface PlaceItem {
  entry: LexEntry;
  forms: { form: string; endings: string[] }[];
}

/**
 * The English subdivision names of CLDR (code → name), read from the package's file at each
 * compile: parsed rather than `require`d, so the parsed file (0.5 MB of heap) is not kept in the
 * module cache of every thread that compiled a topic (issue 17 round 10).
 */
function subdivisionNames(): Record<string, string> {
  const file = require.resolve('cldr-subdivisions-full/subdivisions/en/en.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { subdivisions: { localeDisplayNames: { subdivisions: Record<string, string> } } };
  return data.subdivisions.localeDisplayNames.subdivisions;
}

/**
 * The world places to add to a compiled topic lexicon.
 * @param lex the topic's compiled lexicon (world states included): names it already matches as an entity or term are left to it
 * @param endings folded endings a place's last word may take in Latin script (the genitive s:
 *   "Tyrols", "Valais'"; an apostrophe splits words anyway)
 * @returns one item per distinct English name: a `^`-capitalised form whose last word is a `~`
 *   word; names with digits or brackets, single words of fewer than 4 letters, and names made
 *   only of GENERIC words are left out
 */
export function worldPlaceItems(lex: CompiledLexicon, endings: string[] = ['s']): PlaceItem[] {
  const NAMES = new Set(['countries', 'actors', 'places', 'mediators', 'others', 'names', 'term']);
  const known = new Set(lex.entries.map((e) => e.name));
  const lexiconMatches = (name: string): boolean => findMatches(tokenize(lex, '', name)).some((m) => m.entries.some((i) => NAMES.has(lex.entries[i]!.kind)));
  const seen = new Set<string>();
  const items: PlaceItem[] = [];
  for (const name of Object.values(subdivisionNames())) {
    if (seen.has(name) || known.has(name)) continue;
    seen.add(name);
    if (/[\p{N}()[\]/,²³¹]/u.test(name) || !/^\p{Lu}/u.test(name)) continue;
    const words = name.match(WORD)?.map((w) => foldWord(w)) ?? [];
    if (words.length === 0 || words.some((w) => w.length === 0)) continue;
    if (words.length === 1 && words[0]!.length < 4) continue;
    if (words.every((w) => GENERIC.has(w))) continue;
    if (lexiconMatches(name)) continue;
    const last = words[words.length - 1]!;
    if (last.length < 3) continue;
    const head = words.slice(0, -1).join(' ');
    items.push({ entry: { kind: 'places', name, gazetteer: true, worldPlace: true }, forms: [{ form: `^${head ? `${head} ` : ''}${last}~`, endings }] });
  }
  // The lexicon was only read: its word cache must not keep what the names' words started.
  lex.words.clear();
  return items;
}
