/**
 * Round 20 (tagact20; issue 12; docs/tagging.md "Round 20 (tagact20)"): actors on real coverage's
 * kinds — Armenian names in Russian and Ukrainian lists without a title (declined with their
 * surname), the Armenian form of first names the Russian spelling changes (Давид → Davit), and
 * namesakes of a known actor in Cyrillic, Armenian and Georgian script. Sentences are written for
 * these tests; the persons are invented unless the topic file knows them.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';
import { cyrillicArmenianName } from '../../src/tagging/names-cyrillic.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const actors = (text: string, language: string) => explainArticle({ title: '', text, language }, topic).signals.actors;

describe('Armenian names in Cyrillic lists, without a title', () => {
  it('a genitive list after a complement: each name in the nominative, in the English form', () => {
    const found = actors('Суд в Баку продолжил процесс. Обвинение касается бывших руководителей общины - Арташеса Погосяна, Аркадия Тевосяна и Бако Меликяна.', 'ru');
    expect(found).toEqual(expect.arrayContaining(['Artashes Poghosyan', 'Arkadi Tevosyan', 'Bako Melikyan']));
  });
  it('a nominative list joined by "и" after the first name', () => {
    const found = actors('Среди подсудимых бывшие депутаты Давид Арзуманян, Самвел Оганян и Мгер Карапетян.', 'ru');
    expect(found).toEqual(expect.arrayContaining(['Davit Arzumanyan', 'Samvel Oganyan', 'Mher Karapetyan']));
  });
  it('a sentence-initial word or a place after a preposition is no first name', () => {
    expect(actors('Вчера Саргсян отказался от комментариев журналистам.', 'ru')).toEqual([]);
    expect(actors('Переговоры прошли спокойно, и в Ереване Мартиросян заявил о прогрессе.', 'ru')).not.toContain('Yerevane Martirosyan');
  });
  it('declension back to the nominative', () => {
    expect(cyrillicArmenianName('Рубена', 'Погосяна')).toBe('Ruben Poghosyan');
    expect(cyrillicArmenianName('Ара', 'Зограбяна')).toBe('Ara Zohrabyan');
    expect(cyrillicArmenianName('Анны', 'Петросян')).toBeNull();
  });
});

describe('namesakes of a known actor in Cyrillic, Armenian and Georgian script', () => {
  it.each([
    ['ru', 'Бывший командир батальона Левон Мнацаканян осужден в Баку на долгий срок.', 'Levon Mnatsakanyan'],
    ['uk', 'Засуджено колишнього командира загону Левона Мнацаканяна до довічного ув’язнення.', 'Levon Mnatsakanyan'],
    ['ka', 'სასჯელი მიესაჯა ბატალიონის ყოფილ მეთაურს, ლევონ მნაცაკანიანს.', 'Levon Mnatsakanyan'],
  ])('%s: another person, not Zohrab Mnatsakanyan', (language, text, name) => {
    const found = actors(text, language);
    expect(found).toContain(name);
    expect(found).not.toContain('Zohrab Mnatsakanyan');
  });
  it('a hyphened first name keeps the known actor (Касым-Жомарт Токаев)', () => {
    expect(actors('Встречу в Астане открыл президент Казахстана Касым-Жомарт Токаев.', 'ru')).toContain('Kassym-Jomart Tokayev');
  });
});

describe('Latin script: an apposition with the office and its complement, an Italian byline', () => {
  it.each([
    ['en', 'Yerevan asked for sanctions, with Hovik Darbinyan, the country’s envoy to Brussels, proposing a cap on gas prices.', 'Hovik Darbinyan'],
    ['es', 'La ola de calor seguirá, como asegura Marta del Pino, portavoz de la Aemet, en su último aviso.', 'Marta del Pino'],
    ['it', 'Cambio in panchina per tre squadre\ndi Lorenzo Bassani\n\nIl campionato ha già visto sei esoneri.', 'Lorenzo Bassani'],
  ])('%s: %s', (language, text, name) => {
    expect(actors(text, language)).toContain(name);
  });
  it('a desk named in an Italian byline is no person', () => {
    expect(actors('Vertice a Washington\ndi Redazione Esteri\n\nI due leader si sono incontrati.', 'it')).toEqual([]);
  });
});
