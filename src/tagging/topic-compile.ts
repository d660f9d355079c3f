/**
 * Compiling a validated topic file (`TopicData`, src/tagging/topic.ts) into a `Topic`: the lexicon
 * indexes of src/tagging/lexicon.ts plus the scoring parameters. Split from topic.ts (issue 17,
 * round 13) so that the extraction threads, which get their topics as data validated by the main
 * thread, compile them without loading yaml and zod (~4 MB of each thread's heap).
 */
import { foldWord } from './fold.js';
import { compileLexicon, extendLexicon, type CompiledLexicon, type LexEntry } from './lexicon.js';
import { worldPlaceItems } from './places.js';
import { worldStateItems } from './states.js';
import type { Topic, TopicData } from './topic.js';

const LATIN_FORM = /^[a-z* ~]+$/;
/**
 * A person's forms plus their spellings under the topic's `transliterations`, one or two applied
 * (Latin-script forms only; case-sensitive `=` forms are left as written).
 * @param forms the forms as written in the topic file
 * @param rules `[from, to]` pairs, applied to every occurrence of `from` in a folded form
 */
function withTransliterations(forms: string[], rules: [string, string][]): string[] {
  if (rules.length === 0) return forms;
  const out = new Set(forms);
  const apply = (f: string): string[] => rules.filter(([a]) => f.includes(a)).map(([a, b]) => f.split(a).join(b));
  for (const form of forms) {
    const f = foldWord(form);
    if (form.startsWith('=') || !LATIN_FORM.test(f)) continue;
    for (const once of apply(f)) {
      out.add(once);
      for (const twice of apply(once)) out.add(twice);
    }
  }
  return [...out];
}

/**
 * Round 16 (tag16c): Armenian nouns in -ություն drop the final ն in their oblique cases
 * (հայտարարություն "statement" → հայտարարությամբ "by the statement", պայմանավորվածություն
 * "agreement" → պայմանավորվածության), so a form whose last word is written `…ություն*` would only
 * match the nominative and the plural. Such a form is widened to `…ությ*`, which matches every case.
 * @param forms the forms as written in the topic file; other forms are returned as they are
 */
export function withArmenianObliques(forms: string[]): string[] {
  return forms.map((f) => (f.endsWith('ություն*') ? `${f.slice(0, -'ություն*'.length)}ությ*` : f));
}

/**
 * Compiles a validated topic file (`parseTopicText` or `readTopicData` of src/tagging/topic.ts; the
 * same data after a structured clone or a JSON round trip) into a `Topic`.
 * @param id the topic id (file name without `.yaml`), used when the file has no `id`
 * @param f the validated file
 * @param source names the file in errors
 * @throws Error naming `source` when a term's venue names no place or the lexicon cannot be built
 */
