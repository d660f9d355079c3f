/**
 * Round 18 (sig18b; issue 12; docs/tagging.md "Round 18 (sig18b)"): a person found by title is
 * reported in the English spelling the article's alphabet maps to (az Latin, uk national
 * romanisation, Slavic surnames in de/pl spelling), and a run of institution words in an oblique
 * case is never a person (pl, de, tr, az, ru, uk). Sentences and persons are written for these
 * tests, other than tests/fixtures/tagging/dev-signals18b.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';
import { romanizeUk } from '../../src/tagging/names-cyrillic.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const actors = (text: string, language: string) => explainArticle({ title: '', text, language }, topic).signals.actors;

describe('a found official in the English spelling of the article language', () => {
  it.each([
    ['az', 'Milli Məclisin deputatı Şəhla Qəmbərova bildirib ki, Ermənistanla sülh sazişi imzalanmalıdır.', 'Shahla Gambarova'],
    ['az', 'XİN-in mətbuat katibi Cavid Xəlilov Ermənistanla delimitasiya görüşünü şərh edib.', 'Javid Khalilov'],
    ['az', 'Ermənistan parlamentinin sədri Vağarşak Ağacanyan Azərbaycanla sülh sazişindən danışıb.', 'Vagharshak Aghajanyan'],
    ['uk', 'Речник Міністра Кирило Ковальчук заявив, що Україна вітає мирну угоду Вірменії та Азербайджану.', 'Kyrylo Kovalchuk'],
    ['uk', 'Депутатка Юлія Гнатюк обговорила у Баку мирний договір Азербайджану з Вірменією.', 'Yuliia Hnatiuk'],
    ['de', 'Der aserbaidschanische Diplomat Tural Gadschijew sagte, der Friedensvertrag mit Armenien sei fertig.', 'Tural Gadzhiyev'],
    ['pl', 'Poseł Rustam Gadżijew powiedział, że traktat pokojowy Armenii i Azerbejdżanu jest gotowy.', 'Rustam Gadzhiyev'],
  ])('%s: %s', (lang, text, name) => {
    expect(actors(text, lang)).toContain(name);
  });

  it('Ukrainian national system: initial and inner є ї й ю я, зг', () => {
    expect(['Згурський', 'Юрій', 'Ярослава', 'Їжакевич', 'Олексій'].map((w) => romanizeUk(w))).toEqual(['Zghurskyi', 'Yurii', 'Yaroslava', 'Yizhakevych', 'Oleksii']);
  });

  it('leaves German and Polish names, Turkish and English text as written', () => {
    expect(actors('Poseł Marek Nowicki pochwalił porozumienie pokojowe Armenii i Azerbejdżanu.', 'pl')).toContain('Marek Nowicki');
    expect(actors('Ermenistan milletvekili Cevdet Koç, Azerbaycan ile barış anlaşmasını eleştirdi.', 'tr')).toContain('Cevdet Koç');
  });
});

describe('a run of institution words in an oblique case is no person', () => {
  it('pl: the name after the institution is the person', () => {
    expect(actors('Rzecznik Departamentu Stanu Paul Grant powiedział, że porozumienie Armenii i Azerbejdżanu jest bliskie.', 'pl')).toEqual(['Paul Grant']);
  });
  it.each([
    ['pl', 'Wiceminister Ministerstwa Spraw Zagranicznych przyjechał do Erywania na rozmowy z Armenią i Azerbejdżanem.'],
    ['tr', 'Ermenistan Başbakanı Avrupa Parlamentosunda Azerbaycan ile barış anlaşmasını anlattı.'],
    ['az', 'Ermənistanın Baş naziri Milli Məclisdə Azərbaycanla sülh sazişindən danışıb.'],
    ['ru', 'Советник Совета Безопасности заявил, что Армения и Азербайджан согласовали мирный договор.'],
    ['ru', 'Представитель Офиса Омбудсмена сообщил, что Армения и Азербайджан согласовали мирный договор.'],
    ['uk', 'Посол Верховної Ради заявив, що Вірменія та Азербайджан погодили мирний договір.'],
  ])('%s: %s', (lang, text) => {
    expect(actors(text, lang)).toEqual([]);
  });
});
