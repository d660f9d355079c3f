/**
 * `decide` takes what the caller measured of the text as one object (facts.ts ArticleFacts:
 * `hasTitle`, `rubricLabels`), not as positional arguments after the matches (round 12,
 * review13): the rubric-label count given there reaches the digest-section rule. On main the
 * count was a 5th positional argument, so the object left it at 0 (and the test does not
 * typecheck there).
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';
import { findMatches } from '../../src/tagging/match.js';
import { withoutCommonWords } from '../../src/tagging/states.js';
import { decide } from '../../src/tagging/score.js';
import { rubricLabels } from '../../src/tagging/section.js';
import { tokenize } from '../../src/tagging/tokenize.js';

const topic = loadTopic('armenia-azerbaijan-talks');
// our own digest: weather, prices, one section on the talks, sport, theatre
const title = 'The week: snow in the passes, bread prices and a meeting in Abu Dhabi';
const text =
  'Snow closed the Vardenyats pass for two days and buses to the south ran late. Flour rose by five drams a kilo at the markets. Milk prices stayed the same.\n\n' +
  'Prices: the dram ended the week a little stronger against the dollar, and the shares of the brandy maker fell again.\n\n' +
  'Diplomacy: In Abu Dhabi, President Aliyev and Prime Minister Pashinyan met for three hours without mediators to go through the last open articles of the peace agreement. Both governments said the sides had told their foreign ministers to keep working on the text and on reopening the transport links.\n\n' +
  'Sport: the under-21 team lost to Iceland in a qualifier played in heavy rain.\n\n' +
  'Theatre: a new staging of Almast opens on Saturday, with the first week sold out.';

describe('decide reads the article facts from one object', () => {
  it('the rubric-label count reaches the digest rule; without it the talks section is not a section', () => {
    const tok = tokenize(topic.lexicon, title, text);
    const matches = withoutCommonWords(topic.lexicon, tok, findMatches(tok), 'en');
    expect(rubricLabels(text)).toBe(4);
    const withLabels = decide(topic, tok, matches, { hasTitle: true, rubricLabels: rubricLabels(text) });
    const without = decide(topic, tok, matches, { hasTitle: true, rubricLabels: 0 });
    expect(withLabels.score).toBeGreaterThan(without.score);
    expect(withLabels.relevant).toBe(explainArticle({ title, text, language: 'en' }, topic).relevant);
  });
});
