/**
 * readability-lxml (Python, github.com/buriy/python-readability) as a peer column for the
 * extraction evals: runs bench/readability-lxml.py once over many pages (Python's start-up is paid
 * once per batch) and returns the article text of each.
 *
 * The Python is the first of `$READABILITY_PYTHON`, `python3`, `/usr/bin/python3` that can import
 * `readability` and `lxml` (a pyenv `python3` on PATH often lacks the Debian package
 * `python3-readability`, which installs for /usr/bin/python3 only).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** bench/readability-lxml.py, found from both bench/lib (tsx) and dist/bench/lib (tsc). */
const script = [path.resolve(here, '..', 'readability-lxml.py'), path.resolve(here, '..', '..', '..', 'bench', 'readability-lxml.py')]
  .find((p) => fs.existsSync(p)) ?? path.resolve(here, '..', 'readability-lxml.py');

/** One page's result: the article text ('' when none or on error), wall time in ms, the exception name if any. */
export interface LxmlResult { text: string; ms: number; error?: string }

/**
 * The Python interpreter that can run readability-lxml, or `{ reason }` saying why none can
 * (shown to the user when the column is skipped).
 */
export function findLxmlPython(): { python: string } | { reason: string } {
  const candidates = [process.env.READABILITY_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import readability, lxml'], { encoding: 'utf8' });
    if (r.status === 0) return { python: py };
  }
  return { reason: `no python3 with readability-lxml (tried ${candidates.join(', ')}; apt-get install python3-readability, or set READABILITY_PYTHON)` };
}

/**
 * Article texts of `pages` (decoded HTML + URL) by readability-lxml, in order, in batches of
 * `batch` pages per Python process (bounds the pipe size). Throws when the process fails as a
 * whole (a page that fails alone comes back as `{ text: '', error }`).
 */
export function runReadabilityLxml(python: string, pages: Array<{ html: string; url: string }>, batch = 200): LxmlResult[] {
  const out: LxmlResult[] = [];
  for (let i = 0; i < pages.length; i += batch) {
    const input = pages.slice(i, i + batch).map((p) => JSON.stringify(p)).join('\n') + '\n';
    const r = spawnSync(python, [script], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`readability-lxml exited ${r.status}: ${(r.stderr ?? '').trim().slice(0, 300)}`);
    const lines = r.stdout.split('\n').filter((l) => l.trim());
    for (const l of lines) out.push(JSON.parse(l) as LxmlResult);
  }
  return out;
}
