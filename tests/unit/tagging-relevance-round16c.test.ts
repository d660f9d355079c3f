/**
 * Kinds of relevance error read in heldout-round14 (issue 12, helper tag16c; docs/tagging.md
 * "Round 16 (tag16c)"): a report published before the process began (guideline rule 1, "2020
 * onward"), a mediated truce over Karabakh whose report names neither state (the 10 November 2020
 * statement), and Armenian -ություն nouns in an oblique case. Every text is our own (none is the
 * set's). Which tests fail on main is said in the docs section.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';
import { publicationYear } from '../../src/tagging/tag.js';
import { withArmenianObliques } from '../../src/tagging/topic-compile.js';
import { tagWithTopics } from '../../src/pipeline/page.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string, publishedAt?: string) => tagArticle({ title, text, publishedAt }, topic);

const SUMMIT = 'Presidents of Armenia and Azerbaijan meet in Sochi on Karabakh settlement';
const SUMMIT_BODY = 'The presidents of Armenia and Azerbaijan held talks in Sochi hosted by the Russian president and agreed to keep negotiating a peace settlement. A joint statement will follow.';

describe('published before the process began (rule 1)', () => {
  it('an ISO date before 2020 makes a summit report not relevant', () => {
    expect(tag(SUMMIT, SUMMIT_BODY, '2012-01-23').relevant).toBe(false);
  });
  it('a feed date (RFC 2822) before 2020 does too', () => {
    expect(tag(SUMMIT, SUMMIT_BODY, 'Mon, 23 Jan 2012 18:00:00 GMT').relevant).toBe(false);
  });
  it('guard: the same report dated 2021, or undated, or with an unparsable date, stays relevant', () => {
    expect(tag(SUMMIT, SUMMIT_BODY, '2021-11-26').relevant).toBe(true);
    expect(tag(SUMMIT, SUMMIT_BODY).relevant).toBe(true);
    expect(tag(SUMMIT, SUMMIT_BODY, 'yesterday').relevant).toBe(true);
  });
  it('the pipeline passes the date through tagWithTopics', () => {
    expect(tagWithTopics([topic], SUMMIT, SUMMIT_BODY, 'en', '2012-01-23').topics[0]!.relevant).toBe(false);
    expect(tagWithTopics([topic], SUMMIT, SUMMIT_BODY, 'en', '2023-05-14').topics[0]!.relevant).toBe(true);
  });
  it('publicationYear reads ISO, RFC 2822 and Date values, 0 otherwise', () => {
    expect(publicationYear('2011-06-24')).toBe(2011);
    expect(publicationYear('2020-11-10T06:20:00+03:00')).toBe(2020);
    expect(publicationYear('Fri, 24 Jun 2011 10:00:00 GMT')).toBe(2011);
    expect(publicationYear(new Date(Date.UTC(2019, 11, 31)))).toBe(2019);
    expect(publicationYear('soon')).toBe(0);
    expect(publicationYear(null)).toBe(0);
    expect(publicationYear(undefined)).toBe(0);
  });
  it('a placeholder date (the Unix epoch a feed writes for a missing date, year 0) counts as unknown', () => {
    expect(publicationYear('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
    expect(publicationYear('1970-01-01T00:00:00Z')).toBe(0);
    expect(publicationYear(new Date(0))).toBe(0);
    expect(publicationYear('0000-00-00')).toBe(0);
    expect(tag(SUMMIT, SUMMIT_BODY, 'Thu, 01 Jan 1970 00:00:00 GMT').relevant).toBe(true);
    expect(tag(SUMMIT, SUMMIT_BODY, '1970-01-01T00:00:00Z').relevant).toBe(true);
  });
});

describe('a mediated truce over Karabakh, neither state named', () => {
  it('Ukrainian: a truce statement on Karabakh signed through Moscow\'s mediation', () => {
    const r = tag(null, 'Заяву про припинення вогню в Карабаху підписано вночі за посередництва Кремля. Російські миротворці вирушають у регіон.', '2020-11-10');
    expect(r.relevant).toBe(true);
  });
  it('Georgian: hostilities in Karabakh stop under a trilateral statement signed with Moscow\'s mediation', () => {
    const r = tag('ყარაბაღში ომი დასრულდა', 'მოსკოვის შუამავლობით ხელმოწერილი სამმხრივი განცხადების თანახმად, ყარაბაღში ბრძოლები შეჩერდა.', '2020-11-10');
    expect(r.relevant).toBe(true);
  });
  it('Italian: a "dichiarazione tripartita" is a truce statement', () => {
    const r = tag(null, 'Karabakh, tacciono le armi: il Cremlino annuncia una dichiarazione tripartita firmata con la mediazione di Putin. Soldati russi verso la regione.', '2020-11-10');
    expect(r.relevant).toBe(true);
    expect(r.signals.terms).toContain('ceasefire statement');
  });
  it('guard: the peacekeepers leaving in 2024 under the November 2020 statement stay out (rule 5)', () => {
    const r = tag('Russian peacekeepers pull out of Karabakh', 'The Russian contingent began leaving Karabakh this week. It had been deployed under the trilateral statement of November 2020, signed with Moscow\'s mediation.', '2024-04-18');
    expect(r.relevant).toBe(false);
  });
  it('guard: a truce between Baku and the Karabakh Armenians mediated by peacekeepers stays out (rule 6)', () => {
    const r = tag(null, 'Karabakh Armenian forces accepted a ceasefire mediated by the Russian peacekeeping command after a day of shelling.', '2023-09-20');
    expect(r.relevant).toBe(false);
  });
  it('guard: a truce in Karabakh without any mediation stays out', () => {
    const r = tag(null, 'A ceasefire was announced in Karabakh on Tuesday night after heavy fighting near Shusha.', '2020-10-10');
    expect(r.relevant).toBe(false);
  });
});

describe('Armenian -ություն nouns in an oblique case', () => {
  it('"համատեղ հայտարարությամբ" and "պայմանավորվածության" are a joint statement and an agreement', () => {
    const r = tag(null, 'Համատեղ հայտարարությամբ ձեռք բերված պայմանավորվածության համաձայն Հայաստանն ու Ադրբեջանը փոխանակեցին գերիներին։');
    expect(r.relevant).toBe(true);
    expect(r.signals.terms).toEqual(expect.arrayContaining(['agreement']));
  });
  it('withArmenianObliques widens only forms ending in -ություն*', () => {
    expect(withArmenianObliques(['բանակցություն*', 'խաղաղության պայմանագիր*', 'peace talks', 'հայտարարություն'])).toEqual(['բանակցությ*', 'խաղաղության պայմանագիր*', 'peace talks', 'հայտարարություն']);
  });
});

describe('officials of reacting states named as in their coverage', () => {
  it('Zakharova by her Cyrillic surname alone, Matthew Miller in Russian script', () => {
    const r = tag('Захарова приветствовала обмен', 'По словам Захаровой, Россия поддерживает договоренность Армении и Азербайджана. Мэттью Миллер назвал обмен важным шагом.', '2023-12-08');
    expect(r.signals.actors).toEqual(expect.arrayContaining(['Maria Zakharova', 'Matthew Miller']));
  });
});

describe('the Minsk Group co-chairs named together are mediators', () => {
  it('German: the group Russia, the US and France had led', () => {
    const r = tag('OSZE beendet die Minsk-Gruppe', 'Die Gruppe, die Russland, die USA und Frankreich jahrzehntelang gemeinsam geführt hatten, ist aufgelöst; Armenien und Aserbaidschan hatten die Auflösung gemeinsam beantragt.', '2025-12-01');
    expect(r.signals.mediators).toEqual(expect.arrayContaining(['OSCE Minsk Group', 'Russia', 'United States', 'France']));
  });
  it('guard: two of the three in a sentence are not enough', () => {
    const r = tag('OSZE beendet die Minsk-Gruppe', 'Russland und Frankreich kommentierten die Auflösung der Gruppe, die Armenien und Aserbaidschan gemeinsam beantragt hatten.', '2025-12-01');
    expect(r.signals.mediators).toContain('OSCE Minsk Group');
    expect(r.signals.mediators).not.toContain('United States');
  });
});
