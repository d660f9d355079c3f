/**
 * Kinds of relevance fault fixed in issue 12 round 9 (docs/tagging.md "Round 9 (relevance)"),
 * found on dev-round9 (a new writer's kinds: short wire items, third-state reactions, detainees for
 * mine maps, round-ups, other pairs' talks at the same venues). Every text is our own and differs
 * from the fixture's. Each "kind" test fails on main 757879b; the guards pass on main too and keep
 * the new rules from overreaching.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('reactions of third states that name the deal indirectly (welcome vocabulary)', () => {
  it('Italian: a ministry "accoglie con favore" the understanding between Baku and Yerevan', () => {
    const r = tag('Roma accoglie l\'intesa tra Baku e Erevan', 'Il governo italiano accoglie con favore l\'intesa raggiunta tra Baku e Erevan e invita le parti a firmare presto il trattato.\n\nCondividi');
    expect(r.relevant).toBe(true);
    expect(r.signals.terms).toContain('welcome');
  });
  it('Armenian, headline-less: Ankara welcomes the agreement reached between Baku and Yerevan', () => {
    const r = tag(null, 'Թուրքիայի ԱԳՆ-ն ողջունել է Բաքվի և Երևանի միջև ձեռք բերված պայմանավորվածությունը։\n\nԿիսվել');
    expect(r.relevant).toBe(true);
  });
  it('German, headline-less: a ministry welcomes the "Einigung" between the parties', () => {
    const r = tag(null, 'Österreich begrüßt die Einigung zwischen Armenien und Aserbaidschan und hofft auf eine baldige Unterzeichnung.');
    expect(r.relevant).toBe(true);
  });
  it('guard: a welcome of another pair\'s deal that names one party in passing stays out', () => {
    const r = tag('Baku welcomes Gaza truce', 'Azerbaijan welcomed the ceasefire between Israel and Hamas and called for humanitarian access. Armenia made a similar statement.');
    expect(r.relevant).toBe(false);
  });
});

describe('confidence-building exchanges: detainees for mine maps', () => {
  it('Azerbaijani: detainees handed over in return for mine maps', () => {
    const r = tag('Saxlanılanlar xəritələr müqabilində qaytarıldı', 'Azərbaycan 10 erməni saxlanılanı Ermənistana təhvil verib. Bunun müqabilində Ermənistan Füzuli rayonunun mina xəritələrini verib.');
    expect(r.relevant).toBe(true);
    expect(r.signals.terms).toEqual(expect.arrayContaining(['mine maps', 'in exchange']));
  });
  it('Polish, headline-less: detainees in exchange for maps of minefields', () => {
    const r = tag(null, 'Azerbejdżan przekazał Armenii 10 zatrzymanych w zamian za mapy pól minowych w rejonie Füzuli.');
    expect(r.relevant).toBe(true);
  });
  it('guard: arrests in a trial story are no exchange (trial vocabulary is not a talks word)', () => {
    const r = tag('Суд в Баку продлил арест', 'Суд в Баку продлил срок содержания под стражей задержанных армян. Адвокаты обжаловали решение, заседание продолжится в понедельник.');
    expect(r.relevant).toBe(false);
  });
});

describe('round-ups: an item on the talks after one-line items (rule 7 is an amount of text)', () => {
  it('a long last item that holds most of the words counts, though it is one sentence of three', () => {
    const r = tag('News in brief', 'Shares in Asia rose on Tuesday.\n\nA storm closed two airports in Scotland.\n\nThe European Union\'s special representative travelled to Baku and then to Yerevan this week to discuss with both governments how the peace treaty initialled in Washington between Armenia and Azerbaijan will be signed and ratified.');
    expect(r.relevant).toBe(true);
  });
  it('a second sentence of the item continues it with one weak term (the text renounces territorial claims)', () => {
    const r = tag('Roundup', 'Fuel prices fell for a third week across the country.\n\nThe foreign ministries of Armenia and Azerbaijan published the text of their peace agreement. The document has 17 articles and renounces territorial claims.\n\nA new bridge opened in the capital after two years of work on the river banks.');
    expect(r.relevant).toBe(true);
  });
  it('guard: a short passing line on the talks among longer items stays out', () => {
    const r = tag('News in brief', 'Shares in Asia rose on Tuesday after the central bank of Japan kept its rates unchanged and signalled patience on further moves.\n\nA storm closed two airports in Scotland and cut power to thousands of homes in the Highlands overnight.\n\nArmenia and Azerbaijan held talks.');
    expect(r.relevant).toBe(false);
  });
});

describe('another pair of states at the same venue (guideline rule 6)', () => {
  it('Congo and Rwanda signing in Washington, with the Armenia–Azerbaijan deal as a passing comparison', () => {
    const r = explainArticle({ title: 'Congo and Rwanda sign peace deal in Washington', text: 'The leaders of Congo and Rwanda signed a peace agreement at the White House on Thursday. Trump said it followed the deal he brokered between Armenia and Azerbaijan in August. Fighting goes on in the east of Congo.' }, topic);
    expect(r.relevant).toBe(false);
    expect(r.features.otherDominant).toBe(true);
  });
  it('Russian: Thailand and Cambodia agree a truce, Armenia and Azerbaijan named as an earlier example', () => {
    const r = tag('Таиланд и Камбоджа договорились о перемирии', 'Таиланд и Камбоджа подписали соглашение о прекращении огня в Куала-Лумпуре. Ранее при посредничестве США мирное соглашение заключили Армения и Азербайджан.');
    expect(r.relevant).toBe(false);
  });
  it('guard: two third states welcoming the agreement between the parties keep it on topic', () => {
    const r = tag('Egypt and Saudi Arabia welcome the Washington deal', 'Egypt and Saudi Arabia welcomed the peace agreement between Armenia and Azerbaijan signed at the White House and praised the US mediation.');
    expect(r.relevant).toBe(true);
  });
});
