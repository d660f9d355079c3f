import { explainArticle, loadTopic } from '../src/tagging/index.js';
import { findMatches } from '../src/tagging/match.js';
import { tokenize } from '../src/tagging/tokenize.js';
const topic = loadTopic('armenia-azerbaijan-talks', '/work/wt-tagsig7/config/topics');
const [title, text] = [process.argv[2] ?? '', process.argv[3] ?? ''];
const tok = tokenize(topic.lexicon, title, text);
for (const m of findMatches(tok)) console.log(m.start, m.end, tok.original.slice(m.start, m.end).join(' '), '→', m.entries.map((e) => topic.lexicon.entries[e]!.name + ':' + topic.lexicon.entries[e]!.kind).join(','));
const r = explainArticle({ title, text }, topic);
console.log(JSON.stringify({ relevant: r.relevant, score: r.score, signals: r.signals }));
