/**
 * Relevance kinds left on heldout-round16 (issue 12, round 18, helper tagrel18c; docs/tagging.md
 * "Round 18 (tagrel18c)"): a third capital before the pair of capitals is the venue, not a
 * partner; "each other's borders" is mutual recognition; Karabakh Armenians in the languages the
 * `others` entry lacked. Every text is our own; which tests fail on main is said in the docs.
 */
import { describe, expect, it } from 'vitest';
import { compileTopic, loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('a venue capital before the pair of capitals does not pair with the first of them', () => {
  it('Spanish: the Brussels round between Baku and Yerevan called off', () => {
    const r = tag('Suspendida la reunión de Bruselas entre Bakú y Ereván', 'El encuentro, previsto para el jueves, queda sin fecha tras las objeciones de una de las partes.');
    expect(r.relevant).toBe(true);
  });
  it('Italian: the Prague meeting between Baku and Yerevan postponed', () => {
    const r = tag('Rinviato l\'incontro di Praga tra Baku e Erevan', 'Nessuna nuova data è stata indicata dalla mediazione europea.');
    expect(r.relevant).toBe(true);
  });
  it('guard: a third capital paired with a party by "and" still pairs ("Tbilisi and Baku" commissions)', () => {
    const r = tag('Tbilisi and Baku border commissions meet', 'The delegations of Georgia and Azerbaijan agreed on the next section of the line.');
    expect(r.relevant).toBe(false);
  });
});

describe('a meeting word with both capitals as a pair is the pair\'s process (capitalPairTerms)', () => {
  it('guard: the states\' names paired with a meeting word are no talks (a chess match)', () => {
    const r = tag('Armenia-Azerbaijan chess meeting ends in a draw', 'The two grandmasters shook hands after five hours at the board in Budapest.');
    expect(r.relevant).toBe(false);
  });
  it('the topic file is checked: a capitalPairTerms name must be a term', () => {
    const ab = 'parties: [A, B]\nentities:\n  countries:\n    A: {party: A, forms: [alpha]}\n    B: {party: B, forms: [beta]}\nterms:\n  talk: {weight: 0.5, forms: [talk]}\n';
    expect(() => compileTopic('bad', `${ab}capitalPairTerms: [talk, nope]\n`)).toThrow(/capitalPairTerms\.1: "nope" names no entry of terms/);
  });
});

describe('"each other\'s borders" is mutual recognition', () => {
  it('English: Baku and Yerevan confirm each other\'s borders, with a Brussels dateline', () => {
    const r = tag('Brussels: Baku and Yerevan to respect each other\'s borders', 'Both delegations confirmed the commitment at the meeting.');
    expect(r.relevant).toBe(true);
  });
  it('Russian: the capitals recognise each other\'s borders', () => {
    const r = tag('Брюссель: Баку и Ереван признают границы друг друга', 'Об этом заявил Шарль Мишель на встрече лидеров.');
    expect(r.relevant).toBe(true);
  });
});

describe('talks between Baku and the Karabakh Armenians are another dyad, in every language', () => {
  it('Arabic: Baku and representatives of the Karabakh Armenians on reintegration', () => {
    const r = tag(null, 'لقاء في بردع بين باكو وممثلي أرمن قره باغ\n\nناقش الجانبان إعادة الإدماج والمحادثات ستستمر الأسبوع المقبل.');
    expect(r.relevant).toBe(false);
  });
  it('French: Baku meets the Armenians of Karabakh', () => {
    const r = tag('Bakou reçoit les Arméniens du Karabakh', 'Les négociations entre Bakou et les représentants des Arméniens du Karabakh ont porté sur la réintégration.');
    expect(r.relevant).toBe(false);
  });
});
