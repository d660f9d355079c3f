/**
 * Copies, round 7 (docs/stories.md): a reprint with light edits (a new headline and lede over
 * the same dispatch, a paragraph dropped, quotes re-punctuated, a credit line) is a copy of the
 * dispatch; an independent report of the same meeting written from the same facts is not, nor
 * is a report of another event that reuses a paragraph of the dispatch. A copy of a copy names
 * the first record. Texts written for this test (a made-up session of the border commissions).
 */
import { describe, expect, it } from 'vitest';
import { articleFeatures, sketchSimilarity, type StoryInput } from '../../src/stories/features.js';
import { DEFAULT_GROUPING, groupArticle } from '../../src/stories/group.js';
import { MemoryStoryState } from '../../src/stories/memory-state.js';

const H = 3_600_000;
const T0 = Date.parse('2026-10-08T10:00:00Z');
const GABALA = { countries: [], actors: ['Mher Grigoryan', 'Shahin Mustafayev'], places: ['Gabala', 'Ijevan'], mediators: [], terms: ['border delimitation'] };
const art = (id: string, title: string, text: string, hours: number, extra: Partial<StoryInput> = {}): StoryInput => ({
  id, title, text, language: 'en', publishedAt: T0 + hours * H, source: `${id}.example`, signals: GABALA, ...extra,
});

const LEDE = 'The border commissions of Armenia and Azerbaijan met in Gabala on Thursday and agreed to start marking a 9-kilometre stretch of the frontier north of Ijevan before the first snow, the two governments said in a joint statement.';
const MAPS = 'Deputy prime ministers Mher Grigoryan and Shahin Mustafayev, who lead the commissions, said the teams would use maps drawn up in 1976 as the main reference.';
const QUOTE = '"The work is going faster than anyone expected," Mustafayev told reporters after the meeting, adding that surveyors from both sides would share one camp.';
const NEXT = 'The commissions last met in Yerevan in July. Their next session is planned for December in Ijevan, where local residents have asked to be consulted on the line near their orchards.';
const DISPATCH = [LEDE, `${MAPS} ${QUOTE}`, NEXT].join('\n\n');
const TITLE = 'Armenia, Azerbaijan to mark 9 km of border north of Ijevan';

/** New headline and lede over the dispatch, its last paragraph dropped, quotes re-punctuated, a credit line. */
const REPRINT = [
  'Mapping of a 9-kilometre stretch of the frontier north of Ijevan will start before the first snow, Armenian and Azerbaijani officials said after their border commissions met in Gabala on Thursday.',
  `${MAPS} 'The work is going faster than anyone expected', Mustafayev told reporters after the meeting, adding that surveyors from both sides would share one camp.`,
  '(Source: Caspian Daily)',
].join('\n\n');

/** Another outlet's report of the same session, from the same statement and the same quote, in its own words. */
const INDEPENDENT = [
  'Armenia and Azerbaijan will begin demarcating nine kilometres of their border near Ijevan this autumn, officials announced in Gabala on Thursday after a session of the two commissions chaired by Mher Grigoryan and Shahin Mustafayev.',
  'Soviet maps from 1976 are to serve as the reference, according to their joint statement. "The work is going faster than anyone expected," Mustafayev said. Residents of villages near Ijevan want a say in where the line runs; the commissions meet there in December.',
].join('\n\n');

async function groupAll(list: StoryInput[]) {
  const state = new MemoryStoryState();
  const out = [];
  for (const a of list) out.push(await groupArticle(a, state));
  return out;
}

const containment = (a: string, b: string) => {
  const fa = articleFeatures(art('a', 'x', a, 0));
  const fb = articleFeatures(art('b', 'x', b, 0));
  return sketchSimilarity(fa.sketch, fa.shingles, fb.sketch, fb.shingles);
};