export function compileTopicData(id: string, f: TopicData, source = `${id}.yaml`): Topic {
  const items: { entry: LexEntry; forms: string[] }[] = [];
  for (const kind of ['countries', 'actors', 'places', 'mediators', 'others', 'names'] as const) {
    for (const [name, e] of Object.entries(f.entities[kind])) {
      const entry: LexEntry = { kind, name };
      if (e.party) entry.party = e.party;
      if (typeof e.country === 'string') entry.country = e.country;
      if (kind === 'countries') entry.isCountry = e.country !== false;
      if (e.mediator || kind === 'mediators') entry.mediator = true;
      if (e.always) entry.always = true;
      if (e.other || kind === 'others') entry.other = true;
      if (e.standIn) entry.standIn = true;
      if (e.building) entry.building = true;
      if (e.club) entry.club = true;
      if (e.anchor || e.always) entry.anchor = true;
      if (e.implies?.length) entry.implies = e.implies;
      items.push({ entry, forms: kind === 'actors' ? withTransliterations(e.forms, f.transliterations) : e.forms });
      if (e.demonyms?.length) items.push({ entry: { ...entry, demonym: true }, forms: e.demonyms });
    }
  }
  for (const [name, t] of Object.entries(f.terms)) {
    // Round 12: a deal named after its venue ("the Washington Declaration") names that place.
    let venue: { venue: string; venueCountry?: string } | Record<string, never> = {};
    if (t.venue !== undefined) {
      const place = f.entities.places[t.venue];
      if (!place) throw new Error(`${source}: terms.${name}.venue: "${t.venue}" names no entity of entities.places`);
      venue = { venue: t.venue, ...(typeof place.country === 'string' ? { venueCountry: place.country } : {}) };
    }
    // Round 13: a scene term ("initialled in Washington") lists its venue as a place.
    if (t.scene && t.venue === undefined) throw new Error(`${source}: terms.${name}.scene: a scene term needs a venue`);
    items.push({ entry: { kind: 'term', name, weight: t.weight, anchor: t.anchor, dyadic: t.dyadic, ...(t.pairable ? { pairable: true } : {}), ...(f.pairedTerms.includes(name) ? { pairTerm: true } : {}), ...(f.capitalPairTerms.includes(name) ? { capitalPairTerm: true } : {}), ...(t.handover ? { handover: true } : {}), ...(t.role ? { role: true } : {}), ...(t.route ? { route: true } : {}), ...(t.goods ? { goods: true } : {}), ...(t.truce ? { truce: true } : {}), ...(t.unmediated ? { unmediated: true } : {}), ...(t.scene ? { scene: true } : {}), ...venue }, forms: t.forms });
  }
  // Cue lists, in a fixed order (each one matched as its own kind).
  const CUE_KINDS = ['negative', 'mediation', 'background', 'backgroundAfter', 'history', 'release', 'captive', 'reaction', 'thirdParty', 'role', 'speech', 'border', 'meeting', 'boilerplate', 'sport', 'comparison', 'facility', 'upcoming', 'dated', 'travel', 'gratitude', 'occasion', 'occasionAfter', 'transit', 'sidelines', 'stance', 'voices', 'attempt', 'bypass'] as const;
  for (const kind of CUE_KINDS) items.push({ entry: { kind, name: kind }, forms: f.cues[kind] });
  for (const i of items) i.forms = withArmenianObliques(i.forms);
  // Officials and capitals of another dyad's state stand for that party too (Erdogan, Ankara).
  const otherStates = new Set(items.filter((i) => i.entry.kind === 'countries' && i.entry.other).map((i) => i.entry.name));
  for (const i of items) if (i.entry.country && otherStates.has(i.entry.country)) i.entry.other = true;
  let lexicon: CompiledLexicon;
  try {
    lexicon = compileLexicon(items, Object.values(f.endings).flat(), Object.values(f.proclitics).flat());
    extendLexicon(lexicon, worldStateItems(f.worldStates, f.endings, lexicon));
    if (f.worldPlaces) extendLexicon(lexicon, worldPlaceItems(lexicon));
  } catch (err) {
    throw new Error(`${source}: ${(err as Error).message}`);
  }
  return {
    id: f.id ?? id,
    parties: [f.parties[0]!, f.parties[1]!],
    threshold: f.threshold,
    homeLanguages: new Map(Object.entries(f.homeLanguages).map(([lang, p]) => [lang, p === f.parties[0] ? 1 : 2])),
    settlementTerms: new Set(f.settlementTerms),
    pairedTerms: new Set(f.pairedTerms),
    ownAnchors: new Set(f.ownAnchors),
    scoring: f.scoring,
    lexicon,
    locatives: new Set(f.cues.locative.filter((w) => !w.startsWith('=')).map(foldWord)),
    locativesExact: new Set(f.cues.locative.filter((w) => w.startsWith('=')).map((w) => w.slice(1).normalize('NFC'))),
    locativeSuffixes: f.cues.locativeSuffixes.map(foldWord),
    locativeClitics: new Set(f.cues.locativeSuffixes.map(foldWord)),
    articles: new Set(f.cues.articles.map(foldWord)),
    directionals: new Set(f.cues.directional.map(foldWord)),
    directionalSuffixes: f.cues.directionalSuffixes.map(foldWord),
    sourced: f.cues.sourced.map((w) => (w.endsWith('*') ? `${foldWord(w.slice(0, -1))}*` : foldWord(w))),
    origins: new Set(f.cues.origins.map(foldWord)),
    transitSuffixes: f.cues.transitSuffixes.map(foldWord),
    nearby: new Set(f.cues.nearby.map(foldWord)),
    nearbyAfter: new Set(f.cues.nearbyAfter.map(foldWord)),
    warWords: new Set(f.cues.warWords.map(foldWord)),
    warLinks: new Set(f.cues.warLinks.map(foldWord)),
    handover: f.cues.handover.map((w) => (w.endsWith('*') ? `${foldWord(w.slice(0, -1))}*` : foldWord(w))),
    relation: f.cues.relation.map((w) => (w.endsWith('*') ? `${foldWord(w.slice(0, -1))}*` : foldWord(w))),
  };
}
