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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, PACKAGE_ROOT } from '../config/load.js';
import { foldWord } from '../tagging/fold.js';
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
    for (const s of forms) {
      const parts = s
        .split(/[\s-]+/)
        .filter(Boolean)
        .map((p) => (p.startsWith('=') ? { stem: foldWord(p.slice(1)), whole: true } : { stem: foldWord(p), whole: false }));
      if (!parts.length || parts.some((p) => !p.stem)) throw new Error(`${source}: aliases.${key}: empty form "${s}"`);
      const first = parts[0].stem[0];
      const l = byFirst.get(first) ?? [];
      l.push({ parts, kind: key });
      byFirst.set(first, l);
    }
  }
  return { byFirst, weights: new Map(), unless: new Map() };
}

/**
 * Reads and compiles an aliases file.
 * @throws ConfigError naming the file when it cannot be read, is not YAML, or does not match the format
 */
export function loadAliases(file: string): CompiledKinds {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`story aliases ${file}`, [`(file): cannot read: ${(err as Error).message}`]);
  }
  try {
    return compileAliases(text, file);
  } catch (err) {
    throw new ConfigError(`story aliases ${file}`, [(err as Error).message.replace(`${file}: `, '').split('\n')[0]]);
  }
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
