/**
 * Relevance kinds of heldout-round15's misses (issue 12, round 17, helper tagrel17b;
 * docs/tagging.md "Round 17 (tagrel17b)"): the two parties, named as a pair, recognising each
 * other's territorial integrity or the 1991 borders (Prague 2022, Brussels 2023), and a sentence
 * cut in two after a one-letter year abbreviation ("1991 թ.", "1991 г."). Every text is our own.
 * Which tests fail on main is said in the docs section.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('mutual recognition by the pair (territorial integrity in pairedTerms)', () => {
  it('Spanish: the two, as a pair, recognise each other\'s territorial integrity', () => {
    const r = tag(null, 'LUXEMBURGO (Agencias) —\n\nEl jefe de la diplomacia europea dijo que Armenia y Azerbaiyán reconocen mutuamente su integridad territorial: 29.800 y 86.600 kilómetros cuadrados.\n\nCompartir');
    expect(r.relevant).toBe(true);
  });
  it('German: the pair accepts the 1991 borders', () => {
    const r = tag(null, 'Armenien und Aserbaidschan erkennen die Grenzen von 1991 als Grundlage an, teilte der Gastgeber nach dem Abendessen mit.');
    expect(r.relevant).toBe(true);
  });
  it('Arabic: the pair recognises the 1991 borders', () => {
    const r = tag(null, 'ستراسبورغ - أرمينيا وأذربيجان تعترفان بحدود 1991، بحسب رئيس المجلس الأوروبي.');
    expect(r.relevant).toBe(true);
  });
  it('Polish: the pair confirms the recognition of each other\'s territories', () => {
    const r = tag(null, 'Armenia i Azerbejdżan potwierdziły uznanie swoich terytoriów, podała w czwartek kancelaria przewodniczącego.');
    expect(r.relevant).toBe(true);
  });
  it('guard: the 1991 borders of another pair, Armenia and Azerbaijan in a passing list', () => {
    const r = tag(null, 'Kyrgyzstan and Tajikistan say the 1991 borders must be the basis of their border deal.\n\nDiplomats from Kazakhstan, Armenia, Azerbaijan and Uzbekistan attended the ceremony in Bishkek.');
    expect(r.relevant).toBe(false);
  });
  it('guard: one party\'s territorial integrity, said of it alone with a third state', () => {
    const r = tag(null, 'Armenia and France discussed Armenia\'s territorial integrity at a dinner in Paris.\n\nAzerbaijan was not mentioned in the statement.');
    expect(r.relevant).toBe(false);
  });
});

describe('a one-letter abbreviation after a number does not end a sentence', () => {
  it('Armenian: "1991 թ." before the name of the declaration keeps the parties in its sentence', () => {
    const r = tag(null, 'Գրանադա, հունիսի 2\n\nՀայաստանն ու Ադրբեջանը վերահաստատել են իրենց հավատարմությունը 1991 թ. Ալմա-Աթայի հռչակագրին։ Եվրոպացի դիտորդները կմնան սահմանի հայկական կողմում ևս մեկ տարի։ Ընթրիքին ներկա էին Օլաֆ Շոլցը և Շառլ Միշելը։\n\nԿիսվել');
    expect(r.relevant).toBe(true);
  });
  it('Russian: "1991 г." before the name of the declaration keeps the parties in its sentence', () => {
    const r = tag(null, 'Гранада, 2 июня\n\nАрмения и Азербайджан подтвердили приверженность 1991 г. Алма-Атинской декларации. Европейские наблюдатели останутся на армянской стороне границы ещё на год. На ужине присутствовали Олаф Шольц и Шарль Мишель.\n\nПоделиться');
    expect(r.relevant).toBe(true);
  });
});

describe('the pair pledges not to use force (non-use of force, pairedTerms)', () => {
  it('Polish: the two leaders, as a pair, pledge not to use force after a dinner with a host', () => {
    const r = tag(null, 'Po kolacji z gospodarzem przywódcy Armenii i Azerbejdżanu zobowiązali się do niestosowania siły.');
    expect(r.relevant).toBe(true);
  });
  it('Turkish: Armenia and Azerbaijan, as a pair, agree on not using force', () => {
    const r = tag(null, 'Ermenistan ve Azerbaycan güç kullanmama ilkesinde uzlaştı, dedi ev sahibi ülkenin sözcüsü.');
    expect(r.relevant).toBe(true);
  });
  it('guard: another pair pledges not to use force, the parties in a passing line', () => {
    const r = tag(null, 'Serbia and Kosovo pledged not to use force, the EU envoy said in Brussels.\n\nDiplomats from Armenia, Azerbaijan and Georgia attended.');
    expect(r.relevant).toBe(false);
  });
});
