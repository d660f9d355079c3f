/**
 * What kind of occasion a headline reports, read from its words: talks (a meeting, a summit, a
 * signing, a visit), the publication of a text, a protest, a shipment, a closure or decision of
 * an institution, the start of what was decided, and (round 8) a clash, a court's ruling, a
 * checkpoint, a withdrawal, a vote, a release of captives. Two articles of one story are told
 * apart from two events of the same people and places close in time by this more than by their
 * names: the text of an agreement published three days after the summit that initialled it names
 * the same leaders, city and date, but its headline reports a publication. And a kind with a
 * weight says "same event" across languages where names do not: each side's report of one border
 * clash names its own villages, but both headlines report fighting.
 *
 * Read from the headline: the body recalls earlier events in its background, the headline
 * reports this one. A headline with no listed word has no kind (no test). Round 9: the occasions
 * (kinds with a weight) of the lede, its first two sentences, are read too, as `o:<kind>` keys
 * of half the weight that take part in the occasion test only (./event-keys.ts, `scoreStory`).
 *
 * The vocabulary is data: `config/stories/event-kinds.yaml` (its header gives the format and the
 * sources; `EVENT_KINDS_FILE` says which copy), read once when this module loads. Stems are folded like the tagger folds words
 * (`foldWord`) and match the start of a word; `=` marks a whole word; a stem with spaces (or
 * hyphens) matches consecutive words; a kind with `unless` is not read in a headline that also
 * names one of those kinds.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../config/load.js';
import { addForms, loadTableFile, type Stem } from './table-file.js';
import type { Tokens } from './tokens.js';

/** An event kind: a key of `kinds` in the kinds file ("talks", "clash", ...). */
export type EventKind = string;

/**
 * The kinds file: `config/stories/event-kinds.yaml` in the working directory when it exists
 * there, else the package's own (as topic files are found: `topicsDirOf`).
 */
export const EVENT_KINDS_FILE = existsSync('config/stories/event-kinds.yaml') ? 'config/stories/event-kinds.yaml' : join(PACKAGE_ROOT, 'config/stories/event-kinds.yaml');

const kindsFile = z.strictObject({
  kinds: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/),
    z.strictObject({
      weight: z.number().min(0).max(5),
      /** kinds that, named in the same headline, make this one not read ("protesters clash with police" is a protest, "a deal to end the fighting" talks) */
      unless: z.array(z.string()).default([]),
      stems: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
    }),
  ),
});

/** Compiled kinds: stems by the first character of their first word, and each kind's key weight. */
export interface CompiledKinds {
  /** stems by the first character of their first word (src/stories/table-file.ts) */
  byFirst: Map<string, Stem[]>;
  weights: Map<EventKind, number>;
  /** kind → kinds whose presence in the headline drops it */
  unless: Map<EventKind, EventKind[]>;
}

/**
 * Compiles a kinds file's text.
 * @throws Error naming the source and the first invalid path when it does not match the format
 */
export function compileEventKinds(yamlText: string, source = 'event-kinds.yaml'): CompiledKinds {
  const parsed = kindsFile.safeParse(parseYaml(yamlText));
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const byFirst = new Map<string, Stem[]>();
  const weights = new Map<EventKind, number>();
  const unless = new Map<EventKind, EventKind[]>();
  for (const [kind, { weight, unless: u, stems }] of Object.entries(parsed.data.kinds)) {
    weights.set(kind, weight);
    const bad = u.find((k) => !(k in parsed.data.kinds));
    if (bad) throw new Error(`${source}: kinds.${kind}.unless: "${bad}" is no kind`);
    if (u.length) unless.set(kind, u);
    addForms(byFirst, kind, stems, source, `kinds.${kind}`, 'stem');
  }
  return { byFirst, weights, unless };
}

/**
 * Reads and compiles a kinds file.
 * @throws ConfigError naming the file (exit 2 from the CLI, `worker.failed` with `start-failed` from `start`)
 *   when it cannot be read, is not UTF-8, is not YAML, or does not match the format (src/stories/table-file.ts)
 */
export function loadEventKinds(file: string): CompiledKinds {
  return loadTableFile(file, 'event kinds', 'config/stories/event-kinds.yaml', compileEventKinds);
}

/** The kinds of `EVENT_KINDS_FILE`, compiled when this module loads (a malformed file throws then: a ConfigError naming it). */
const KINDS: CompiledKinds = loadEventKinds(EVENT_KINDS_FILE);

/** Weight of the event key `e:<kind>` (0 for a kind that only takes part in the kind test, or an unknown kind). */
export function kindWeight(kind: string): number {
  return KINDS.weights.get(kind) ?? 0;
}

/** Arabic proclitics (the conjunction, prepositions and the article) a word may start with. */
const AR_PROCLITICS = ['وال', 'بال', 'لل', 'ال', 'و', 'ب', 'ل'];

const matches = (p: { stem: string; whole: boolean }, w: string | undefined) => w !== undefined && (p.whole ? w === p.stem : w.startsWith(p.stem));

/**
 * `byFirst` keyed by the first character's UTF-16 code (round 13): `w[0]` of a Cyrillic,
 * Armenian or Arabic word is a new one-character string on every call (V8 caches only
 * Latin-1 ones), hashed for the lookup; `aliasKeys` does that for every word of every text.
 * Built on first use of a table, again when its size changed.
 */
const BY_CODE = new WeakMap<Map<string, Stem[]>, Map<number, Stem[]>>();
function byCode(byFirst: Map<string, Stem[]>): Map<number, Stem[]> {
  let m = BY_CODE.get(byFirst);
  if (m === undefined || m.size !== byFirst.size) {
    m = new Map();
    for (const [c, l] of byFirst) m.set(c.charCodeAt(0), l);
    BY_CODE.set(byFirst, m);
  }
  return m;
}

function kindsAt(title: readonly string[], i: number, w: string, out: Set<EventKind>, byFirst: Map<number, Stem[]>): void {
  const stems = byFirst.get(w.charCodeAt(0));
  if (stems === undefined) return;
  for (const e of stems) {
    if (!matches(e.parts[0], w)) continue;
    let ok = true;
    for (let j = 1; j < e.parts.length && ok; j++) ok = matches(e.parts[j], title[i + j]);
    if (ok) out.add(e.kind);
  }
}

/**
 * The event kinds a headline names (empty when none).
 * @param title folded words of the headline (`words(title).folded`)
 * @param kinds compiled kinds (default: the shipped file)
 */
export function eventKinds(title: Tokens['folded'], kinds: CompiledKinds = KINDS): Set<EventKind> {
  const out = new Set<EventKind>();
  const first = byCode(kinds.byFirst);
  for (let i = 0; i < title.length; i++) {
    const w = title[i];
    if (!w) continue;
    kindsAt(title, i, w, out, first);
    // Arabic: a proclitic before the word ("والمحادثات", "بالقطار"); the shortest stem here is 2 letters
    const c = w.charCodeAt(0);
    if (c >= 0x600 && c <= 0x6ff) for (const p of AR_PROCLITICS) if (w.length > p.length + 1 && w.startsWith(p)) kindsAt(title, i, w.slice(p.length), out, first);
  }
  if (out.size > 1) kinds.unless.forEach((u, k) => {
    if (out.has(k) && u.some((x) => out.has(x))) out.delete(k);
  });
  return out;
}
