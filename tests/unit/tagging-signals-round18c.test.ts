/**
 * Common words read as a state, a city or a term (round 18, sigfix18c; issue 12; docs/tagging.md
 * "Round 18 (sigfix18c)"): the stem of a state's name whose nominative ending was replaced
 * (Polish Liberia → liberi-) equal to a word (Italian "Liberi", freed; the Russian first name
 * "Доминик" against Доминика, Dominica); a Persian idiom holding a city's name ("در آستانه امضای",
 * on the eve of signing; آستانه = Astana); a stem wider than its term ("border commission*" took
 * "commissioner"). Each case has its guard: the state, city or term itself still counts.
 * Sentences are written for these tests, with other wordings than
 * tests/fixtures/tagging/dev-signals18c.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (text: string, language: string) => explainArticle({ title: '', text, language }, topic).signals;

describe('a stem of a state name that is a word of its own', () => {
  it('it: "Liberi" (freed) is no Liberia; pl: "Liberii" still is', () => {
    expect(tag("Liberi da ieri, i due soldati armeni sono tornati a Erevan: l'Azerbaigian li ha consegnati prima della firma del trattato di pace.", 'it').countries).not.toContain('Liberia');
    expect(tag('Prezydent Liberii poparł porozumienie pokojowe Armenii i Azerbejdżanu podczas wizyty w Erywaniu.', 'pl').countries).toContain('Liberia');
  });

  it('ru: the first name "Доминик" is no Dominica; "Доминики" (its genitive) still is', () => {
    expect(tag('Доминик Мартен, посол Франции, сказал, что мирный договор между Арменией и Азербайджаном почти готов.', 'ru').countries).not.toContain('Dominica');
    expect(tag('Премьер-министр Доминики поддержал мирный договор между Арменией и Азербайджаном на встрече в Ереване.', 'ru').countries).toContain('Dominica');
  });
});

describe('a phrase that holds a city name as a common word', () => {
  it('fa: "در آستانه" before a verbal noun is "on the eve of", not Astana; before a verb it is Astana', () => {
    const eve = tag('ايروان و باکو در آستانه نهايي شدن متن توافق صلح هستند و کميسيون هاي مرزي ماه آينده ديدار مي‌کنند.', 'fa');
    expect(eve.places).not.toContain('Astana');
    expect(eve.mediators).not.toContain('Kazakhstan');
    expect(tag('الهام علي‌اف در آستانه گفت که توافق صلح با ارمنستان به زودي امضا مي‌شود.', 'fa').places).toContain('Astana');
  });
});

describe('a stem wider than its term', () => {
  it('en: "border commissioner" is no border commission; "border commissions" still are', () => {
    expect(explainArticle({ title: '', text: 'Armenia\'s border commissioner praised the peace treaty with Azerbaijan.', language: 'en' }, topic).signals.terms).not.toContain('border commission');
    expect(explainArticle({ title: '', text: 'The border commissions of Armenia and Azerbaijan will meet next month on the peace treaty.', language: 'en' }, topic).signals.terms).toContain('border commission');
  });
});