describe('light-edit reprints', () => {
  it('the texts are what the test means: the reprint keeps less than the strict rule needs, the independent report less than the light-edit rule', () => {
    const r = containment(DISPATCH, REPRINT);
    expect(r.containment).toBeGreaterThanOrEqual(DEFAULT_GROUPING.editContainment);
    expect(r.containment).toBeLessThan(DEFAULT_GROUPING.copyContainment);
    expect(r.jaccard).toBeLessThan(DEFAULT_GROUPING.copyJaccard);
    expect(containment(DISPATCH, INDEPENDENT).containment).toBeLessThan(DEFAULT_GROUPING.editContainment);
  });

  it('a reprint with a new headline and lede, a paragraph dropped, quotes re-punctuated and a credit line is a copy', async () => {
    const [, r] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('r', 'Surveyors to share one camp as border mapping speeds up', REPRINT, 2, { source: 'caspian.example' })]);
    expect(r.duplicateOf).toBe('orig');
    expect(r.storyId).toBe('s-orig');
  });

  it('the same reprint two days later is not a copy (light edits are looked for within 12 hours), but joins the story', async () => {
    const [, r] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('r', 'Surveyors to share one camp as border mapping speeds up', REPRINT, 49)]);
    expect(r.duplicateOf).toBeNull();
  });

  it('an independent report of the same session from the same facts and quote is the same story, not a copy', async () => {
    const [, i] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('i', 'Border demarcation near Ijevan to start this autumn', INDEPENDENT, 3)]);
    expect(i.duplicateOf).toBeNull();
    expect(i.storyId).toBe('s-orig');
  });

  it('a report of another event that reuses a paragraph of the dispatch is not a copy: the dispatch\'s story does not take it', async () => {
    const other = [
      'Shahin Mustafayev held talks with Georgian Economy Minister Levan Davitashvili in Tbilisi on Friday on raising the capacity of the rail line to the Black Sea ports, his office said.',
      `${MAPS} ${QUOTE}`,
    ].join('\n\n');
    const tbilisi = { countries: ['Georgia'], actors: ['Shahin Mustafayev'], places: ['Tbilisi'], mediators: [], terms: ['transport links'] };
    expect(containment(DISPATCH, other).containment).toBeGreaterThanOrEqual(DEFAULT_GROUPING.editContainment);
    const [, o] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('o', 'Mustafayev discusses rail capacity in Tbilisi', other, 6, { signals: tbilisi })]);
    expect(o.duplicateOf).toBeNull();
    expect(o.storyId).toBe('s-o');
    // what keeps it apart is the story test: with a story threshold of 0 it would be taken as a copy
    const state = new MemoryStoryState();
    const loose = { ...DEFAULT_GROUPING, storyThreshold: 0 };
    await groupArticle(art('orig', TITLE, DISPATCH, 0), state, loose);
    expect((await groupArticle(art('o', 'Mustafayev discusses rail capacity in Tbilisi', other, 6, { signals: tbilisi }), state, loose)).duplicateOf).toBe('orig');
  });
});

describe('follow-ups that reuse the dispatch', () => {
  // a later report of the session: a new first paragraph over the dispatch's second one, verbatim
  const FOLLOW = [
    'Surveyors from both countries set up their joint camp near the village of Berdavan on Friday morning, a day after the commissions agreed the route of the first markers, and began clearing the forest track.',
    `${MAPS} ${QUOTE}`,
  ].join('\n\n');

  it('share enough of it to be a light edit ...', () => {
    expect(containment(DISPATCH, FOLLOW).containment).toBeGreaterThanOrEqual(DEFAULT_GROUPING.editContainment);
  });

  it('... but the same outlet\'s own follow-up is not a copy (its background paragraphs are its own)', async () => {
    const [, f] = await groupAll([art('orig', TITLE, DISPATCH, 0, { source: 'desk.example' }), art('f', 'Border surveyors set up camp near Berdavan', FOLLOW, 4, { source: 'desk.example' })]);
    expect(f.duplicateOf).toBeNull();
    expect(f.storyId).toBe('s-orig');
  });

  it('... nor is another outlet\'s report the next morning (light edits within 12 hours)', async () => {
    const [, f] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('f', 'Border surveyors set up camp near Berdavan', FOLLOW, 22)]);
    expect(f.duplicateOf).toBeNull();
  });

  it('... while another outlet\'s within hours is (a new lede over the same dispatch)', async () => {
    const [, f] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('f', 'Border surveyors set up camp near Berdavan', FOLLOW, 4)]);
    expect(f.duplicateOf).toBe('orig');
  });
});

describe('copies of copies', () => {
  it('a reprint closest to an earlier reprint names the first record as its original', async () => {
    // the wire copy adds a paragraph; the later reprint keeps that paragraph and cuts the dispatch's first one
    const added = 'Local officials in Tavush said the surveyors would need police escorts on the forest roads, which have not been repaired since the 1990s and are closed to civilian traffic in winter.';
    const wire = `${DISPATCH}\n\n${added}`;
    const late = [`${MAPS} ${QUOTE}`, NEXT, added].join('\n\n');
    const [, w, l] = await groupAll([art('orig', TITLE, DISPATCH, 0), art('wire', TITLE, wire, 1), art('late', 'Escorts for border surveyors', late, 2)]);
    expect(w.duplicateOf).toBe('orig');
    // closer to the wire copy than to the dispatch (so grouping found the wire copy first) ...
    expect(containment(late, wire).jaccard).toBeGreaterThan(containment(late, DISPATCH).jaccard);
    // ... and still names the first record
    expect(l.duplicateOf).toBe('orig');
    expect(l.storyId).toBe('s-orig');
  });
});
