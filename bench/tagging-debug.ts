import { readFileSync } from 'node:fs';
import { explainArticle, loadTopic } from '../src/tagging/index.js';
import { findMatches } from '../src/tagging/match.js';
import { tokenize } from '../src/tagging/tokenize.js';
const [file, id] = process.argv.slice(2);
const topic = loadTopic('armenia-azerbaijan-talks');
for (const l of readFileSync(file, 'utf8').split('\n')) {
  if (!l.trim()) continue;
  const d = JSON.parse(l);
  if (d.id !== id) continue;
  const r = explainArticle({ title: d.title, text: d.text }, topic);
  console.log(JSON.stringify(r, null, 0));
  const tok = tokenize(topic.lexicon, d.title, d.text);
  for (const m of findMatches(tok)) console.log(tok.sentence[m.start], tok.original.slice(m.start, m.end).join(' '), m.entries.map((e) => topic.lexicon.entries[e]!.kind + ':' + topic.lexicon.entries[e]!.name).join(','));
}
