/**
 * Names of one place or actor in each party's vocabulary (round 10): both parties' outlets report
 * one event with their own names for its places (Aghdam / Akna, Lachin / Berdzor, Khankendi /
 * Stepanakert, Aghdara / Martakert) and actors ("Defence Army" / "illegal Armenian armed
 * detachments"); mapped to one canonical event key each (`p:<Place>`, `a:<Actor>`), they are the
 * same in every language, as the tagger's signals are.
 *
 * The table is data: `config/stories/aliases.yaml` (its header gives the format and sources;
 * `ALIASES_FILE` says which copy), read once when this module loads, its forms folded like the
 * tagger folds words and matched as the event kinds' stems are (./event-types.ts: the start of a
 * word, `=` a whole word, spaces consecutive words, Arabic proclitics allowed).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../config/load.js';
import { addForms, loadTableFile } from './table-file.js';
import { eventKinds, type CompiledKinds } from './event-types.js';

/** The aliases file: `config/stories/aliases.yaml` in the working directory when it exists there, else the package's own. */
export const ALIASES_FILE = existsSync('config/stories/aliases.yaml') ? 'config/stories/aliases.yaml' : join(PACKAGE_ROOT, 'config/stories/aliases.yaml');

const aliasesFile = z.strictObject({
  aliases: z.record(z.string().regex(/^[pa]:\S.*$/, 'a key is p:<Place> or a:<Actor>'), z.array(z.union([z.string(), z.number()]).transform(String)).min(1)),
});

/**
 * Compiles an aliases file's text into a matcher (the event kinds' form: each key is a "kind").
 * @throws Error naming the source and the first invalid path when it does not match the format
 */
export function compileAliases(yamlText: string, source = 'aliases.yaml'): CompiledKinds {
  const parsed = aliasesFile.safeParse(parseYaml(yamlText));
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const byFirst: CompiledKinds['byFirst'] = new Map();
  for (const [key, forms] of Object.entries(parsed.data.aliases)) {
    addForms(byFirst, key, forms, source, `aliases.${key}`, 'form');
  }
  return { byFirst, weights: new Map(), unless: new Map() };
}

/**
 * Reads and compiles an aliases file.
 * @throws ConfigError naming the file when it cannot be read, is not UTF-8, is not YAML, or does not match the format (src/stories/table-file.ts)
 */
export function loadAliases(file: string): CompiledKinds {
  return loadTableFile(file, 'story aliases', 'config/stories/aliases.yaml', compileAliases);
}

/** The aliases of `ALIASES_FILE`, compiled when this module loads (a malformed file throws then: a ConfigError naming it). */
const ALIASES: CompiledKinds = loadAliases(ALIASES_FILE);

/**
 * The canonical keys (`p:<Place>`, `a:<Actor>`) whose forms occur in the words.
 * @param folded folded words of the headline and text (`Tokens.folded`)
 * Cost: one map lookup per word, then the forms sharing its first character.
 */
export function aliasKeys(folded: string[], aliases: CompiledKinds = ALIASES): Set<string> {
  return eventKinds(folded, aliases);
}
