/**
 * Story grouping round 4 (docs/stories.md): the headline's event kind tells two occasions of the
 * same people apart; the copy fingerprint leaves the headline out. Texts written for this test.
 */
import { describe, expect, it } from 'vitest';
import { eventKinds } from '../../src/stories/event-types.js';
import { articleFeatures, containment, eventKeys, isReference, jaccard, words, type StoryInput } from '../../src/stories/features.js';
import { groupArticle, scoreStory } from '../../src/stories/group.js';
import { MemoryStoryState } from '../../src/stories/memory-state.js';

const kinds = (title: string) => [...eventKinds(words(title).folded)].sort();
const H = 3_600_000;
const T0 = Date.parse('2025-03-03T09:00:00Z');
const sig = (actors: string[], places: string[]) => ({ countries: [], actors, places, mediators: [], terms: ['peace treaty'] });
const art = (id: string, title: string, text: string, hours: number, extra: Partial<StoryInput> = {}): StoryInput => ({
  id, title, text, language: 'en', publishedAt: T0 + hours * H, source: `${id}.example`, signals: sig(['Ilham Aliyev', 'Nikol Pashinyan'], ['Geneva']), ...extra,
});

describe('event kinds of a headline', () => {
  it('reads talks, publication, protest, shipment and closure in eight languages', () => {
    expect(kinds('Leaders meet in Geneva and sign a framework')).toEqual(['talks']);
    expect(kinds('Переговоры глав МИД прошли в Женеве')).toEqual(['talks']);
    expect(kinds('Ժնևում կայացավ նախարարների հանդիպումը')).toEqual(['talks']);
    expect(kinds('Nazirlər Cenevrədə görüşüb')).toEqual(['talks']);
    expect(kinds('Bakanlar Cenevre görüşmesini tamamladı')).toEqual(['talks']);
    expect(kinds('Les ministres se rencontrent à Genève')).toEqual(['talks']);
    expect(kinds('Außenminister treffen sich in Genf')).toEqual(['talks']);
    expect(kinds('محادثات بين الوزيرين في جنيف')).toEqual(['talks']);
    expect(kinds('Ministries publish the text of the framework')).toEqual(['publication']);
    expect(kinds('Опубликован текст рамочного документа')).toEqual(['publication']);
    expect(kinds('وزارتان تنشران النص الكامل')).toEqual(['publication']);
    expect(kinds('Thousands rally in the capital against the deal')).toEqual(['protest']);
    expect(kinds('Հանրահավաք Ազատության հրապարակում')).toEqual(['protest']);
    expect(kinds('Second cargo train with wheat crosses the border')).toEqual(['shipment']);
    expect(kinds('Poezd s zernom')).toEqual([]); // transliterated Russian is not read
    expect(kinds('Первый поезд с пшеницей прибыл')).toEqual(['shipment']);
    expect(kinds('Kazak buğdayı sınırı geçti')).toEqual(['shipment']);
    expect(kinds('Council decides to close the mission')).toEqual(['closure']);
    expect(kinds('Protesters rally as ministers meet')).toEqual(['protest', 'talks']);
    expect(kinds('Observers begin work on the border')).toEqual(['start']);
    expect(kinds('Регламент вступил в силу')).toEqual(['start']);
    expect(kinds('Anlaşma yürürlüğe girdi')).toEqual(['start']);
    expect(kinds('Baku accuses Yerevan of use of force')).toEqual([]);
  });

  it('leaves out words that also mean something else, and headlines without a kind', () => {
    expect(kinds('Talks resume on March 3')).toEqual(['talks']); // the month is not a march
    expect(kinds('A signal from Baku')).toEqual([]); // "signal" is not "sign"
    expect(kinds('Talks in Qatar')).toEqual(['talks']); // the country is not the Azerbaijani "train"
    expect(kinds('Партия власти и состав делегации')).toEqual([]); // a party, a line-up
    expect(kinds('Why the region waits')).toEqual([]);
  });
});

