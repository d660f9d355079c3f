/**
 * Kinds of false and missed place and mediator signals addressed in issue 12 round 13
 * (docs/tagging.md "Round 13 (places13)"): a capital that names a deal ("the Washington
 * accords") names a document, not a location of the story; a capital that names a summit stays a
 * meeting city. Every text is our own.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('a capital that names a deal', () => {
  it('is no place when only the deal carries its name (de, uk, pl)', () => {
    const de = tag('Eriwan lobt Aufhebung der Transitsperre', 'Die Regierung Armeniens nannte die Aufhebung der Transitsperre durch Aserbaidschan einen Schritt zur Umsetzung der Washingtoner Vereinbarungen. Armenien und Aserbaidschan verhandeln weiter über den Friedensvertrag.');
    expect(de.signals.places).not.toContain('Washington');
    const uk = tag('Вірменія та Азербайджан обговорили мирний договір', 'Міністри закордонних справ Вірменії та Азербайджану обговорили мирний договір і виконання вашингтонських домовленостей щодо транзиту.');
    expect(uk.signals.places).not.toContain('Washington');
    const pl = tag('Armenia i Azerbejdżan o traktacie pokojowym', 'Ministrowie spraw zagranicznych Armenii i Azerbejdżanu rozmawiali o traktacie pokojowym i wdrażaniu porozumień waszyngtońskich w sprawie tranzytu.');
    expect(pl.signals.places).not.toContain('Washington');
  });
  it('is no place before a deal noun in a genitive chain (fa, ka)', () => {
    const fa = tag('ارمنستان و آذربایجان درباره معاهده صلح گفتگو کردند', 'وزیران خارجه ارمنستان و آذربایجان درباره معاهده صلح و اجرای توافق‌های واشنگتن گفتگو کردند.');
    expect(fa.signals.places).not.toContain('Washington');
    const ka = tag('სომხეთი და აზერბაიჯანი სამშვიდობო ხელშეკრულებაზე', 'სომხეთისა და აზერბაიჯანის საგარეო საქმეთა მინისტრებმა სამშვიდობო ხელშეკრულება და ვაშინგტონის შეთანხმებების შესრულება განიხილეს.');
    expect(ka.signals.places).not.toContain('Washington');
  });
  it('a city that names a summit or where the deal was signed stays a place (guard)', () => {
    const fr = tag('Arménie et Azerbaïdjan : le traité de paix avance', 'Les ministres des Affaires étrangères de l\'Arménie et de l\'Azerbaïdjan ont parlé du traité de paix et des engagements pris lors du sommet de Washington.');
    expect(fr.signals.places).toContain('Washington');
    const en = tag('Armenia and Azerbaijan discuss the peace treaty', 'The foreign ministers of Armenia and Azerbaijan discussed the peace treaty that their leaders initialled in Washington in August.');
    expect(en.signals.places).toContain('Washington');
  });
});

describe('a third state\'s capital where one side\'s official spoke', () => {
  it('is no host of the deal named before the speech verb (it, uk)', () => {
    const it_ = tag('Armenia e Azerbaigian, cade il divieto di transito', 'Armenia e Azerbaigian proseguono i negoziati di pace. Baku revoca il divieto di transito delle merci verso l\'Armenia, il primo carico sarà grano kazako, ha detto Aliyev ad Astana.');
    expect(it_.signals.mediators).not.toContain('Kazakhstan');
    const uk = tag('Вірменія та Азербайджан: транзит відкрито', 'Вірменія та Азербайджан продовжують мирні переговори. Баку скасував заборону на транзит вантажів до Вірменії, першою партією буде казахстанське зерно, заявив Ільхам Алієв в Астані.');
    expect(uk.signals.mediators).not.toContain('Kazakhstan');
  });
  it('a deal signed there still names its host when no speaker stands between (guard)', () => {
    const en = tag('Armenia and Azerbaijan continue peace talks', 'Armenia and Azerbaijan continued the peace talks. The foreign ministers recalled the border protocol signed in Astana by both delegations.');
    expect(en.signals.mediators).toContain('Kazakhstan');
  });
});

describe('a party\'s capital that a train or a delegation leaves', () => {
  it('is a place of the story, not its government (en, it, ar)', () => {
    const en = tag('Grain for Armenia crosses Azerbaijan', 'Armenia and Azerbaijan agreed on transit under the peace agenda. A freight train with forty wagons of grain left Baku on Monday for the Georgian border.');
    expect(en.signals.places).toContain('Baku');
    const it_ = tag('Grano per l\'Armenia attraverso l\'Azerbaigian', 'Armenia e Azerbaigian hanno concordato il transito. Il treno merci è partito da Baku lunedì e arriverà in Armenia in tre giorni.');
    expect(it_.signals.places).toContain('Baku');
    const ar = tag('قطار حبوب إلى أرمينيا', 'اتفقت أرمينيا وأذربيجان على العبور. غادر قطار الشحن باكو صباح الاثنين متجهاً إلى أرمينيا.');
    expect(ar.signals.places).toContain('Baku');
  });
  it('is a place second in its sentence with a case ending (ka)', () => {
    const ka = tag('სომხეთი და აზერბაიჯანი ტრანზიტზე შეთანხმდნენ', 'სომხეთი და აზერბაიჯანი ტრანზიტზე შეთანხმდნენ. შემადგენლობა ბაქოდან გავიდა და სომხეთისკენ მიემართება.');
    expect(ka.signals.places).toContain('Baku');
  });
  it('a capital opening its sentence as the subject stays its government (guard)', () => {
    const en = tag('Armenia and Azerbaijan peace talks', 'Armenia and Azerbaijan continued the peace talks. Baku left the question of the enclaves open, the foreign ministry said.');
    expect(en.signals.places).not.toContain('Baku');
  });
});

describe('"in <capital>" opening a sentence whose verb names or judges something', () => {
  it('is the government speaking, not a place (de, es, pl, az)', () => {
    const de = tag('Armenien und Aserbaidschan: Transit geöffnet', 'Armenien und Aserbaidschan haben den Transit vereinbart. In Eriwan wertete man die erste Lieferung als Frucht des Friedensprozesses.');
    expect(de.signals.places).not.toContain('Yerevan');
    const es = tag('Armenia y Azerbaiyán abren el tránsito', 'Armenia y Azerbaiyán acordaron el tránsito. En Ereván calificaron el envío de fruto del proceso de paz.');
    expect(es.signals.places).not.toContain('Yerevan');
    const pl = tag('Armenia i Azerbejdżan otwierają tranzyt', 'Armenia i Azerbejdżan uzgodniły tranzyt. W Erywaniu nazwano pierwszy transport owocem procesu pokojowego.');
    expect(pl.signals.places).not.toContain('Yerevan');
    const az = tag('Azərbaycan və Ermənistan tranzit barədə razılaşıb', 'Azərbaycan və Ermənistan tranzit barədə razılaşıb. İrəvanda ilk yükü sülh prosesinin nəticəsi adlandırıblar.');
    expect(az.signals.places).not.toContain('Yerevan');
  });
  it('a capital as the scene of a meeting stays a place (guard)', () => {
    const en = tag('Armenia and Azerbaijan hold border talks', 'In Yerevan the border commissions of Armenia and Azerbaijan met on Monday and called the talks constructive.');
    expect(en.signals.places).toContain('Yerevan');
  });
});
