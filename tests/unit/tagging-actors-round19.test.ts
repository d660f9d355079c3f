/**
 * Round 19 (tagact19; issue 12; docs/tagging.md "Round 19 (tagact19)"): actors and mediators on
 * the kinds real coverage showed — officials named in Armenian and Georgian script, Armenian names
 * in Russian and Ukrainian text, a second name after "and", bylines, a welcoming official who is
 * no mediator, a truce "negotiated by", the 1991 Almaty Declaration as no venue. Sentences and
 * persons are written for these tests (the persons are invented).
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';
import { armenianNominative, georgianSurname, romanizeHy, romanizeKa } from '../../src/tagging/names-script.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string, language: string) => explainArticle({ title, text, language }, topic).signals;
const actors = (text: string, language: string) => tag('', text, language).actors;

describe('officials named in Armenian script, romanised', () => {
  it.each([
    ['ԱԳՆ խոսնակ Արմինե Պետրոսյանը հայտարարել է, որ խաղաղության պայմանագիրը պատրաստ է։', 'Armine Petrosyan'],
    ['Ադրբեջանի նախագահը հանդիպել է դեսպան Գագիկ Մելքոնյանի հետ։', 'Gagik Melkonyan'],
    ['Նիստը վարում էր դատավոր Ռաշիդ Մամեդալիևը։', 'Rashid Mamedaliyev'],
    ['Բաքվում դատարանը շարունակեց Գառնիկ Թադևոսյանի գործի քննությունը։', 'Garnik Tadevosyan'],
  ])('%s', (text, name) => {
    expect(actors(text, 'hy')).toContain(name);
  });

  it('a name written by ear (no surname ending that romanises) and a sentence-initial word name nobody', () => {
    expect(actors('Պետքարտուղարի տեղակալ Ջեյմս Օբրայեն ժամանել է Երևան։', 'hy')).toEqual([]);
    expect(actors('Ըստ Պողոսյանի, բանակցությունները կշարունակվեն։', 'hy')).toEqual([]);
  });

  it('romanisation: initial ե and ո, ու, և after a vowel; the declined surname', () => {
    expect(['Երվանդ', 'Ոսկան', 'Շուշան', 'Աղաև', 'Մեդվեդև'].map((w) => romanizeHy(w))).toEqual(['Yervand', 'Voskan', 'Shushan', 'Aghayev', 'Medvedev']);
    expect(['Պետրոսյանը', 'Մելքոնյանի', 'Գուլիևան', 'Բոնոն'].map((w) => armenianNominative(w))).toEqual(['Պետրոսյան', 'Մելքոնյան', 'Գուլիևա', null]);
  });
});

describe('officials named in Georgian script, romanised', () => {
  it('a title in the ergative, then the name', () => {
    expect(actors('საქართველოს პარლამენტის თავმჯდომარემ გიორგი ბერიძემ სომხეთისა და აზერბაიჯანის შეთანხმებას მიესალმა.', 'ka')).toContain('Giorgi Beridze');
  });

  it('a list: title, comma, name, and a second name after და; an Armenian -იანი surname as -yan', () => {
    const found = actors('სასამართლომ გაამართლა ყოფილი მინისტრები, ლევან ცინცაძე და ნიკა ჯაფარიძე. სომხეთის ელჩმა არმენ ბაღდასარიანმა განცხადება გააკეთა.', 'ka');
    expect(found).toEqual(expect.arrayContaining(['Levan Tsintsadze', 'Nika Japaridze', 'Armen Baghdasaryan']));
  });

  it('an Armenian name in its Russian-derived Georgian spelling takes the English form', () => {
    expect(actors('სასამართლოში იყვნენ ყოფილი „პრეზიდენტები“ – არმენ სააკიანი და გაგიკ პოღოსიანი.', 'ka')).toEqual(expect.arrayContaining(['Armen Sahakyan', 'Gagik Poghosyan']));
  });

  it('words after a title that end like no surname name nobody', () => {
    expect(actors('მინისტრმა დღეს განაცხადა, რომ მოლაპარაკებები გაგრძელდება.', 'ka')).toEqual([]);
    expect([georgianSurname('ბერიძემ'), georgianSurname('ცინცაძეს'), georgianSurname('დელეგაცია'), romanizeKa('ჯაფარიძე')]).toEqual(['ბერიძე', 'ცინცაძე', null, 'Japaridze']);
  });
});

describe('Armenian names in Russian and Ukrainian text', () => {
  it('the h the Cyrillic spelling drops is restored', () => {
    expect(actors('Посол Армении Акоп Айрапетян заявил, что договор с Азербайджаном почти готов.', 'ru')).toContain('Hakob Hayrapetyan');
  });

  it('Ukrainian text: an Armenian surname takes the English form, not the Ukrainian reading', () => {
    expect(actors('Посол Вірменії Гурген Карапетян обговорив мирний договір з Азербайджаном.', 'uk')).toContain('Gurgen Karapetyan');
  });

  it('a quoted party name between the title and the name; a quoted company is no person', () => {
    expect(actors('Глава фракции «Светлая Армения» Эдгар Мкртчян раскритиковал переговоры с Азербайджаном.', 'ru')).toContain('Edgar Mkrtchyan');
    expect(actors('Глава компании «Северный Поток» сообщил о поставках газа в Армению.', 'ru')).toEqual([]);
  });
});

describe('Latin script: a second name after "and", plural titles, bylines', () => {
  it('Judges X Y and Z W', () => {
    expect(actors('The Baku court, with Judges Samir Guliyev and Elnur Rustamli, heard the case of the Armenian detainees.', 'en')).toEqual(expect.arrayContaining(['Samir Guliyev', 'Elnur Rustamli']));
  });

  it('a comma list closed by "and" after a title', () => {
    expect(actors('The opposition lawmakers Davit Hakobyan, Lilit Sargsyan and Tigran Avagyan left the hall during the debate on the peace treaty with Azerbaijan.', 'en')).toEqual(expect.arrayContaining(['Davit Hakobyan', 'Lilit Sargsyan', 'Tigran Avagyan']));
  });

  it('fr: "Par" on its own line', () => {
    expect(actors("L'Arménie et l'Azerbaïdjan ont repris les négociations.\n\nPar Camille Vernet", 'fr')).toContain('Camille Vernet');
  });

  it('a byline on its own line names its author; a desk names nobody', () => {
    expect(actors('Armenia and Azerbaijan resumed talks on the peace treaty.\n\nBy Lucy Fenwick', 'en')).toContain('Lucy Fenwick');
    expect(actors('Armenia and Azerbaijan resumed talks on the peace treaty.\n\nBy Staff Reporter', 'en')).toEqual([]);
  });

  it('a namesake of a known actor after a title is another person; the actor under another spelling of the first name is not', () => {
    const found = actors('At the Baku court, Prosecutor Vusal Aliyev asked for a longer sentence for the Armenian detainees.', 'en');
    expect(found).toContain('Vusal Aliyev');
    expect(found).not.toContain('Ilham Aliyev');
    expect(actors('Dışişleri Bakanı Ceyhun Bayramov, Ermenistan ile barış anlaşmasını değerlendirdi.', 'tr')).toContain('Jeyhun Bayramov');
  });

  it('pl: the feminine spokesperson', () => {
    expect(actors('Rzeczniczka Ewa Kowalczyk powiedziała, że Armenia i Azerbejdżan są blisko porozumienia.', 'pl')).toContain('Ewa Kowalczyk');
  });
});

describe('mediators', () => {
  it('an official who welcomes the meeting of the two is no mediator', () => {
    const s = tag('', 'US Secretary of State Blinken welcomed the meeting of Armenian Foreign Minister Mirzoyan and Azerbaijani Foreign Minister Bayramov on the peace treaty. The two ministers agreed to meet again.', 'en');
    expect(s.mediators).not.toContain('United States');
  });

  it('fr: a truce negotiated by a third state names its mediator', () => {
    const s = tag('Erevan et Bakou reprennent les pourparlers', "Les ministres des Affaires étrangères d'Arménie et d'Azerbaïdjan ont repris les négociations sur le traité de paix. Une trêve négociée par les États-Unis a mis fin aux combats entre les deux pays.", 'fr');
    expect(s.mediators).toContain('United States');
  });

  it('fr: the 1991 Almaty Declaration is no venue', () => {
    const s = tag('Traité de paix', "Pachinian a déclaré que l'Arménie et l'Azerbaïdjan pourraient signer le traité de paix si les frontières sont tracées sur la base de la Déclaration d'Almaty de 1991.", 'fr');
    expect(s.mediators).not.toContain('Kazakhstan');
    expect(s.places).not.toContain('Almaty');
  });
});
