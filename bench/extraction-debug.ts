/**
 * Shows one Zyte page's extraction against its truth: our blocks not in the truth (FP) and
 * truth paragraphs we missed (FN). Usage: `npx tsx bench/extraction-debug.ts <id-prefix>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeBody } from '../src/http/charset.js';
import { extractArticle } from '../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../../shared/corpus/extraction/zyte');
const gt = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
const key = Object.keys(gt).find((k) => k.startsWith(process.argv[2] ?? ''))!;
const html = decodeBody(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'html', `${key}.html.gz`))), null, 'html').text;
const x = extractArticle(html, gt[key].url);
const tok = (s: string) => (s.match(/[\p{L}\p{N}_]+/gu) ?? []).join(' ');
const truth = tok(gt[key].articleBody);
const ours = tok(x.text);
console.log(key, gt[key].url, 'title:', x.title);
for (const p of x.paragraphs ?? []) if (!truth.includes(tok(p))) console.log('  FP>', p.slice(0, 160));
for (const p of gt[key].articleBody.split(/\n+/)) if (tok(p) && !ours.includes(tok(p))) console.log('  FN<', p.slice(0, 160));