describe('two occasions of the same people close in time', () => {
  const summit = 'Ilham Aliyev and Nikol Pashinyan met in Geneva on March 3 and signed a framework on the peace treaty, with the host country present. Both called it a step toward normal relations and agreed to meet again.';
  it('a text published three days after the summit that names its leaders, city and date is another story; a later report of the summit is not', async () => {
    const st = new MemoryStoryState();
    const a = await groupArticle(art('sum-1', 'Aliyev and Pashinyan sign framework in Geneva', summit, 0), st);
    const b = await groupArticle(art('sum-2', 'Leaders meet in Geneva, agree to meet again', `Talks in Geneva on March 3 between Nikol Pashinyan and Ilham Aliyev ended with a framework signed on the peace treaty. The two sides said relations would improve.`, 5), st);
    expect(b.storyId).toBe(a.storyId);
    const text = await groupArticle(art('txt-1', 'Foreign ministries publish the text of the Geneva framework', 'The foreign ministries released the full wording of the framework that Ilham Aliyev and Nikol Pashinyan signed in Geneva on March 3. It has nine articles on borders, transit and a joint commission.', 72), st);
    expect(text.storyId).not.toBe(a.storyId);
    const text2 = await groupArticle(art('txt-2', 'Text of the Geneva framework published', 'The nine articles of the framework signed in Geneva on March 3 by Nikol Pashinyan and Ilham Aliyev were released on Thursday: borders, transit, a joint commission.', 74), st);
    expect(text2.storyId).toBe(text.storyId);
  });

  it('a rally in a capital and the ministers\' talks elsewhere the next day, each naming the other, are two stories', async () => {
    const st = new MemoryStoryState();
    const protest = sig(['Nikol Pashinyan', 'Ararat Mirzoyan'], ['Yerevan', 'Geneva']);
    const rally = await groupArticle(art('ral-1', 'Thousands rally in Yerevan against border deal', 'Thousands gathered in Yerevan on Thursday demanding that Nikol Pashinyan resign over the border deal, a day before Ararat Mirzoyan was due in Geneva for talks.', 0, { signals: protest }), st);
    const talks = await groupArticle(art('tlk-1', 'Foreign ministers meet in Geneva', 'Ararat Mirzoyan and his counterpart opened talks in Geneva on Friday on the peace treaty, a day after a large rally in Yerevan against Nikol Pashinyan.', 20, { signals: protest }), st);
    expect(talks.storyId).not.toBe(rally.storyId);
  });
});

describe('same kind, route and week, another third country', () => {
  it('scores a grain train from Kazakhstan against the story of one from Russia the day before at most 0.6 of the same article naming Russia; a second report of the first joins it', async () => {
    const st = new MemoryStoryState();
    const train = (countries: string[]) => ({ countries, actors: [], places: ['Dalarik'], mediators: [], terms: ['grain transit'] });
    const ru = await groupArticle(art('ru-1', 'First grain train reaches Armenia via Azerbaijan', 'A train of 15 wagons with wheat from the Ulyanovsk region crossed Azerbaijan and Georgia and reached Dalarik station on Wednesday, the exporter said.', 0, { signals: train(['Russia', 'Georgia']) }), st);
    const ru2 = await groupArticle(art('ru-2', 'Russian wheat arrives by rail through Azerbaijan', 'Wheat from Russia in 15 wagons reached Dalarik in Armenia after the transit through Azerbaijan.', 3, { signals: train(['Russia']) }), st);
    expect(ru2.storyId).toBe(ru.storyId);
    const [story] = await st.stories([ru.storyId]);
    const kzText = 'A train of 15 wagons with about a thousand tonnes of wheat from the Kazakh state grain operator crossed into Azerbaijan on Thursday, bound for Dalarik station.';
    const kz = art('kz-1', 'Grain train sets off for Armenia via Azerbaijan', kzText, 22, { signals: train(['Kazakhstan']) });
    const asIfRussian = { ...kz, signals: train(['Russia']) };
    const s = scoreStory(articleFeatures(kz), story!, 'en', kz.publishedAt);
    // the same article naming Russia shares the country (and its weight, 0.4, like Kazakhstan's)
    const same = scoreStory(articleFeatures(asIfRussian), story!, 'en', kz.publishedAt);
    const withoutIt = scoreStory(articleFeatures({ ...kz, signals: train([]) }), story!, 'en', kz.publishedAt);
    expect(same).toBeGreaterThan(withoutIt);
    expect(s).toBeLessThan(0.6 * same + 1e-9);
    expect(s).toBeGreaterThan(0.6 * withoutIt * 0.9);
  });
});

