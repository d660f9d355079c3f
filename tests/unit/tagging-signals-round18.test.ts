/**
 * Persons of round 18 (tagsig18; issue 12; docs/tagging.md "Round 18 (tagsig18)"): officials the
 * topic does not know, introduced by the titles real coverage gives them (members of parliament,
 * speakers, press secretaries, diplomats, secretaries), with a demonym between title and name,
 * in an apposition after the name, and in Cyrillic (romanised). Sentences and persons are written
 * for these tests, with other names and wordings than tests/fixtures/tagging/dev-signals18.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';
import { romanize } from '../../src/tagging/names-cyrillic.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (text: string, language: string) => explainArticle({ title: '', text, language }, topic);

describe('an official named after a title the recogniser lacked', () => {
  it.each([
    ['az', 'Azərbaycan parlamentinin sədri Kamran Babayev bildirib ki, Ermənistanla sülh sazişi tezliklə imzalana bilər.', 'Kamran Babayev'],
    ['az', 'XİN-in mətbuat katibi Nigar Rzayeva Ermənistanla sərhəd komissiyalarının görüşünü şərh edib.', 'Nigar Rzayeva'],
    ['tr', 'Ermenistan milletvekili Hrant Sarkisyan, Azerbaycan ile barış anlaşmasının yakında imzalanacağını söyledi.', 'Hrant Sarkisyan'],
    ['de', 'Die Abgeordnete Petra Lindner begrüßte die Einigung zwischen Armenien und Aserbaidschan auf den Friedensvertrag.', 'Petra Lindner'],
    ['de', 'Der armenische Diplomat Vardan Avetisyan äußerte Zweifel an der Unterzeichnung des Friedensvertrags mit Aserbaidschan.', 'Vardan Avetisyan'],
    ['fr', "La députée arménienne Lusine Harutyunyan a critiqué le traité de paix avec l'Azerbaïdjan.", 'Lusine Harutyunyan'],
    ['es', 'El diputado azerbaiyano Tural Ismayilov dijo que el tratado de paz con Armenia se firmará pronto.', 'Tural Ismayilov'],
    ['it', "L'ambasciatore armeno Gagik Baghdasaryan ha detto che il trattato di pace con l'Azerbaigian è pronto.", 'Gagik Baghdasaryan'],
    ['pl', 'Poseł Marek Nowicki pochwalił porozumienie pokojowe Armenii i Azerbejdżanu.', 'Marek Nowicki'],
    ['fr', "Le secrétaire d'État Paul Garnier a salué le traité de paix entre l'Arménie et l'Azerbaïdjan.", 'Paul Garnier'],
  ])('%s: %s', (lang, text, name) => {
    expect(tag(text, lang).signals.actors).toContain(name);
  });

  it('in an apposition after the name (en, fr)', () => {
    expect(tag('Narek Sargsyan, an Armenian opposition lawmaker, said the peace treaty with Azerbaijan gave away too much.', 'en').signals.actors).toContain('Narek Sargsyan');
    expect(tag("Anna Vardanyan, députée arménienne, a déclaré que le traité de paix avec l'Azerbaïdjan serait signé.", 'fr').signals.actors).toContain('Anna Vardanyan');
  });

  it('guards: a fronted place, a body after an office, a German noun after the name', () => {
    expect(tag('In the South Caucasus, a US envoy arrived in Baku to discuss the peace agreement between Armenia and Azerbaijan.', 'en').signals.actors).toEqual([]);
    expect(tag('Po spotkaniu w Brukseli przewodniczący Rady Europejskiej ogłosił porozumienie Armenii i Azerbejdżanu.', 'pl').signals.actors).toEqual([]);
    expect(tag('Der aserbaidschanische Diplomat Ramil Hasanov äußerte Kritik an Armenien.', 'de').signals.actors).toEqual(['Ramil Hasanov']);
  });
});

describe('an official named in Cyrillic after a nominative title, romanised', () => {
  it.each([
    ['ru', 'Мирный договор с Азербайджаном будет подписан в этом году, заявил депутат парламента Армении Арман Егиазарян.', 'Arman Yegiazaryan'],
    ['ru', 'Омбудсмен Армении Карен Мкртчян заявил, что делимитация границы с Азербайджаном должна учитывать права жителей.', 'Karen Mkrtchyan'],
    // round 18 (sig18b): Ukrainian text takes the Ukrainian national romanisation (г → h, я → ia)
    ['uk', 'Речник МЗС Вірменії Ваге Торосян заявив, що мирний договір з Азербайджаном готовий.', 'Vahe Torosyan'], // round 19 (tagact19): an Armenian name takes its English form (-yan), not the Ukrainian reading
  ])('%s: %s', (lang, text, name) => {
    expect(tag(text, lang).signals.actors).toContain(name);
  });

  it('guard: a title in an oblique case names nobody (its name is declined)', () => {
    expect(tag('Встреча с вице-премьером Армении Гагиком Мелконяном о делимитации границы с Азербайджаном прошла в пятницу.', 'ru').signals.actors).toEqual([]);
  });

  it('romanisation: Russian е, ь, final ий, дж; Ukrainian final ий', () => {
    expect([romanize('Егиазарян'), romanize('Кондратьев'), romanize('Дмитрий'), romanize('Даниелян'), romanize('Садовий', true), romanize('Джанибекян')]).toEqual(['Yegiazaryan', 'Kondratyev', 'Dmitry', 'Danielyan', 'Sadovyi', 'Janibekyan']);
  });
});
