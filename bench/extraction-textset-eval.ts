/**
 * Held-out check on a folder of page/text pairs: `<dir>/html/<name>.html` with the expected body
 * text in `<dir>/text/<name>.txt` (the layout of newspaper's tests/data, github.com/codelucas/newspaper;
 * its expected texts are newspaper's own output). Scores this extractor and Mozilla Readability
 * 0.6 on linkedom side by side with the Zyte benchmark's body metric (4-token shingles, per-page
 * precision and recall averaged, F1 of the means; the rules of ../shared/tools/eval-extraction.mjs).
 * Nothing here was tuned on such a set. The data stays outside the repository.
 *
 * Usage: `npx tsx bench/extraction-textset-eval.ts /path/to/newspaper/tests/data`
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodePage } from '../src/extract/batch.js';
import { extractArticle } from '../src/extract/index.js';

const dir = process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'html')) || !fs.existsSync(path.join(dir, 'text'))) {
  console.error('usage: extraction-textset-eval.ts <dir with html/ and text/>');
  process.exit(2);
}

function shingles(s: string): Map<string, number> {
  const t = s.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const m = new Map<string, number>();
  const n = t.length < 4 ? (t.length ? 1 : 0) : t.length - 3;
  for (let i = 0; i < n; i++) {
    const k = t.slice(i, i + 4).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Per-page precision/recall of `pred` against `truth` (null precision when pred has no shingles). */
function score(pred: string, truth: string): { p: number | null; r: number | null } {
  const a = shingles(pred);
  const b = shingles(truth);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, v] of a) {
    const w = b.get(k) ?? 0;
    tp += Math.min(v, w);
    fp += Math.max(0, v - w);
  }
  for (const [k, w] of b) fn += Math.max(0, w - (a.get(k) ?? 0));
  return { p: a.size ? tp / (tp + fp || 1) : null, r: b.size ? tp / (tp + fn || 1) : null };
}

const names = fs.readdirSync(path.join(dir, 'html')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5))
  .filter((n) => fs.existsSync(path.join(dir, 'text', `${n}.txt`))).sort();
const runners: Record<string, (html: string, url: string) => string> = {
  'news-ingest': (html, url) => extractArticle(html, url).text,
  'Readability 0.6 + linkedom': (html, url) => {
    const { document } = parseHTML(html);
    try {
      Object.defineProperty(document, 'documentURI', { value: url });
    } catch {
      // linkedom documents without a settable URI: relative links stay relative
    }
    return new Readability(document as unknown as Document).parse()?.textContent ?? '';
  },
};
for (const [label, fn] of Object.entries(runners)) {
  const ps: number[] = [];
  const rs: number[] = [];
  let empty = 0;
  for (const n of names) {
    const html = decodePage(fs.readFileSync(path.join(dir, 'html', `${n}.html`)));
    const truth = fs.readFileSync(path.join(dir, 'text', `${n}.txt`), 'utf8');
    let out = '';
    try {
      out = fn(html, `http://${n.replace(/\d+$/, '')}/article`);
    } catch {
      out = '';
    }
    if (!out.trim()) empty++;
    const s = score(out, truth);
    if (s.p !== null) ps.push(s.p);
    if (s.r !== null) rs.push(s.r);
  }
  const P = ps.reduce((a, b) => a + b, 0) / (ps.length || 1);
  const R = rs.reduce((a, b) => a + b, 0) / (rs.length || 1);
  console.log(`${label.padEnd(28)} ${names.length} pages: F1 ${((2 * P * R) / (P + R || 1)).toFixed(3)} (P ${P.toFixed(3)}, R ${R.toFixed(3)}), empty ${empty}`);
}