describe('copy fingerprint', () => {
  const paras = [
    'The foreign ministers of the two countries met in Geneva on Monday for a third round of talks on the draft treaty, their offices said in a joint statement after the meeting ended late in the evening.',
    'They agreed on the wording of two more articles, on transit and on the commission that will oversee the deal, and asked their experts to continue work on the remaining points before the next round.',
    'The host government offered to hold the next round as well. No date was set, but officials on both sides said they expected to meet again within a month.',
  ];
  const f = (title: string, text: string) => articleFeatures({ id: title, title, text, language: 'en', publishedAt: null, source: null, signals: sig([], []) });
  it('a reprint under another headline, shortened, or with its paragraphs reordered is contained in the original', () => {
    const orig = f('Ministers agree two more treaty articles in Geneva', paras.join('\n\n'));
    for (const copy of [
      f('Geneva round: transit clause agreed', paras.join('\n\n')),
      f('Two more articles agreed', paras.slice(0, 2).join('\n\n')),
      f('Third round ends in Geneva', [paras[2], paras[0], paras[1]].join('\n\n')),
    ]) {
      const j = jaccard(orig.minhash, copy.minhash);
      expect(Math.max(j, containment(j, orig.shingles, copy.shingles))).toBeGreaterThanOrEqual(0.8);
    }
    // another dispatch on the same round is not
    const other = f('Ministers agree two more treaty articles in Geneva', 'Officials said the Geneva round produced agreement on transit and oversight; experts will keep working and a new round is expected within a month, with the host ready to receive it.');
    const j = jaccard(orig.minhash, other.minhash);
    expect(Math.max(j, containment(j, orig.shingles, other.shingles))).toBeLessThan(0.5);
  });

  it('groups the shortened reprint as a copy of the original', async () => {
    const st = new MemoryStoryState();
    await groupArticle(art('o', 'Ministers agree two more treaty articles in Geneva', paras.join('\n\n'), 0), st);
    const c = await groupArticle(art('c', 'Two more articles agreed', paras.slice(0, 2).join('\n\n'), 2, { source: 'reprint.example' }), st);
    expect(c.duplicateOf).toBe('o');
  });
});

describe('dates an article looks back to', () => {
  const none = { countries: [], actors: [], places: [], mediators: [], terms: [] };
  const dateKeys = (text: string, at: string) => [...eventKeys({ signals: none, language: 'en', publishedAt: Date.parse(at) }, words(text)).keys()].filter((k) => /^[dr]:/.test(k));
  it('are reference keys two days or more before publication; the day before, the day itself and days ahead are the event\'s', () => {
    expect(dateKeys('The text initialled on August 8 was published today, August 11.', '2025-08-11T12:00:00Z')).toEqual(['r:8-8', 'd:8-11']);
    expect(dateKeys('Talks held on 10 May ended this morning.', '2024-05-11T08:00:00Z')).toEqual(['d:5-10']);
    expect(dateKeys('The next round is due on 3 June.', '2024-05-11T08:00:00Z')).toEqual(['d:6-3']);
    expect(isReference(12, 30, Date.parse('2025-01-02T10:00:00Z'))).toBe(true); // across the new year
    expect(isReference(1, 1, Date.parse('2024-12-31T10:00:00Z'))).toBe(false); // the next day, next year
    expect(dateKeys('Signed on August 8.', '2025-08-11T12:00:00Z').length).toBe(1);
    // without a publication time every date is the event's
    expect([...eventKeys({ signals: none, language: 'en' }, words('Signed on August 8.')).keys()]).toContain('d:8-8');
  });

  it('a report four days after a story\'s first article that names no date of its own scores lower than the same report the next day', async () => {
    const text = 'Ilham Aliyev and Nikol Pashinyan met in Geneva and signed a framework on the peace treaty; both said the talks were useful and agreed to meet again.';
    const score = async (hours: number) => {
      const st = new MemoryStoryState();
      await groupArticle(art('a', 'Leaders sign framework in Geneva', text, 0), st);
      const r = await groupArticle(art('b', 'Framework signed in Geneva', 'In Geneva the leaders of Azerbaijan and Armenia, Ilham Aliyev and Nikol Pashinyan, put their names to a framework for the peace treaty and said they would hold another meeting.', hours), st);
      expect(r.duplicateOf).toBeNull();
      return r.storyScore ?? 0;
    };
    const next = await score(20);
    const later = await score(90);
    expect(later).toBeCloseTo(next * 0.6, 1);
  });
});
