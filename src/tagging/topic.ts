/**
 * Topic files: `config/topics/<id>.yaml`, parsed and validated here (`parseTopicText`,
 * `readTopicData`: plain `TopicData`) against the zod schema of src/tagging/topic-schema.ts and
 * src/tagging/topic-scoring.ts, and compiled once into a `Topic` (the lexicon indexes of
 * src/tagging/lexicon.ts plus the scoring parameters) by src/tagging/topic-compile.ts, which an
 * extraction thread loads without this module (issue 17 round 13: no yaml or zod in the threads).
 * The file format is documented in docs/tagging.md and in the talks topic's header.
 */
import { NotUtf8Error, readUtf8File } from '../config/utf8.js';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CompiledLexicon } from './lexicon.js';
import { compileTopicData } from './topic-compile.js';
import { topicFile, type TopicData } from './topic-schema.js';
import type { TopicScoring } from './topic-scoring.js';

export type { TopicData } from './topic-schema.js';
export type { TopicScoring } from './topic-scoring.js';

/**
 * Parses, validates and compiles a topic from its YAML text (`parseTopicText`, then
 * `compileTopicData`).
 * @param id the topic id (file name without `.yaml`)
 * @throws Error naming the first invalid path when the file does not match the format
 */
export function compileTopic(id: string, yamlText: string, source = `${id}.yaml`): Topic {
  return compileTopicData(id, parseTopicText(id, yamlText, source), source);
}

/** A compiled topic (see `loadTopic`). */
export interface Topic {
  id: string;
  /** The two parties of the dyad (`parties` in the file). */
  parties: [string, string];
  /** `relevant` needs `score >= threshold` (0..1). */
  threshold: number;
  /** Round 15: language → the bit (1: first party, 2: second) of the party it implies (`homeLanguages`). */
  homeLanguages: Map<string, number>;
  /** Round 16: names of settlement terms (`settlementTerms`). */
  settlementTerms: Set<string>;
  /** Round 17: names of paired terms (`pairedTerms`). */
  pairedTerms: Set<string>;
  /** Round 18: names of the dyad's own anchor terms (`ownAnchors`). */
  ownAnchors: Set<string>;
  scoring: TopicScoring;
  lexicon: CompiledLexicon;
  /** Folded words after which a stand-in capital counts as a place ("in", "в", ...). */
  locatives: Set<string>;
  /** The same, compared as written (`=à`: French "à", not the English article "a"). */
  locativesExact: Set<string>;
  /** Folded word endings that make a stand-in capital a place (Armenian -ում, Azerbaijani -da). */
  locativeSuffixes: string[];
  /** The same endings as separate words (Turkish "Washington'da" is split at the apostrophe). */
  locativeClitics: Set<string>;
  /** Folded articles skipped before a locative word ("in the White House"). */
  articles: Set<string>;
  /** Folded locative words of direction or origin ("from", "to", "aus", "из"): no scene for a state (round 6). */
  directionals: Set<string>;
  /** Folded endings of direction or origin (-dan, -ից), also as clitics after an apostrophe. */
  directionalSuffixes: string[];
  /** Round 13: folded endings of transit (Armenian -ով): a third state with one is crossed by a route. */
  transitSuffixes: string[];
  /** Round 16: folded nouns of a government's word ("reply", "antwort", "cavab"); a trailing `*` marks a stem. */
  sourced: string[];
  /** Round 16: folded prepositions of origin ("from", "aus", "из", "de", "من"). */
  origins: Set<string>;
  /** Round 14: folded words of proximity before a place ("near", "près", "біля"): a locative, one linking word ("de", "a", "of") may stand between. */
  nearby: Set<string>;
  /** Round 14: folded postpositions of proximity after a place ("yakınlarında", "մերձակայքում", "ახლოს", "entfernt"): a locative. */
  nearbyAfter: Set<string>;
  /** Round 19 (tagsig19): folded war words ("war", "savaşı", "պատերազմում", "جنگ"): a conflict region next to one names the war. */
  warWords: Set<string>;
  /** Round 19 (tagsig19): folded genitive links between a war word and the region ("of", "del", "du", "um", "за"). */
  warLinks: Set<string>;
  /** Round 19 (tagsig19): folded words of handing over or conceding, `*` stems kept ("handover", "concession*", "transfert"). */
  handover: string[];
  /** Round 20 (tagsig20): folded words of relation, aid , `*` stems kept ("relations", "cooperaci*", "support"): partner.ts. */
  relation: string[];
}

const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Armenian}/u, /\p{Script=Georgian}/u, /\p{Script=Arabic}/u, /\p{Script=Greek}/u];

/**
 * True when a word of a form has letters of more than one script (Latin, Cyrillic, Armenian,
 * Georgian, Arabic, Greek); words of different scripts are fine ("Гарегин II").
 */
function mixesScripts(form: string): boolean {
  return form.split(' ').some((word) => SCRIPTS.filter((re) => re.test(word)).length > 1);
}

