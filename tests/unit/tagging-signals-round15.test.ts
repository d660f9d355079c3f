/**
 * Signal rules of round 15 (tag15b; issue 12; docs/tagging.md "Round 15 (tag15b)"): datelines
 * (a dash after the city, a date before it on its own line, digits of any script, the city alone
 * on the first line), a third party's city before a headline colon, a dateline as the scene of the
 * next sentence's meeting, thanks in a paragraph naming both parties, mediation verb forms the
 * stems missed, a mediation sentence right after a process sentence, the role of a third party,
 * journeys, Poti, and Persian spellings. Sentences are written for these tests, about other cities
 * and languages than tests/fixtures/tagging/dev-signals15.jsonl where they can be.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string) => explainArticle({ title, text }, topic);

describe("a third party's city before a headline colon is the report's scene", () => {
  it.each([
    ['it', 'Mosca: i vicepremier discutono di ferrovie', 'I vicepremier di Armenia e Azerbaigian hanno discusso la riapertura delle ferrovie con il collega russo Alexei Overchuk.', 'Moscow'],
    ['tr', 'Brüksel: Aliyev ve Paşinyan yeniden bir araya geldi', 'Azerbaycan Cumhurbaşkanı ve Ermenistan Başbakanı barış anlaşması taslağını Charles Michel ile görüştü.', 'Brussels'],
  ])('%s', (_lang, title, text, place) => {
    expect(tag(title, text).signals.places).toContain(place);
  });

  it("a party's capital there is its government speaking", () => {
    const r = tag('Ереван: конституция не предмет переговоров с Баку', 'МИД Армении ответил Азербайджану, что изменение конституции не может быть условием мирного договора.');
    expect(r.signals.places).not.toContain('Yerevan');
  });
});

describe('datelines', () => {
  it.each([
    ['pl, a dash after the city', '', 'Moskwa — Wicepremierzy Armenii i Azerbejdżanu omówili z rosyjskim kolegą otwarcie linii kolejowych.', 'Moscow'],
    ['ar, a speech verb after the dash', '', 'بروكسل — قال رئيس المجلس الأوروبي إن أرمينيا وأذربيجان اتفقتا على مواصلة محادثات معاهدة السلام.', 'Brussels'],
    ['de, a date before the city', '', '14. Mai 2023, Brüssel\n\nAlijew und Paschinjan trafen sich erneut mit Ratspräsident Michel zu Gesprächen über den Friedensvertrag.', 'Brussels'],
    ['fa, Persian digits', '', 'بروکسل ۲۳ مه ۲۰۲۲\n\nعلی‌اف و پاشینیان در دیدار با شارل میشل درباره پیمان صلح گفت‌وگو کردند.', 'Brussels'],
    ['ru, the city alone on the first line', '', 'Брюссель\n\nАлиев и Пашинян обсудили с Шарлем Мишелем текст мирного договора.', 'Brussels'],
  ])('%s', (_case, title, text, place) => {
    expect(tag(title, text).signals.places).toContain(place);
  });

  it('a dateline on its own line hosts the meeting told after it', () => {
    const r = tag('', '19. Mai 2023, Moskau\n\nDie Außenminister Armeniens und Aserbaidschans trafen sich zu Gesprächen über den Friedensvertrag.');
    expect(r.signals.mediators).toContain('Russia');
  });

  it('but not one side speaking after it', () => {
    const r = tag('', 'Astana\n\nAliyev said cargo bound for Armenia can now cross Azerbaijan, a dividend of the peace process.');
    expect(r.signals.places).toContain('Astana');
    expect(r.signals.mediators).not.toContain('Kazakhstan');
  });

  it('a colon after a capital opening the body is no dateline', () => {
    const r = tag('', 'Bakı: Ermənistan konstitusiyanı dəyişməsə, sülh sazişi imzalanmayacaq.');
    expect(r.signals.places).not.toContain('Baku');
  });

  it('a weather line with Persian digits names no place', () => {
    const r = tag('', 'باکو ۱۲°C، آفتابی\n\nمقامات ارمنستان گفتند متن پیمان صلح با جمهوری آذربایجان نهایی شده است.');
    expect(r.signals.places).not.toContain('Baku');
  });
});

describe('a city named with a meeting, then a person speaking', () => {
  it('fr, a city of no state entry', () => {
    const r = tag('Nouvelle rencontre', "Après la réunion de Chisinau, Charles Michel a annoncé que l'Arménie et l'Azerbaïdjan poursuivraient les négociations sur le traité de paix.");
    expect(r.signals.places).toContain('Chisinau');
  });

  it('es', () => {
    const r = tag('Nueva reunión de los viceprimeros ministros', 'Tras la reunión de Moscú, Overchuk dijo que los viceprimeros ministros de Armenia y Azerbaiyán avanzaron en el desbloqueo de las comunicaciones.');
    expect(r.signals.places).toContain('Moscow');
  });
});

describe('mediators', () => {
  it('thanks in a passive sentence of a paragraph after one naming both parties (tr)', () => {
    const r = tag('Esir takası tamamlandı', 'Azerbaycan, Ermenistan\'a 10 askeri teslim etti; Ermenistan da iki Azerbaycanlı askeri iade etti.\n\nSüreçteki katkıları için ABD Dışişleri Bakanı Antony Blinken\'e teşekkür edildi.');
    expect(r.signals.mediators).toContain('United States');
  });

  it('not the minister who thanks and speaks', () => {
    const r = tag('Paris begrüßt Einigung', 'Armenien und Aserbaidschan haben sich auf den Text des Friedensvertrags geeinigt.\n\nFrankreichs Außenminister Jean-Noël Barrot sprach von einem guten Tag und dankte den USA.');
    expect(r.signals.mediators).not.toContain('France');
  });

  it.each([
    ['de', 'Gefangenenaustausch an der Grenze', 'Aserbaidschan hat zehn armenische Soldaten an Armenien übergeben. Die Europäische Union hatte die Übergabe vermittelt.', 'European Union'],
    ['es', 'Canje de prisioneros', 'Azerbaiyán entregó diez soldados armenios a Armenia a cambio de dos militares azerbaiyanos. Estados Unidos medió en el canje.', 'United States'],
    ['pl', 'Wymiana jeńców', 'Azerbejdżan przekazał Armenii dziesięciu żołnierzy w zamian za dwóch swoich. Wymianę ułatwiła Unia Europejska.', 'European Union'],
  ])('a mediation verb in the sentence after the step (%s)', (_lang, title, text, mediator) => {
    expect(tag(title, text).signals.mediators).toContain(mediator);
  });

  it('a third party at the table in a sentence with a background word (de)', () => {
    const r = tag('Einigung auf Transitgrundsätze', 'Nach dem Abendessen mit Alijew und Paschinjan sagte Ratspräsident Charles Michel, beide hätten sich auf Grundsätze des Transits geeinigt.');
    expect(r.signals.mediators).toContain('European Union');
  });

  it('an official at the table after a mediation word starts a list (es)', () => {
    const r = tag('Reunión en Bruselas', 'El presidente del Consejo Europeo reunió al presidente azerbaiyano y al primer ministro armenio en presencia del jefe del Estado francés y del canciller federal alemán para hablar del tratado de paz.');
    expect(r.signals.mediators).toEqual(expect.arrayContaining(['France', 'Germany']));
  });

  it('a third party\'s official at a meeting of both parties named as states (it)', () => {
    const r = tag('Nuovo round', 'Armenia e Azerbaigian hanno incontrato a Ginevra il ministro degli Esteri russo Sergej Lavrov per discutere il trattato di pace.');
    expect(r.signals.mediators).toContain('Russia');
  });

  it('the role of a third party (fr)', () => {
    const r = tag('Le Maroc salue la paix', "Le Maroc a salué l'accord de paix entre l'Arménie et l'Azerbaïdjan et le rôle de Washington dans sa conclusion.");
    expect(r.signals.mediators).toContain('United States');
  });

  it('Macron in Persian spelling (fa)', () => {
    const r = tag('دیدار در پراگ', 'علی‌اف و پاشینیان با حضور مکرون و شارل میشل درباره مرز و پیمان صلح گفت‌وگو کردند.');
    expect(r.signals.actors).toContain('Emmanuel Macron');
    expect(r.signals.mediators).toContain('France');
  });
});

describe('places the lexicon or the journey words missed', () => {
  it.each([
    ['fr, Poti', 'Transit vers l\'Arménie', "Le premier convoi de blé arrivera au port de Poti avant de traverser la Géorgie vers l'Arménie, selon Bakou et Erevan.", 'Poti'],
    ['de, Idschewan', 'Grenzkommissionen tagen', 'Die Grenzkommissionen Armeniens und Aserbaidschans wollen die Arbeiten südlich von Idschewan fortsetzen.', 'Ijevan'],
    ['uk, вирушить до', 'Спецпредставник ЄС у регіоні', 'Спецпредставник ЄС обговорив в Баку мирний договір з Вірменією і в четвер вирушить до Єревана.', 'Yerevan'],
    ['pl, uda się do', 'Wysłannik USA w regionie', 'Wysłannik USA rozmawiał w Erywaniu o traktacie pokojowym z Azerbejdżanem, a w środę uda się do Baku.', 'Baku'],
    ['fr, Sotchi', 'Sommet trilatéral', 'Poutine a reçu Aliev et Pachinian à Sotchi pour parler de la délimitation de la frontière.', 'Sochi'],
    ['tr, Kopenhag', 'AB zirvesi', "Aliyev ve Paşinyan, Kopenhag'daki Avrupa Siyasi Topluluğu zirvesinde barış sürecini görüştü.", 'Copenhagen'],
    ['tr, -daydı', 'ABD temsilcisi bölgede', "ABD temsilcisi dün Erivan'daydı; bugün Bakü'de Azerbaycan ile Ermenistan arasındaki barış anlaşmasını görüşüyor.", 'Yerevan'],
  ])('%s', (_case, title, text, place) => {
    expect(tag(title, text).signals.places).toContain(place);
  });
});

describe('a city that names a club', () => {
  it('FC Copenhagen in a match report is no place (pl)', () => {
    const r = tag('Karabach lepszy od Kopenhagi', 'Azerski klub Karabach Agdam wygrał w Lidze Mistrzów z FC Kopenhaga 2:1 po golach w końcówce meczu.');
    expect(r.signals.places).not.toContain('Copenhagen');
  });
});
