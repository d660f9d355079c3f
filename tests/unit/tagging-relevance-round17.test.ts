/**
 * Relevance kinds found on real 2020–2026 coverage (issue 12, round 17, helper tag17a;
 * docs/tagging.md "Round 17 (tag17a)"): the autumn-2025 line "peace between Armenia and
 * Azerbaijan is established", short wire texts whose later one-line paragraphs carry one weak
 * talks word each, and the Tavush handover in German dative forms. Every text is our own. Which
 * tests fail on main is said in the docs section.
 */
import { describe, expect, it } from 'vitest';
import { compileTopic, loadTopic, tagArticle } from '../../src/tagging/index.js';
import { readFileSync } from 'node:fs';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('"peace is established" between the two (peace established, pairedTerms)', () => {
  it('English: an aide says peace is established and is no longer on paper', () => {
    const r = tag(null, 'Peace has been established, the Azerbaijani president\'s adviser told a conference in Baku on Monday.\n\nArmenia, he said, should now finish the job and remove the clause from its constitution.\n\nThe signature could follow within days.');
    expect(r.relevant).toBe(true);
  });
  it('Russian: "мир установился", the speaker\'s side unnamed, Azerbaijan named', () => {
    const r = tag('Пашинян: мир с Азербайджаном хотят сорвать', 'Премьер-министр Армении считает, что внутри страны и за её пределами есть силы, которые хотят сорвать мир с Азербайджаном.\n\n«Мир установился, и это главное», — сказал он.');
    expect(r.relevant).toBe(true);
  });
  it('Georgian: "მშვიდობა დამყარდა" between the two', () => {
    const r = tag(null, 'სომხეთსა და აზერბაიჯანს შორის მშვიდობა დამყარდა, თქვა პარლამენტის თავმჯდომარემ.\n\nმისი თქმით, ეს ისტორიული მიღწევაა.');
    expect(r.relevant).toBe(true);
  });
  it('Armenian: "peace between Armenia and Azerbaijan" named as a pair, the weak word alone', () => {
    const r = tag(null, 'Հայաստանի և Ադրբեջանի միջև խաղաղությունը այսօր իրականություն է, ասաց խորհրդարանի նախագահը։');
    expect(r.relevant).toBe(true);
  });
  it('Spanish: "la paz entre Armenia y Azerbaiyán" as a pair', () => {
    const r = tag(null, 'La paz entre Armenia y Azerbaiyán es hoy una realidad, dijo el presidente del Parlamento armenio en Ereván.\n\nNadie quiere volver atrás, añadió.');
    expect(r.relevant).toBe(true);
  });
  it('guard: peace established between another pair, the parties in a passing line', () => {
    const r = tag(null, 'Peace has been established between Ethiopia and Eritrea, the Ethiopian foreign minister said in Asmara.\n\nEnvoys of several states attended, among them those of Armenia and Azerbaijan.');
    expect(r.relevant).toBe(false);
  });
  it('guard: both named as a pair with a weak word that is not "peace" (accusations over the ceasefire)', () => {
    const r = tag(null, 'Armenia and Azerbaijan accused each other of breaking the ceasefire overnight.\n\nTwo soldiers were wounded by sniper fire near Sotk, the ministry said.');
    expect(r.relevant).toBe(false);
  });
});

describe('short wire texts: one-line paragraphs with one weak talks word (weakShare)', () => {
  it('French: the constitution demand, a quote, then "the place and date of the signature"', () => {
    const r = tag(null, "L'Arménie et l'Azerbaïdjan ne s'entendent toujours pas sur certains points, a indiqué jeudi le vice-ministre arménien.\n\nLe principal reste l'exigence de Bakou de changer la Constitution arménienne.\n\n« Notre position est connue », a-t-il dit.\n\nIl faut encore fixer le lieu de la signature.\n\nAucune date n'est convenue.");
    expect(r.relevant).toBe(true);
  });
  it('Polish: the constitution demand, a quote, then a line on the signature date', () => {
    const r = tag(null, 'Armenia i Azerbejdżan nadal różnią się w kilku sprawach, przyznał wiceminister spraw zagranicznych Armenii.\n\nNajważniejsza to żądanie Baku, by zmienić konstytucję Armenii.\n\n„Znamy ich stanowisko” — dodał.\n\nTermin podpisania wciąż nie jest znany.\n\nNa razie nie ma w tej sprawie zgody.');
    expect(r.relevant).toBe(true);
  });
  it('guard: weak lines in an article framed by one party only stay out', () => {
    const r = tag(null, 'Armenia\'s parliament passed the budget on Thursday.\n\nThe opposition said the government had signed too many loan agreements.\n\nThe prime minister said peace with Azerbaijan is the government\'s treaty priority.\n\nDeputies agreed to meet again next week.');
    expect(r.relevant).toBe(false);
  });
});

describe('the Tavush handover told in German datives', () => {
  it('"Rückgabe von vier Grenzdörfern an Aserbaidschan" with the normalisation and the treaty', () => {
    const r = tag(null, 'Armenien und Aserbaidschan haben sich auf einen ersten Grenzabschnitt geeinigt.\n\nDie Rückgabe von vier Grenzdörfern an Aserbaidschan soll bis Ende Mai erfolgen.\n\nAnwohner in Tawusch protestieren dagegen.\n\nDie Regierung in Eriwan spricht von einem Schritt zur Normalisierung.');
    expect(r.relevant).toBe(true);
    expect(r.signals.terms).toContain('border villages');
  });
});

describe('topic validation', () => {
  it('a paired term that names no entry of terms is an error with its path', () => {
    const text = readFileSync('config/topics/armenia-azerbaijan-talks.yaml', 'utf8').replace(/pairedTerms: \[peace/, 'pairedTerms: [piece');
    expect(() => compileTopic('armenia-azerbaijan-talks', text)).toThrow(/pairedTerms\.0: "piece" names no entry of terms/);
  });
});
