/**
 * Relevance kinds left on real coverage (issue 12, round 18, helper tag18a; docs/tagging.md
 * "Round 18 (tag18a)"): a mediator's one-line announcement naming neither party, the two
 * capitals as the pair beside the mediator who announces it, the trilateral deputy prime
 * ministers' group in Spanish and Persian, and strike reports that name a truce in passing
 * (after a postposition, after German "nach der", civilians as "peaceful residents"). Every text
 * is our own (other places, dates and wordings than dev-round18). Which tests fail on main is
 * said in the docs section.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('a mediator one-liner naming neither party (implied.ts mediatorBody)', () => {
  it('English: dateline, the mediator, border commissions', () => {
    expect(tag(null, 'Brussels – Charles Michel: the border commissions will hold their next session in early June.').relevant).toBe(true);
  });
  it('Italian: the same line', () => {
    expect(tag(null, 'Bruxelles – Michel: le commissioni di confine si vedranno all\'inizio di giugno.').relevant).toBe(true);
  });
  it('guard: the same mediator on another pair\'s border commissions', () => {
    expect(tag(null, 'Brussels – Michel: the border commissions of Kyrgyzstan and Tajikistan will meet in June.\n\nArmenia and Azerbaijan are not part of this format.').relevant).toBe(false);
  });
  it('guard: two officials of other states, no mediator of the topic alone', () => {
    expect(tag(null, 'Brussels – Michel and Erdogan: border commissions will meet in June.').relevant).toBe(false);
  });
});

describe('the capitals as the pair beside the mediator who announces it (weak.ts pairedDyad)', () => {
  it('Azerbaijani: Baku and Yerevan recognise each other\'s territorial integrity, Michel said', () => {
    expect(tag(null, 'Bakı və İrəvan bir-birinin ərazi bütövlüyünü tanıdıqlarını yenidən təsdiqləyib, Şarl Mişel deyib.').relevant).toBe(true);
  });
  it('French: Michel announces the mutual recognition of Bakou and Erevan', () => {
    expect(tag(null, 'Selon Charles Michel, Bakou et Erevan ont reconfirmé leur reconnaissance mutuelle dimanche.\n\nPartager').relevant).toBe(true);
  });
});

describe('the trilateral deputy prime ministers (topic vocabulary)', () => {
  it('Spanish: the deputy prime ministers of the three agree on reopening railways', () => {
    expect(tag(null, 'Los viceprimeros ministros de Rusia, Azerbaiyán y Armenia acordaron en Moscú un calendario para las vías férreas.').relevant).toBe(true);
  });
});

describe('a strike report naming a truce in passing (rule 5)', () => {
  it('Armenian: the truce before a postposition "after"', () => {
    expect(tag(null, 'Մարտակերտը կրկին հրետակոծվել է\n\nՄոսկվայում համաձայնեցված հրադադարից երկու ժամ անց քաղաքում կան զոհեր։ Ադրբեջանը հերքում է։').relevant).toBe(false);
  });
  it('German: "nach der" truce agreed in Moscow', () => {
    expect(tag(null, 'Raketen auf Mingätschewir\n\nKurz nach der in Moskau vereinbarten Feuerpause meldet Aserbaidschan zivile Opfer. Armenien bestreitet das.').relevant).toBe(false);
  });
  it('Russian: civilians are "peaceful residents", not peace', () => {
    expect(tag(null, 'Тертер снова под обстрелом\n\nВ Баку сообщают о раненых среди мирных жителей после перемирия, согласованного в Москве. Ереван отрицает.').relevant).toBe(false);
  });
  it('guard: a truce agreed by the two, told as the step, stays on topic', () => {
    expect(tag(null, 'Հայաստանն ու Ադրբեջանը Մոսկվայում համաձայնեցին հումանիտար հրադադարի շուրջ, բանակցություններից հետո հայտարարել է Լավրովը։').relevant).toBe(true);
  });
});
