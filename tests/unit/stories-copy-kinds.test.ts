/**
 * Round 13 (stories13b): a copy's headline event kinds count in its story (`addCopyKinds`,
 * src/stories/story-profile.ts). A reprint under a new headline names the event in another word
 * (a handed-over checkpoint as guards who "leave"); a later lone report in another language whose
 * headline uses that word then shares a kind with the story. Articles written for this test (an
 * invented handover at Agarak); the guard keeps a story without kinds from taking its first one
 * from a copy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupLines } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const body = [
  'At a short ceremony on the bridge over the Araks, the commander of the Russian border detachment and the deputy head of the Armenian border troops signed the act of transfer of the Agarak crossing.',
  'From Monday only Armenian officers will check lorries and travellers coming from Iran at the post; the Russian guards keep their other positions along the Iranian and Turkish frontiers.',
  'Yerevan had asked in the spring for the change, and officials said the two sides had prepared the transfer for three months.',
].join('\n\n');
const original = {
  id: 'agk-en-1', source: 'southwire.example', language: 'en', publishedAt: '2025-06-02T09:00:00Z',
  title: 'Agarak checkpoint on Iranian border handed to Armenian guards',
  text: body,
};
const ru = {
  id: 'agk-ru-1', source: 'kavkaz-lenta.example', language: 'ru', publishedAt: '2025-06-02T08:30:00Z',
  title: 'Пункт пропуска «Агарак» на границе с Ираном передан армянским пограничникам',
  text: 'На мосту через Аракс подписан акт о передаче пункта пропуска «Агарак» армянской стороне.\n\nС понедельника проверку грузовиков и пассажиров из Ирана в Агараке ведут только армянские пограничники; российские подразделения остаются на других участках границы с Ираном и Турцией.',
};
const reprint = {
  id: 'agk-en-1-r', source: 'diaspora-digest.example', language: 'en', publishedAt: '2025-06-02T11:30:00Z',
  title: 'Russian guards leave Agarak crossing after decades on the Araks',
  text: `Russian border guards leave the Agarak crossing to their Armenian colleagues this week.\n\n${body}`,
};
const fr = {
  id: 'agk-fr-1', source: 'caucase-hebdo.example', language: 'fr', publishedAt: '2025-06-02T15:00:00Z',
  title: 'Les gardes-frontières russes quittent Agarak',
  text: "Les gardes-frontières russes ont remis lundi aux Arméniens le passage d'Agarak, sur la frontière avec l'Iran.\n\nLes Russes restent présents sur les autres sections de la frontière arménienne avec l'Iran et la Turquie.",
};
const lines = (...a: object[]) => a.map((o) => JSON.stringify(o));

describe("a copy's headline kind", () => {
  it('lets a later report whose headline uses the reprint\'s word join the story', async () => {
    const { out } = await groupLines(lines(ru, original, reprint, fr), [topic]);
    expect(out[2]).toMatchObject({ id: 'agk-en-1-r', duplicateOf: 'agk-en-1' });
    const story = new Map(out.map((o) => ('storyId' in o ? [o.id, o.storyId] : ['', ''])));
    expect(story.get('agk-en-1')).toBe(story.get('agk-ru-1'));
    expect(story.get('agk-fr-1')).toBe(story.get('agk-ru-1'));
  });
  it('without the reprint, the report of the other word stays apart (the rule is what joins it)', async () => {
    const { out } = await groupLines(lines(ru, original, fr), [topic]);
    const story = new Map(out.map((o) => ('storyId' in o ? [o.id, o.storyId] : ['', ''])));
    expect(story.get('agk-en-1')).toBe(story.get('agk-ru-1'));
    expect(story.get('agk-fr-1')).not.toBe(story.get('agk-ru-1'));
  });
  it('is not a story\'s first kind (held10: the Security Council session keeps Baku\'s report after a reprint headlined as a publication)', async () => {
    const held10 = new Map(readFileSync('tests/fixtures/stories/held10.jsonl', 'utf8').split('\n').filter((l) => l.trim()).map((l) => [JSON.parse(l).id as string, l]));
    const ids = ['h10-un1-en-1', 'h10-un1-hy-1', 'h10-un1-en-1-t', 'h10-un1-hy-1-w', 'h10-un1-ru-1', 'h10-un1-az-1'];
    const { out } = await groupLines(ids.map((id) => held10.get(id)!), [topic]);
    expect(out[2]).toMatchObject({ id: 'h10-un1-en-1-t', duplicateOf: 'h10-un1-en-1' });
    const story = new Map(out.map((o) => ('storyId' in o ? [o.id, o.storyId] : ['', ''])));
    expect(story.get('h10-un1-az-1')).toBe(story.get('h10-un1-en-1'));
  });
});
