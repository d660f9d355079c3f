/**
 * Round 12: a follow-up a day or two after an event joins its story (`scoreStory`'s follow-up
 * join, src/stories/story-profile.ts), and a reprint with a new headline and lede over a body of
 * two or three short sentences is a copy (`sameBody`'s short-body test, src/stories/copies.ts).
 * Articles from tests/fixtures/stories/dev12.jsonl, held9.jsonl and dev10.jsonl; the guards
 * (traps a day or days apart, a lifted sentence, a formulaic line) are the precision side.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupLines } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const lines = (file: string) => new Map(readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => [JSON.parse(l).id as string, l]));
const dev12 = lines('tests/fixtures/stories/dev12.jsonl');
const held9 = lines('tests/fixtures/stories/held9.jsonl');
const dev10 = lines('tests/fixtures/stories/dev10.jsonl');
const pick = (m: Map<string, string>, ids: string[]) => ids.map((id) => m.get(id)!);
const storyOf = (out: Awaited<ReturnType<typeof groupLines>>['out']) => new Map(out.map((o) => ('storyId' in o ? [o.id, o.storyId] : ['', ''])));

describe('a reprint over a short body', () => {
  it('is a copy when its body keeps the dispatch\'s sentences, a line added (held9: the working group in Moscow, Azerbaijani)', async () => {
    const { out } = await groupLines(pick(held9, ['h9-t11-az-1', 'h9-t11-az-1-t']), [topic]);
    expect(out[1]).toMatchObject({ id: 'h9-t11-az-1-t', duplicateOf: 'h9-t11-az-1' });
  });
  it('is a copy when it drops the body\'s second sentence (held9: the US envoy in Yerevan, English)', async () => {
    const { out } = await groupLines(pick(held9, ['h9-by1-en-1', 'h9-by1-en-1-t']), [topic]);
    expect(out[1]).toMatchObject({ id: 'h9-by1-en-1-t', duplicateOf: 'h9-by1-en-1' });
  });
  it('is a copy in Turkish too (held9: the twelfth working group)', async () => {
    const { out } = await groupLines(pick(held9, ['h9-t12-tr-1', 'h9-t12-tr-1-t']), [topic]);
    expect(out[1]).toMatchObject({ id: 'h9-t12-tr-1-t', duplicateOf: 'h9-t12-tr-1' });
  });

  const dispatch = {
    id: 'disp', source: 'wire.example', language: 'en', publishedAt: '2025-01-16T10:00:00Z',
    title: 'Border commissions agree where to begin the delimitation',
    text: [
      'The border commissions of Armenia and Azerbaijan, led by Mher Grigoryan and Shahin Mustafayev, agreed on Thursday to begin delimiting the frontier in the north.',
      'The work is to start where the borders of Armenia, Azerbaijan and Georgia meet and to move south towards Iran, section by section, with joint topographic teams in the field.',
      'Villagers on both sides of the line have asked to be heard before any post is moved. The commissions said they would meet again within a month.',
      'Both delegations praised the constructive atmosphere of the session and thanked their governments for their support throughout the year.',
    ].join('\n\n'),
  };
  it('is not a copy when its short body is one sentence lifted from a long dispatch\'s body', async () => {
    const other = {
      id: 'other', source: 'daily.example', language: 'en', publishedAt: '2025-01-16T14:00:00Z',
      title: 'Tavush villagers ask to be heard on the border line',
      text: 'A group of residents of Kirants wrote to the prime minister on Thursday asking for a public hearing on the new line near their orchards.\n\nVillagers on both sides of the line have asked to be heard before any post is moved.',
    };
    const { out } = await groupLines([JSON.stringify(dispatch), JSON.stringify(other)], [topic]);
    expect(out[1]).toMatchObject({ id: 'other', duplicateOf: null });
  });
  it('is not a copy when two short reports share only a formulaic line of eight words', async () => {
    const a = {
      id: 'a', source: 'one.example', language: 'en', publishedAt: '2023-12-13T10:00:00Z',
      title: 'Prisoners handed over at the Gazakh section of the border',
      text: 'Azerbaijan handed 32 Armenian servicemen to Armenia at the Gazakh section of the border on Wednesday, the state commission said.\n\nThe handover took place without any incident, officials said.',
    };
    const b = {
      id: 'b', source: 'two.example', language: 'en', publishedAt: '2023-12-13T11:00:00Z',
      title: 'Two Azerbaijani soldiers return home from Armenia',
      text: 'Two Azerbaijani soldiers detained in Syunik in April crossed back into Azerbaijan on Wednesday after a Red Cross medical check.\n\nThe handover took place without any incident, officials said.',
    };
    const { out } = await groupLines([JSON.stringify(a), JSON.stringify(b)], [topic]);
    expect(out[1]).toMatchObject({ id: 'b', duplicateOf: null });
  });
});

describe('a follow-up a day or two after the event', () => {
  const berlin = ['d12-ber-en-1', 'd12-ber-az-1', 'd12-ber-hy-1', 'd12-ber-ru-1', 'd12-ber-de-1', 'd12-ber-uk-1', 'd12-ber-en-2', 'd12-ber-hy-2', 'd12-ber-ru-2'];
  const antalya = ['d12-ant-tr-1', 'd12-ant-en-1', 'd12-ant-az-1', 'd12-ant-hy-1', 'd12-ant-ru-1'];
  it('joins its story (dev12: Bayramov back from Berlin, in Russian, two days on), and the same ministers in Antalya three days after Berlin stay apart', async () => {
    const { out } = await groupLines(pick(dev12, [...berlin, ...antalya]), [topic]);
    const s = storyOf(out);
    expect(s.get('d12-ber-ru-2')).toBe(s.get('d12-ber-en-1'));
    for (const id of antalya) expect(s.get(id)).not.toBe(s.get('d12-ber-en-1'));
  });
  it('joins its story: rights groups two days after the prisoner release (dev12), while the joint statement six days before stays apart', async () => {
    const ids = ['d12-jst-en-1', 'd12-jst-az-1', 'd12-jst-hy-1', 'd12-jst-ru-1', 'd12-pow-az-1', 'd12-pow-hy-1', 'd12-pow-en-1', 'd12-pow-ru-1', 'd12-pow-tr-1', 'd12-pow-uk-1', 'd12-pow-en-2'];
    const { out } = await groupLines(pick(dev12, ids), [topic]);
    const s = storyOf(out);
    expect(s.get('d12-pow-en-2')).toBe(s.get('d12-pow-az-1'));
    expect(s.get('d12-jst-en-1')).not.toBe(s.get('d12-pow-az-1'));
  });
  it('does not take a report of a new occasion two days later (dev10: Baku reports a new attack in the Kalbajar direction)', async () => {
    const { out } = await groupLines([...dev10.values()], [topic]);
    const s = storyOf(out);
    expect(s.get('d10-n18-ru-1')).not.toBe(s.get('d10-nov-az-1'));
  });
});
