/**
 * Prints one article's sentences with their facts and whether each is about the process
 * (a debugging aid for the tagger's rules; not a test).
 *
 *   npx tsx bench/tagging-sentences.ts tests/fixtures/tagging/dev-round4.jsonl d4-pos-en-001
 *   echo '{"title":"...","text":"..."}' | npx tsx bench/tagging-sentences.ts -
 */
import { readFileSync } from 'node:fs';
import { explainArticle, loadTopic } from '../src/tagging/index.js';
import { collect } from '../src/tagging/collect.js';
import { applyReleases, frameOf } from '../src/tagging/facts.js';
import { findMatches } from '../src/tagging/match.js';
import { tokenize } from '../src/tagging/tokenize.js';
import { markProcess } from '../src/tagging/score.js';

const [file, id] = process.argv.slice(2);
if (!file) throw new Error('usage: tagging-sentences.ts FILE ID | -');
const topic = loadTopic('armenia-azerbaijan-talks');
const lines = readFileSync(file === '-' ? 0 : file, 'utf8').split('\n').filter((l) => l.trim());
for (const l of lines) {
  const d = JSON.parse(l) as { id?: string; title?: string; text?: string };
  if ((id && d.id !== id) || typeof d.text !== 'string') continue; // a set's header line has no text
  d.title ??= '';
  const r = explainArticle({ title: d.title, text: d.text }, topic);
  console.log(`${d.id ?? ''} relevant=${r.relevant} score=${r.score} ${JSON.stringify(r.features)}`);
  console.log(`  signals ${JSON.stringify(r.signals)}`);
  const tok = tokenize(topic.lexicon, d.title, d.text);
  const matches = findMatches(tok);
  const c = collect(topic, tok, matches);
  applyReleases(topic, c);
  const fr = frameOf(c.facts, d.title.length > 0, topic.scoring.minSentenceWords);
  const proc = markProcess(topic, c, fr);
  const words: string[][] = [];
  tok.original.forEach((w, i) => (words[tok.sentence[i]!] ??= []).push(w));
  const found: string[][] = [];
  for (const m of matches) {
    (found[tok.sentence[m.start]!] ??= []).push(`${tok.original.slice(m.start, m.end).join(' ')}=${m.entries.map((e) => `${topic.lexicon.entries[e]!.kind}:${topic.lexicon.entries[e]!.name}`).join(',')}`);
  }
  console.log(`  frame ${JSON.stringify(fr)}`);
  c.facts.forEach((f, s) => {
    console.log(`  [${s}] ${proc[s] ? 'P' : '.'} p${f.parties} o${f.officials} t${f.terms} n${f.negative} ${f.other ? 'OTHER ' : ''}${f.dyadic ? 'dyadic ' : ''}${f.reaction ? 'react ' : ''}${f.background ? 'bg ' : ''}| ${(words[s] ?? []).join(' ').slice(0, 110)}`);
    if (found[s]) console.log(`        ${found[s]!.join('  ')}`);
  });
}
