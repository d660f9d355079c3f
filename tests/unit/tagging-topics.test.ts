import { describe, expect, it } from 'vitest';
import { compileTopic, loadTopic, tagArticle } from '../../src/tagging/index.js';

const FIXTURES = 'tests/fixtures/topics';

describe('topics are data', () => {
  it('tags with a second topic loaded from a new file, no code change', () => {
    const topic = loadTopic('lunaria-solaria-talks', FIXTURES);
    expect(topic.id).toBe('lunaria-solaria-talks');
    expect(topic.parties).toEqual(['Lunaria', 'Solaria']);
    const r = tagArticle(
      {
        title: 'Lunarian and Solarian envoys open tide treaty talks in Windport',
        text: 'President Mira Valen of Lunaria and Premier Oskar Tern of Solaria began negotiations on a tide treaty in Windport, hosted by Ventora.\n\nThe talks are to resume next month in Heliopolis.',
      },
      topic,
    );
    expect(r.id).toBe('lunaria-solaria-talks');
    expect(r.relevant).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(new Set(r.signals.countries)).toEqual(new Set(['Lunaria', 'Solaria', 'Ventora']));
    expect(new Set(r.signals.actors)).toEqual(new Set(['Mira Valen', 'Oskar Tern']));
    expect(new Set(r.signals.places)).toEqual(new Set(['Windport', 'Heliopolis']));
    expect(r.signals.mediators).toEqual(['Ventora']);
    expect(new Set(r.signals.terms)).toEqual(new Set(['talks', 'tide treaty']));
  });

  it('keeps the two topics apart', () => {
    const lunar = loadTopic('lunaria-solaria-talks', FIXTURES);
    const talks = loadTopic('armenia-azerbaijan-talks');
    const article = { title: 'Lunaria and Solaria hold talks on a tide treaty', text: 'Lunaria and Solaria held talks on Monday.' };
    expect(tagArticle(article, lunar).relevant).toBe(true);
    const other = tagArticle(article, talks);
    expect(other.relevant).toBe(false);
    expect(other.signals.countries).toEqual([]);
  });

  it('a storm story naming both made-up parties stays irrelevant', () => {
    const topic = loadTopic('lunaria-solaria-talks', FIXTURES);
    const r = tagArticle({ title: 'Storm hits Lunaria and Solaria', text: 'A storm hit the coasts of Lunaria and Solaria on Sunday; a regatta was cancelled.' }, topic);
    expect(r.relevant).toBe(false);
    expect(r.score).toBe(0);
  });

  it('rejects a malformed topic file with the path of the problem', () => {
    expect(() => compileTopic('bad', 'parties: [OnlyOne]\n')).toThrow(/parties/);
    const ab = 'parties: [A, B]\nentities:\n  countries:\n    A: {party: A, forms: [alpha]}\n    B: {party: B, forms: [beta]}\n';
    expect(() => compileTopic('bad', `${ab}terms:\n  x: {weight: 1, forms: ["ab*"]}\n`)).toThrow(/shorter than 3/);
    // a misspelt party names no entity: an error with its path, not a topic where every article scores 0
    expect(() => compileTopic('bad', ab.replace('parties: [A, B]', 'parties: [A, Bee]'))).toThrow(/parties\.1: "Bee" names no entity/);
    // unknown keys are errors with their path, at every level
    expect(() => compileTopic('bad', `${ab}treshold: 0.5\n`)).toThrow(/\(root\): Unrecognized key.*treshold/);
    expect(() => compileTopic('bad', ab.replace('{party: A, forms', '{party: A, mediatr: true, forms'))).toThrow(/entities\.countries\.A: Unrecognized key.*mediatr/);
    expect(() => compileTopic('bad', `${ab}scoring: {titel: 0.3}\n`)).toThrow(/scoring: Unrecognized key.*titel/);
    expect(() => compileTopic('bad', ab.replace('B: {party: B', 'B: {party: C'))).toThrow(/entities\.countries\.B\.party/);
    expect(() => loadTopic('does-not-exist', FIXTURES)).toThrow(/does-not-exist\.yaml/);
  });
});
