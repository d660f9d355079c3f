/**
 * Signal rules of round 15 (tagsig15c; issue 12; docs/tagging.md "Round 15 (tagsig15c)"): a
 * meeting told as held without mediators has no host mediator unless the text names one as host;
 * the Lachin road and declined corridor forms; explaining verbs after a capital; carried or flown
 * to a capital. Sentences are written for these tests, about other cities and events than
 * tests/fixtures/tagging/heldout-round13.jsonl where they can be.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string) => explainArticle({ title, text }, topic);

describe('a meeting without mediators: its venue is no mediator', () => {
  it.each([
    ['ru', 'Алиев и Пашинян встретились в Сочи без посредников', 'Президент Азербайджана и премьер-министр Армении обсудили мирный договор и делимитацию границы.', 'Russia'],
    ['de', '', 'Alijew und Paschinjan sprachen am Rande des Gipfels in Astana ohne Vermittler über den Friedensvertrag und die Grenzkommissionen.', 'Kazakhstan'],
    ['it', 'Aliyev e Pashinyan a Mosca senza mediatori', 'I leader di Azerbaigian e Armenia hanno discusso il trattato di pace.', 'Russia'],
  ])('%s', (_lang, title, text, state) => {
    expect(tag(title, text).signals.mediators).not.toContain(state);
  });

  it('nor a state taking part (it, Sochi)', () => {
    const r = tag('', 'Aliyev e Pashinyan hanno parlato a Sochi senza mediatori del trattato di pace.');
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(r.signals.countries).not.toContain('Russia');
  });

  it('a host named as host still mediates', () => {
    const r = tag('Alijew und Paschinjan in Abu Dhabi ohne Vermittler', 'Die Präsidenten Aserbaidschans und Armeniens verhandelten über den Friedensvertrag. Eingeladen hatte der Präsident der Vereinigten Arabischen Emirate.');
    expect(r.signals.mediators).toContain('United Arab Emirates');
  });
});

describe('the Lachin road is the Lachin corridor', () => {
  it.each([
    ['az', 'Bakı və İrəvan sülh müqaviləsini müzakirə edib. Humanitar yüklər Laçın yolu ilə Xankəndiyə çatdırılacaq.'],
    ['ka', 'აზერბაიჯანი და სომხეთი სამშვიდობო შეთანხმებას განიხილავენ. ტვირთი ლაჩინის დერეფნით გადავა.'],
  ])('%s', (_lang, text) => {
    const r = tag('', text);
    expect(r.signals.places).toContain('Lachin corridor');
    expect(r.signals.places).not.toContain('Lachin');
  });
});

describe('a capital before an explaining verb is its government', () => {
  it.each([
    ['ru', 'Армения и Азербайджан договорились о работе комиссий по делимитации. В Ереване пояснили, что следующее заседание пройдет в марте.', 'Yerevan'],
    ['uk', 'Вірменія та Азербайджан погодили текст мирного договору. У Баку пояснили, що підписання залежить від конституції.', 'Baku'],
  ])('%s', (_lang, text, city) => {
    expect(tag('', text).signals.places).not.toContain(city);
  });
});

describe('carried or flown to a capital: a place', () => {
  it.each([
    ['uk', 'Азербайджан передав Вірменії п\'ятьох полонених у межах мирного процесу. Їх доставили літаком до Єревана.', 'Yerevan'],
    ['az', 'Ermənistan Azərbaycana iki hərbçini təhvil verib, sülh prosesi çərçivəsində. Hərbçilər təyyarə ilə Bakıya aparılıb.', 'Baku'],
    ['tr', 'Ermenistan, barış süreci kapsamında iki Azerbaycan askerini teslim etti. Askerler uçakla Bakü\'ye götürüldü.', 'Baku'],
  ])('%s', (_lang, text, city) => {
    expect(tag('', text).signals.places).toContain(city);
  });
});
