/**
 * Lists every signal difference (false positive and false negative per `expect` field) of the
 * labeled tagging sets, each with the sentences where the tagger matched the name (or "no
 * match"), to group them by kind of fault. Prints text; not a test.
 *
 *   npx tsx bench/tagging-signal-diffs.ts [FIELD] [FILE...]   # FIELD: countries|actors|places|mediators
 *
 * Ends with one line per field: precision and recall over all the sets read together.
 */
import { compareNames } from './lib/signal-names.js';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { explainArticle, loadTopic } from '../src/tagging/index.js';
import { findMatches } from '../src/tagging/match.js';
import { tokenize } from '../src/tagging/tokenize.js';

type Field = 'countries' | 'actors' | 'places' | 'mediators';
const FIELDS: Field[] = ['countries', 'actors', 'places', 'mediators'];
const args = process.argv.slice(2);
const only = FIELDS.find((f) => args.includes(f));
const given = args.filter((a) => a.endsWith('.jsonl'));
const dir = resolve(process.cwd(), 'tests/fixtures/tagging');
const files = given.length > 0 ? given : [resolve(process.cwd(), '../shared/corpus/tagging/dev.jsonl'), ...readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => resolve(dir, f))];
const topic = loadTopic('armenia-azerbaijan-talks');
const { entries } = topic.lexicon;
const totals = new Map<Field, { tp: number; fp: number; fn: number }>(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const it = JSON.parse(line) as { id?: string; label: number; title: string; text: string; expect: Record<Field, string[]> };
    if (typeof it.id !== 'string') continue;
    const r = explainArticle({ title: it.title, text: it.text }, topic);
    const tok = tokenize(topic.lexicon, it.title, it.text);
    const matches = findMatches(tok);
    const sentenceOf = (s: number): string => tok.original.filter((_, i) => tok.sentence[i] === s).join(' ');
    for (const f of only ? [only] : FIELDS) {
      const cmp = compareNames(it.expect[f] ?? [], r.signals[f]);
      const t = totals.get(f)!;
      t.tp += cmp.tp.length;
      t.fp += cmp.fp.length;
      t.fn += cmp.fn.length;
      const diffs = [...cmp.fp.map((x) => ['FP', x]), ...cmp.fn.map((x) => ['FN', x])];
      for (const [kind, name] of diffs) {
        console.log(`${kind} ${f} ${name} | ${it.id} label=${it.label} rel=${r.relevant}`);
        const seen = new Set<number>();
        for (const m of matches) {
          const e = m.entries.map((ei) => entries[ei]!);
          if (!e.some((x) => x.name === name || x.country === name || x.implies?.includes(name!))) continue;
          const s = tok.sentence[m.start]!;
          if (seen.has(s)) continue;
          seen.add(s);
          console.log(`    [s${s}] ${sentenceOf(s).slice(0, 300)}`);
        }
        if (seen.size === 0) console.log('    (no match)');
      }
    }
  }
}
for (const [f, t] of totals) {
  if (only && f !== only) continue;
  console.log(`total ${f}: tp ${t.tp} fp ${t.fp} fn ${t.fn}  P ${(t.tp / Math.max(1, t.tp + t.fp)).toFixed(3)} R ${(t.tp / Math.max(1, t.tp + t.fn)).toFixed(3)}`);
}
