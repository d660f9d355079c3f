/**
 * Signal rules of round 16 (tag16b; issue 12; docs/tagging.md "Round 16 (tag16b)"): a capital
 * named as the source of its government's word ("no reply from Baku") is no place; a venue
 * followed by the signatories and then the deal they signed there (verb-final order) names the
 * host as mediator. Sentences are written for these tests, about other events, wordings and
 * languages than tests/fixtures/tagging/dev-signals16.jsonl where they can be.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string) => explainArticle({ title, text }, topic);

describe('a capital as the source of its government\'s word is no place', () => {
  it.each([
    ['en', 'The Armenian foreign ministry said it had sent new wording for the peace treaty to Azerbaijan and was waiting for a response from Baku.', ['Baku']],
    ['en, readouts of both', 'Azerbaijan and Armenia agreed to continue work on the peace treaty, according to readouts from Baku and Yerevan.', ['Baku', 'Yerevan']],
    ['en, readouts of both, other order', 'Armenia and Azerbaijan agreed to speed up the treaty talks, readouts from Yerevan and Baku said on Friday.', ['Baku', 'Yerevan']],
    ['ru', 'Армения передала Азербайджану замечания к мирному договору, реакции из Баку пока не было.', ['Baku']],
    ['de', 'Armenien hat Aserbaidschan neue Formulierungen für den Friedensvertrag geschickt; nach Angaben aus Eriwan ging es um zwei Artikel.', ['Yerevan']],
    ['tr', 'Azerbaycan barış antlaşması için Ermenistan\'a yeni öneriler iletti ve Erivan\'dan cevap bekliyor.', ['Yerevan']],
    ['az', 'Ermənistan sülh sazişi ilə bağlı düzəlişlərini Azərbaycana göndərib, Bakıdan reaksiya gözlənilir.', ['Baku']],
    ['hy', 'Հայաստանը մեկ ամիս առաջ Ադրբեջանին է փոխանցել խաղաղության պայմանագրի իր առաջարկները, Բաքվից արձագանք դեռ չկա։', ['Baku']],
  ])('%s', (_lang, text, capitals) => {
    const r = tag('', text);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    for (const c of capitals) expect(r.signals.places).not.toContain(c);
  });

  it('both capitals of a list of envoys, with a journey word after them (en)', () => {
    const r = tag('', 'Envoys from Baku and Moscow arrived in Astana on Monday to discuss compensation for the downed airliner.');
    expect(r.signals.places).toContain('Astana');
    expect(r.signals.places).not.toContain('Baku');
    expect(r.signals.places).not.toContain('Moscow');
  });

  it.each([
    ['en', 'The first freight train from Baku reached Armenia on Tuesday after Azerbaijan lifted the transit ban under the peace process.', 'Baku'],
    ['ru', 'Вице-премьер Армении вылетел из Еревана на заседание комиссий Армении и Азербайджана по делимитации границы.', 'Yerevan'],
    ['de', 'Ein Güterzug aus Baku hat Armenien erreicht, nachdem Aserbaidschan im Friedensprozess das Transitverbot aufgehoben hatte.', 'Baku'],
  ])('a journey or shipment from the capital is still a place (%s)', (_lang, text, capital) => {
    expect(tag('', text).signals.places).toContain(capital);
  });
});

describe('a venue, the signatories, then the deal: the host mediates', () => {
  it.each([
    ['ka', 'ლატვიის საგარეო საქმეთა სამინისტრო მიესალმა ვაშინგტონში აზერბაიჯანისა და სომხეთის პრეზიდენტისა და პრემიერის მიერ ხელმოწერილ დეკლარაციას.'],
    ['hy', 'Ֆինլանդիայի արտաքին գործերի նախարարությունը ողջունել է Վաշինգտոնում Ադրբեջանի և Հայաստանի ղեկավարների ստորագրած հռչակագիրը։'],
  ])('%s', (_lang, text) => {
    const r = tag('', text);
    expect(r.signals.mediators).toContain('United States');
    expect(r.signals.places).toContain('Washington');
  });

  it('not for a deal named far after the venue without the signatories between (guard)', () => {
    const r = tag('', 'Финляндия приветствовала в Вашингтоне решение о новых рейсах, а позднее МИД Армении и Азербайджана обсудили мирный договор.');
    expect(r.signals.mediators).not.toContain('United States');
  });
});
