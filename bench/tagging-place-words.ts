/**
 * Lists the country and place matches of the labeled tagging sets whose matched words are common
 * words of the article's language (issue 12, round 18 sigfix18c): an inflected word read as a
 * state (Italian "liberi" = freed, a stem of Polish "Liberia") or a phrase read as a city (Persian
 * "در آستانه", on the eve of = Astana). A match is listed when its entity is in none of the
 * article's `expect` fields; `lc` counts the articles of that language where the same words occur
 * written in lower case (for cased scripts, a common word; caseless scripts show 0 and are read by
 * eye). Prints text; not a test.
 *
 *   npx tsx bench/tagging-place-words.ts [FILE...]
 *
 * Output: one line per matched surface, "lang surface -> entity  fp=<articles> lc=<articles>".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopic } from '../src/tagging/index.js';
import { findMatches } from '../src/tagging/match.js';
import { tokenize } from '../src/tagging/tokenize.js';

const given = process.argv.slice(2).filter((a) => a.endsWith('.jsonl'));
const dir = resolve(process.cwd(), 'tests/fixtures/tagging');
const files = given.length > 0 ? given : [resolve(process.cwd(), '../shared/corpus/tagging/dev.jsonl'), ...readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => resolve(dir, f))];
const topic = loadTopic('armenia-azerbaijan-talks');
const { entries } = topic.lexicon;
type Item = { id?: string; lang?: string; title: string; text: string; expect?: Record<string, string[]> };
const items: Item[] = [];
for (const file of files) for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) items.push(JSON.parse(line) as Item);
// lower-case words per language (each counted once per article)
const lower = new Map<string, Map<string, number>>();
for (const it of items) {
  const lang = it.lang ?? '?';
  if (!lower.has(lang)) lower.set(lang, new Map());
  const m = lower.get(lang)!;
  for (const w of new Set(`${it.title ?? ""} ${it.text ?? ""}`.match(/[\p{L}\p{M}]+/gu) ?? [])) if (w !== w.toUpperCase() && w === w.toLowerCase()) m.set(w, (m.get(w) ?? 0) + 1);
}
const hits = new Map<string, { fp: number; lc: number }>();
for (const it of items) {
  const lang = it.lang ?? '?';
  const tok = tokenize(topic.lexicon, it.title ?? "", it.text ?? "");
  const expected = new Set(Object.values(it.expect ?? {}).flat());
  for (const m of findMatches(tok)) {
    const es = m.entries.map((i) => entries[i]!).filter((e) => (e.kind === 'countries' || e.kind === 'places') && !e.demonym);
    if (es.length === 0 || es.some((e) => expected.has(e.name) || (e.country !== undefined && expected.has(e.country)))) continue;
    const words = tok.original.slice(m.start, m.end);
    const lc = words.map((w) => lower.get(lang)?.get(w.toLowerCase()) ?? 0);
    const key = `${lang} ${words.join(' ')} -> ${es.map((e) => e.name).join('/')}`;
    const h = hits.get(key) ?? { fp: 0, lc: Math.min(...lc) };
    h.fp += 1;
    hits.set(key, h);
  }
}
for (const [k, h] of [...hits].sort((a, b) => b[1].lc - a[1].lc || a[0].localeCompare(b[0]))) console.log(`${k}  fp=${h.fp} lc=${h.lc}`);
