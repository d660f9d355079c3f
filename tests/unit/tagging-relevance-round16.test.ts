/**
 * Round 16 (tag16a; docs/tagging.md "Round 16 (tag16a)"): the process named through its sides
 * as a pair and one party or none ("Michel: the two leaders confirmed each other's territorial
 * integrity", "both delegations in Almaty"), a settlement term as the condition
 * (`settlementTerms`), and the live page of one event (clock-time entries as turns, an entry
 * naming both sides as the scene). Every text is our own (none is dev-round16's); the "kind"
 * tests fail on main c49c6e8, the guards pass on both.
 */
import { describe, expect, it } from 'vitest';
import { compileTopic, loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('the sides left unnamed (implied.ts)', () => {
  it('en: a mediator and "the two leaders", neither state named', () => {
    const r = tag('Michel: leaders agree to meet again', 'Charles Michel said after the talks in Brussels that the two leaders had agreed to keep working on the peace treaty.\n\nThe border commissions will meet in the autumn.');
    expect(r.relevant).toBe(true);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
  });
  it('fr: "les deux dirigeants" is the dyad as a pair', () => {
    const r = tag(null, 'Charles Michel a déclaré à Bruxelles que les deux dirigeants avaient confirmé leur accord sur la délimitation.\n\nLe prochain round du traité de paix aura lieu en juin.');
    expect(r.relevant).toBe(true);
  });
  it('ru: one party named, "обе делегации" and the treaty', () => {
    const r = tag('Раунд в Алматы', 'Глава МИД Азербайджана сообщил, что обе делегации согласовали ещё две статьи мирного договора.\n\nПереговоры продолжатся в июне.');
    expect(r.relevant).toBe(true);
  });
  it('de: one party named with a strong term, the other side not named at all', () => {
    const r = tag(null, 'Die Gespräche in Almaty endeten am Abend.\n\nDer armenische Außenminister sprach von Fortschritten beim Friedensvertrag; über die Grenzziehung werde weiter verhandelt.');
    expect(r.relevant).toBe(true);
  });
  it('guard: Michel with Serbia and Kosovo (another dyad named) stays out', () => {
    const r = tag('Michel hosts the two leaders', 'Charles Michel said after the Brussels meeting that the two leaders agreed to respect each other\'s territorial integrity. The dialogue between Belgrade and Pristina resumes next month.');
    expect(r.relevant).toBe(false);
  });
  it('guard: a government and its church, "the two sides" without a settlement term, stays out', () => {
    const r = tag('Government and Church hold talks', 'Armenia\'s prime minister met the Catholicos on Monday. The two sides held talks for three hours and agreed to continue negotiations on church property.');
    expect(r.relevant).toBe(false);
  });
  it('guard: a minister and his Kazakh counterpart (a demonym names the other side) stays out', () => {
    const r = tag('Talks in Almaty', 'Armenia\'s foreign minister held talks with his Kazakh counterpart in Almaty. The two sides confirmed each other\'s territorial integrity and signed an agreement on trade.');
    expect(r.relevant).toBe(false);
  });
  it('guard: one party on a truce elsewhere (a place of no state) stays out', () => {
    const r = tag(null, 'Azerbaijan welcomed the ceasefire in Gaza and called for the peace process to continue. The two sides must respect the truce, the ministry said.');
    expect(r.relevant).toBe(false);
  });
  it('rejects a settlement term that names no entry of terms, with its path', () => {
    const ab = 'parties: [A, B]\nentities:\n  countries:\n    A: {party: A, forms: [alpha]}\n    B: {party: B, forms: [beta]}\nterms:\n  treaty: {weight: 1, forms: [treaty]}\n';
    expect(() => compileTopic('bad', `${ab}settlementTerms: [treaty, pact]\n`)).toThrow(/settlementTerms\.1: "pact" names no entry of terms/);
  });
});

describe('a live page of one event', () => {
  it('en: the signing told in clock-time entries', () => {
    const r = tag(null, 'LIVE\n\n16:01 Aliyev and Pashinyan walk in together.\n\n16:09 The two leaders take their seats; the joint declaration lies between them.\n\n16:15 Signed.\n\n16:30 Photographs on the steps.');
    expect(r.relevant).toBe(true);
  });
  it('de: "Uhr" entries, the host named once', () => {
    const r = tag(null, 'LIVE\n\n20.02 Uhr Alijew und Paschinjan sind im Weißen Haus eingetroffen.\n\n20.10 Uhr Die beiden Staatschefs unterzeichnen die gemeinsame Erklärung.\n\n20.25 Uhr Trump spricht von einem historischen Tag.');
    expect(r.relevant).toBe(true);
  });
  it('guard: a CIS summit live page where both leaders arrive stays out', () => {
    const r = tag(null, 'LIVE\n\n10:00 Leaders of the CIS arrive in Dushanbe.\n\n10:20 Aliyev and Pashinyan are among them; Tokayev greets the guests.\n\n10:45 Putin opens the session on migration and trade.\n\n11:30 A joint statement on economic cooperation is signed.');
    expect(r.relevant).toBe(false);
  });
  it('guard: an election live page with one line on the treaty stays out', () => {
    const r = tag(null, 'LIVE\n\n08:00 Polls open across Armenia.\n\n10:00 Turnout reaches 12 percent.\n\n12:00 Pashinyan casts his ballot in Yerevan.\n\n14:00 An opposition candidate says the peace treaty with Azerbaijan is a surrender.\n\n16:00 Turnout 31 percent.');
    expect(r.relevant).toBe(false);
  });
});
