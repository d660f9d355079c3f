/**
 * Relevance kinds missed on real text (issue 12, round 20, helper tagrel20; docs/tagging.md
 * "Round 20 (tagrel20)"): a third state's offer to help the dialogue, demarcation on the ground
 * (border pillars in singular and case forms, expert groups, coordinates, Soviet maps), the Polish
 * truce, and "the two countries" after another pair. Every text is our own wording.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (text: string) => tagArticle({ title: null, text }, topic);

describe('a third state offers to help the dialogue (topic term `facilitation offer`)', () => {
  it('Azerbaijani: ready to help the dialogue between Armenia and Azerbaijan', () => {
    expect(tag('Qazaxıstan Ermənistanla Azərbaycan arasında dialoqa kömək etməyə hazırdır, bunu bazar ertəsi Tokayev deyib.\n\nOnun sözlərinə görə, bu, bütün regionda sabitlik üçün vacibdir.').relevant).toBe(true);
  });
  it('Georgian: ready to contribute to the dialogue', () => {
    expect(tag('ყაზახეთი მზადაა ხელი შეუწყოს სომხეთსა და აზერბაიჯანს შორის დიალოგს, განაცხადა ორშაბათს ტოკაევმა.\n\nმისი თქმით, ეს მთელი რეგიონის სტაბილურობისთვის მნიშვნელოვანია.').relevant).toBe(true);
  });
  it('guard: the same offer to another pair, the parties in passing', () => {
    expect(tag('Kazakhstan stands ready to help the dialogue between Kyrgyzstan and Tajikistan on their common border, Tokayev said in Astana.\n\nHe also praised freight growth on the Middle Corridor, which runs through Azerbaijan, and said Armenia had joined a regional water forum.').relevant).toBe(false);
  });
});

describe('demarcation on the ground (delimitation forms, expert groups, coordinates, Soviet maps)', () => {
  it('Georgian: a border pillar installed, expert groups clarify coordinates', () => {
    expect(tag('სომხეთისა და აზერბაიჯანის საზღვარზე კიდევ ხუთი სასაზღვრო სვეტი დამონტაჟდა.\n\nორი ქვეყნის ექსპერტთა ჯგუფები მუშაობას კოორდინატების დაზუსტებით განაგრძობენ.').relevant).toBe(true);
  });
  it('Azerbaijani: a border pillar (dirəyi) installed', () => {
    expect(tag('Azərbaycanla Ermənistan arasında sərhəddə daha beş sərhəd dirəyi quraşdırılıb.\n\nİki ölkənin ekspert qrupları koordinatların dəqiqləşdirilməsi üzrə işləri davam etdirir.').relevant).toBe(true);
  });
  it('Polish: a border pillar, expert groups and geodetic measurements', () => {
    expect(tag('Na granicy Armenii i Azerbejdżanu stanął kolejny słup graniczny.\n\nGrupy eksperckie obu krajów kontynuują pomiary geodezyjne.').relevant).toBe(true);
  });
  it('guard: another pair\'s pillars and "the two countries" after it (weak.ts otherPairBefore)', () => {
    expect(tag('Kyrgyzstan and Tajikistan placed ten more border pillars, Bishkek said.\n\nExpert groups of the two countries are checking Soviet maps.\n\nArmenia and Azerbaijan also began delimitation earlier, but their commissions are not involved.').relevant).toBe(false);
  });
});

describe('Polish: the truce and the Azeris', () => {
  it('"porozumienie o przerwaniu ognia" once Shusha is in the Azeris\' hands', () => {
    expect(tag('Gdy Szusza znalazła się w rękach Azerów, premier Paszynian podpisał porozumienie o przerwaniu ognia.\n\nPrezydent kraju dowiedział się o tym z mediów.').relevant).toBe(true);
  });
});
