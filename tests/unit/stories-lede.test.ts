/**
 * Story grouping round 9 (docs/stories.md "Round 9"): the occasion of a report whose headline
 * names none ("Four soldiers killed near Nerkin Hand") is read in its lede (`o:<kind>` keys, half
 * the weight) and meets the headline occasions of other languages' reports; a tour is a visit,
 * not the start of something. Each kind has a test that fails on main efaf9b9; the guards (a lede
 * occasion 17 days later, a lede occasion is no headline kind, two tours on one day) pass on both.
 * Texts written for this test.
 */
import { describe, expect, it } from 'vitest';
import { eventKinds } from '../../src/stories/event-types.js';
import { eventKeys, ledeOf, words, type StoryInput } from '../../src/stories/features.js';
import { groupArticle } from '../../src/stories/group.js';
import { MemoryStoryState } from '../../src/stories/memory-state.js';

const kinds = (title: string) => [...eventKinds(words(title).folded)].sort();
const H = 3_600_000;
const T0 = Date.parse('2024-02-13T06:00:00Z');
const noSignals = { countries: [], actors: [], places: [], mediators: [], terms: [] };
const art = (id: string, language: string, title: string, text: string, hours: number, signals: Partial<StoryInput['signals']> = {}): StoryInput => ({
  id, title, text, language, publishedAt: T0 + hours * H, source: `${id}.example`, signals: { ...noSignals, ...signals },
});
const keysOf = (title: string, text: string) => {
  const body = words(text);
  return [...eventKeys({ signals: noSignals, language: 'xx', publishedAt: T0 }, body, words(title).folded, ledeOf(body)).keys()].filter((k) => /^[eo]:/.test(k)).sort();
};

describe('occasions of the lede (round 9)', () => {
  it('takes the first two sentences as the lede, at most LEDE_WORDS words', () => {
    expect(ledeOf(words('Troops opened fire. Four were killed. The talks had stalled.')).join(' ')).toBe('troops opened fire four were killed');
    expect(ledeOf(words(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))).length).toBe(60);
  });

  it('reads the occasion of a lede when its headline names none, as an o: key', () => {
    expect(keysOf('Four Armenian soldiers killed near Nerkin Hand', 'Azerbaijani forces opened fire on an army post on Tuesday morning. One more was wounded.')).toEqual(['o:clash']);
    expect(keysOf('Четверо военных погибли у Неркин Ханда', 'В результате обстрела армянских позиций погибли четыре человека.')).toEqual(['o:clash']);
    expect(keysOf('Aserbaidschan: vier Armenier wieder zu Hause', 'Aserbaidschan hat vier armenische Gefangene freigelassen.')).toEqual(['o:release']);
    // the headline's occasion is not repeated from the lede; a weightless kind of the lede is not read
    expect(keysOf('Border shootout near Tegh', 'Troops opened fire near Tegh.')).toEqual(['e:clash']);
    expect(keysOf('A day in Brussels', 'The two leaders met in Brussels.')).toEqual([]);
    // a headline naming a kind is not completed from its lede, which names the setting too
    expect(keysOf('Last Russian border guards leave Zvartnots airport', 'The passport checkpoint of the airport is now run by Armenian officers.')).toEqual(['e:withdrawal']);
  });

  it("joins a report whose headline names no occasion to the other side's report of the clash that same day", async () => {
    const st = new MemoryStoryState();
    const az = await groupArticle(art('nh-az', 'az', 'Ermənistan təxribat törədib, post məhv edildi', 'Dövlət Sərhəd Xidməti bildirib ki, Ermənistan bölmələri Zəngilan istiqamətində mövqelərimizi atəşə tutub. Post məhv edilib.', 0, { places: ['Zangilan'] }), st);
    const hy = await groupArticle(art('nh-hy', 'hy', 'Ներքին Հանդում չորս զինծառայող է զոհվել', 'Ադրբեջանական ստորաբաժանումները կրակ են բացել Կապանի մոտ հայկական դիրքերի ուղղությամբ։ Կան զոհեր։', 1, { places: ['Kapan'] }), st);
    expect(hy.storyId).toBe(az.storyId);
  });

  it('keeps a lede occasion seventeen days later apart', async () => {
    const st = new MemoryStoryState();
    const a = await groupArticle(art('l1', 'en', 'Soldiers killed near Sotk', 'Troops opened fire near Sotk and Kalbajar, both ministries said. Two were killed.', 0, { places: ['Sotk', 'Kalbajar'] }), st);
    const b = await groupArticle(art('l2', 'ru', 'Новые жертвы у Сотка', 'Армянские и азербайджанские военные снова открыли огонь у Сотка и Кельбаджара.', 17 * 24, { places: ['Sotk', 'Kalbajar'] }), st);
    expect(b.storyId).not.toBe(a.storyId);
  });

  it('does not let a lede occasion stand for a headline kind: talks whose lede recalls a release stay with the talks', async () => {
    const st = new MemoryStoryState();
    const sig = { actors: ['Ararat Mirzoyan', 'Jeyhun Bayramov'], places: ['Almaty'], terms: ['peace treaty'] };
    const a = await groupArticle(art('t1', 'en', 'Mirzoyan and Bayramov meet in Almaty', 'Ararat Mirzoyan and Jeyhun Bayramov met in Almaty on the peace treaty.', 0, sig), st);
    const b = await groupArticle(art('t2', 'ru', 'Мирзоян и Байрамов в Алматы', 'После того как Баку освободил двух военнослужащих, Мирзоян и Байрамов обсудили в Алматы мирный договор.', 2, sig), st);
    expect(b.storyId).toBe(a.storyId);
  });
});

describe('fire and release words read from ledes (round 9)', () => {
  it('reads a clash in "fired on" and in the Arabic verb of firing', () => {
    expect(kinds('Azerbaijani forces fired on an Armenian army post')).toEqual(['clash']);
    expect(kinds('القوات الأذربيجانية أطلقت النار على مواقع أرمينية')).toEqual(['clash']);
  });

  it('reads no release in an Arabic ceasefire (إطلاق النار is firing), still one in إطلاق سراح', () => {
    expect(kinds('وقف إطلاق النار بين أرمينيا وأذربيجان')).toEqual([]);
    expect(kinds('إطلاق سراح أربعة أسرى أرمن')).toEqual(['release']);
  });
});

describe('a tour is a visit (round 9)', () => {
  it('reads talks, not a start, in a leader who starts a tour', () => {
    expect(kinds('NATO chief starts South Caucasus tour in Baku')).toContain('talks');
    expect(kinds('Столтенберг начал турне по Южному Кавказу')).toContain('talks');
    expect(kinds('Le chef de l’OTAN entame une tournée au Caucase')).toEqual(['talks']);
  });

  it('keeps two tours on the same day apart: talks have no weight, their venues decide', async () => {
    const st = new MemoryStoryState();
    const a = await groupArticle(art('v1', 'en', 'NATO chief starts tour in Baku', 'Jens Stoltenberg met Ilham Aliyev in Baku.', 0, { actors: ['Ilham Aliyev'], places: ['Baku'] }), st);
    const b = await groupArticle(art('v2', 'en', 'EU envoy on tour in Yerevan', 'The EU special representative met Nikol Pashinyan in Yerevan.', 1, { actors: ['Nikol Pashinyan'], places: ['Yerevan'] }), st);
    expect(b.storyId).not.toBe(a.storyId);
  });
});