/**
 * Parses and validates a topic file's YAML text into plain data (`TopicData`: the file with its
 * defaults filled in), without compiling it. The worker's main thread does this and hands the
 * data to its extraction threads (src/queue/extract-pool.ts), which compile it with
 * `compileTopicData` (src/tagging/topic-compile.ts) and so never load yaml or zod.
 * @param id the topic id (file name without `.yaml`)
 * @throws Error naming the first invalid path when the file does not match the format
 */
export function parseTopicText(id: string, yamlText: string, source = `${id}.yaml`): TopicData {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new Error(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = topicFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${source}: ${problems.join('; ')}`);
  }
  const f = parsed.data;
  // Each party must be an entity of `entities.countries` that stands for it (`party: <name>`):
  // a misspelt party would compile and make every article score 0.
  f.parties.forEach((p, i) => {
    const e = f.entities.countries[p];
    if (!e) throw new Error(`${source}: parties.${i}: "${p}" names no entity of entities.countries (known: ${Object.keys(f.entities.countries).slice(0, 8).join(', ')}, ...)`);
    if (e.party !== p) throw new Error(`${source}: entities.countries.${p}.party: must be "${p}" (the entity of a party stands for it)`);
  });
  if (f.parties[0] === f.parties[1]) throw new Error(`${source}: parties: the two parties must differ`);
  for (const [lang, p] of Object.entries(f.homeLanguages)) {
    if (!f.parties.includes(p)) throw new Error(`${source}: homeLanguages.${lang}: "${p}" is not one of parties (${f.parties.join(', ')})`);
  }
  f.settlementTerms.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: settlementTerms.${i}: "${t}" names no entry of terms`);
  });
  f.pairedTerms.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: pairedTerms.${i}: "${t}" names no entry of terms`);
  });
  f.capitalPairTerms.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: capitalPairTerms.${i}: "${t}" names no entry of terms`);
  });
  f.ownAnchors.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: ownAnchors.${i}: "${t}" names no entry of terms`);
  });
  for (const kind of ['countries', 'actors', 'places', 'mediators', 'others', 'names'] as const) {
    for (const [name, e] of Object.entries(f.entities[kind])) {
      if (e.party && !f.parties.includes(e.party)) throw new Error(`${source}: entities.${kind}.${name}.party: "${e.party}" is not one of parties (${f.parties.join(', ')})`);
    }
  }
  // A word that mixes scripts (a Cyrillic "а" typed in a Latin word) never matches any text: an
  // error with its path, like a misspelt key.
  const checkForms = (path: string, list: string[]): void => {
    list.forEach((form, i) => {
      if (mixesScripts(form)) throw new Error(`${source}: ${path}.${i}: "${form}" mixes scripts (it can never match)`);
    });
  };
  for (const kind of ['countries', 'actors', 'places', 'mediators', 'others', 'names'] as const) {
    for (const [name, e] of Object.entries(f.entities[kind])) {
      checkForms(`entities.${kind}.${name}.forms`, e.forms);
      if (e.demonyms) checkForms(`entities.${kind}.${name}.demonyms`, e.demonyms);
    }
  }
  for (const [name, t] of Object.entries(f.terms)) checkForms(`terms.${name}.forms`, t.forms);
  for (const [cue, list] of Object.entries(f.cues)) checkForms(`cues.${cue}`, list);
  return f;
}

/**
 * Loads and compiles `<dir>/<id>.yaml`.
 * @throws Error naming the file when it is missing, not UTF-8 (the byte offset named) or malformed
 */
export function loadTopicFile(id: string, dir: string): Topic {
  const { data, source } = readTopicData(id, dir);
  return compileTopicData(id, data, source);
}

/**
 * Reads and validates `<dir>/<id>.yaml` (see `parseTopicText`); `source` is the file's path, for
 * the messages of `compileTopicData`.
 * @throws Error naming the file when it is missing, not UTF-8 (the byte offset named), malformed,
 *   or its `id:` is not its name
 */
export function readTopicData(id: string, dir: string): { data: TopicData; source: string } {
  const file = join(dir, `${id}.yaml`);
  let text: string;
  try {
    text = readUtf8File(file);
  } catch (err) {
    if (err instanceof NotUtf8Error) throw new Error(`${file}: topic file ${err.message}`);
    throw new Error(`${file}: cannot read topic file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const data = parseTopicText(id, text, file);
  // A file copied from another topic with its `id:` left as it was would tag every record
  // under the other topic's id (two topics of one id in a record, `retag` and `only: relevant`
  // reading the wrong one): the id is the file's name, so a differing `id:` is refused (fresh20).
  if (data.id !== undefined && data.id !== id) throw new Error(`${file}: id: "${data.id}" differs from the file's name "${id}" (records are tagged under the id): make them the same, or leave id out`);
  return { data, source: file };
}
