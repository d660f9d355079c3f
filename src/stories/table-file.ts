/**
 * The stories' data tables (config/stories/event-kinds.yaml, config/stories/aliases.yaml) share
 * one shape: a YAML file read when its module loads, keys mapped to word forms matched at the
 * start of a word (`=` a whole word, spaces or hyphens consecutive words), folded as the tagger
 * folds words. This module holds what the two loaders had twice: reading the file (UTF-8, errors
 * naming it) and compiling a key's forms into the first-character index `eventKinds` walks.
 */
import { ConfigError, PACKAGE_ROOT } from '../config/load.js';
import { NotUtf8Error, readUtf8File } from '../config/utf8.js';
import { fsErrorText } from '../errors.js';
import { foldWord } from '../tagging/fold.js';

/** One form of a key, folded: its words (one for most), each a prefix or (`whole`) a whole word. */
export interface Stem {
  parts: { stem: string; whole: boolean }[];
  kind: string;
}

/**
 * Adds `forms` of `key` to `byFirst` (forms by the first character of their first word).
 * @param where the key's path in the file for errors (`kinds.talks`, `aliases.p:Lachin`)
 * @throws Error `<source>: <where>: empty <noun> "<form>"` for a form with no word left after folding
 */
export function addForms(byFirst: Map<string, Stem[]>, key: string, forms: readonly string[], source: string, where: string, noun: string): void {
  for (const s of forms) {
    const parts = s
      .split(/[\s-]+/)
      .filter(Boolean)
      .map((p) => (p.startsWith('=') ? { stem: foldWord(p.slice(1)), whole: true } : { stem: foldWord(p), whole: false }));
    if (!parts.length || parts.some((p) => !p.stem)) throw new Error(`${source}: ${where}: empty ${noun} "${s}"`);
    const first = parts[0].stem[0];
    const l = byFirst.get(first) ?? [];
    l.push({ parts, kind: key });
    byFirst.set(first, l);
  }
}

/**
 * Reads and compiles a table file.
 * @param what the table's name in errors (`event kinds`, `story aliases`)
 * @param relPath its path in a working directory (`config/stories/event-kinds.yaml`), named when
 *   the working directory's copy is read instead of the package's own
 * @param compile the text to the compiled table; throws an Error (`<file>: <problem>`) when the
 *   file does not match its format, or the YAML parser's error
 * @throws ConfigError naming the file (exit 2 from the CLI, `worker.failed` with `start-failed`
 *   from `start`) when it cannot be read, is not UTF-8 (the byte offset named), is not YAML, or
 *   does not match the format
 */
export function loadTableFile<T>(file: string, what: string, relPath: string, compile: (text: string, source: string) => T): T {
  let text: string;
  try {
    text = readUtf8File(file);
  } catch (err) {
    throw new ConfigError(`${what} ${file}`, [`(file): ${err instanceof NotUtf8Error ? err.message : `cannot read: ${fsErrorText(err)}`}`]);
  }
  try {
    return compile(text, file);
  } catch (err) {
    // a YAML syntax error does not name the file by itself; a format error does (strip it: ConfigError names it)
    const msg = (err as Error).message.replace(`${file}: `, '').split('\n')[0].replace(/:\s*$/, '');
    const where = file === relPath && !file.startsWith(PACKAGE_ROOT) ? ` (${relPath} in the working directory ${process.cwd()} is read instead of the package's own)` : '';
    throw new ConfigError(`${what} ${file}`, [`${msg}${where}`]);
  }
}
