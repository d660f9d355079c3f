/**
 * Places and countries on real coverage (round 19, tagsig19; issue 12; docs/tagging.md "Round 19
 * (tagsig19)"): the border's towns and exclaves; a list of other conflicts named as comparison; a
 * locative suffix that belongs to the name ("Thaïlande", Polish "Rwandą"); a header line of numbers
 * and cities; a capital named by its offices, its rank or its centre; the Arabic preposition bi-
 * written onto a city; clubs named by city; an agency
 * named by a state. Each kind has its guard. Sentences are written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (text: string, language: string, title = '') => explainArticle({ title, text, language }, topic).signals;

describe('towns and villages of the border and Karabakh', () => {
  it('en/ru/az/pl: strikes on Syunik towns, the exclaves, the Lachin road village', () => {
    expect(tag('Shells fell on Kapan and Sisian overnight, and residents of Hadrut fled in 2020, Armenian officials recalled.', 'en').places).toEqual(expect.arrayContaining(['Kapan', 'Sisian', 'Hadrut']));
    expect(tag('Азербайджан требует вернуть Арцвашен? Нет: Баку говорит о сёлах Юхары Аскипара и Бархударлы.', 'ru').places).toEqual(expect.arrayContaining(['Artsvashen', 'Yukhari Askipara', 'Barkhudarly']));
    expect(tag('Kərki kəndi və Sədərək rayonu haqqında danışıqlar aparılıb.', 'az').places).toEqual(expect.arrayContaining(['Tigranashen', 'Sadarak']));
    expect(tag('Ostrzał objął miejscowości Wardenis, Artanisz i Iszchanasar.', 'pl').places).toEqual(expect.arrayContaining(['Vardenis', 'Artanish', 'Ishkhanasar']));
  });

  it('hy: "նոյեմբերյան" (of November) is no Noyemberyan; the capitalised town still is', () => {
    expect(tag('Փոխվարչապետների նոյեմբերյան հանդիպման արդյունքում բեռնափոխադրումները վերսկսվել են։', 'hy').places).not.toContain('Noyemberyan');
    expect(tag('Նոյեմբերյանում բնակիչները հավաքվել են սահմանազատման դեմ։', 'hy').places).toContain('Noyemberyan');
  });
});

describe('states of a list of other conflicts', () => {
  it('pl/ru: the pairs Trump says he ended are comparison in a story about the talks', () => {
    const pl = tag('Armenia i Azerbejdżan podpisały w Waszyngtonie deklarację pokojową. Trump chwalił się, że zakończył spory między Indiami a Pakistanem, Tajlandią a Kambodżą oraz Serbią a Kosowem.', 'pl');
    for (const state of ['India', 'Pakistan', 'Thailand', 'Cambodia', 'Serbia', 'Kosovo']) expect(pl.countries).not.toContain(state);
    expect(pl.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    const ru = tag('Армения и Азербайджан парафировали мирный договор. Трамп напомнил, что примирил Египет и Эфиопию, Руанду и Конго.', 'ru');
    for (const state of ['Egypt', 'Ethiopia', 'Rwanda']) expect(ru.countries).not.toContain(state);
  });

  it('guards: a plain list of welcoming states, and another dyad\'s own story, keep their states', () => {
    expect(tag('Italy, Spain, Poland and Greece welcomed the peace treaty between Armenia and Azerbaijan.', 'en').countries).toEqual(expect.arrayContaining(['Italy', 'Spain', 'Poland', 'Greece']));
    expect(tag('Tailandia y Camboya firmaron una tregua, con el apoyo de Japón y China y de Corea y Vietnam.', 'es').countries).toEqual(expect.arrayContaining(['Thailand', 'Cambodia']));
  });
});

describe('a locative suffix that is part of the name', () => {
  it('fr/pl: "la Thaïlande", "Rwandą" are no scene; tr/az "Bakuda", "Kremldə" still are', () => {
    const fr = tag("L'Arménie et l'Azerbaïdjan ont signé la paix ; Trump évoque aussi la fin du conflit entre la Thaïlande et le Cambodge, et entre l'Égypte et l'Éthiopie.", 'fr');
    expect(fr.countries).not.toContain('Thailand');
    expect(tag('Armenia i Azerbejdżan podpisały pokój w Waszyngtonie.\n\nW tym samym tygodniu amerykańscy inwestorzy interesowali się Rwandą i kobaltem.', 'pl').countries).not.toContain('Rwanda');
    expect(tag('Əliyev və Paşinyan Kremldə görüşüb, sülh danışıqlarını müzakirə ediblər.', 'az').places).toContain('Moscow');
  });
});

describe('boilerplate lines', () => {
  it('uk/en: a header line of temperatures or clocks and cities names no place', () => {
    const uk = tag('+3° Київ -1° Варшава +5° Вашингтон\n\nПашинян заявив, що мирний договір з Азербайджаном можна підписати до кінця року; у Празі сторони домовилися про кордони.', 'uk');
    expect(uk.places).not.toContain('Kyiv');
    expect(uk.places).not.toContain('Washington');
    expect(uk.places).toContain('Prague');
    expect(tag('Yerevan 10:15 Moscow 09:15 Paris 07:15\n\nThe border commissions of Armenia and Azerbaijan met in Brussels.', 'en').places).not.toContain('Paris');
  });
});

describe('a capital by its offices, its rank, its centre; Arabic bi-', () => {
  it('es/ar/pl: mayoral elections of Yerevan, "in the capital Yerevan", "in the centre of Yerevan"', () => {
    expect(tag('Pashinián votó en las elecciones a la alcaldía de Ereván y habló del tratado de paz con Azerbaiyán.', 'es').places).toContain('Yerevan');
    expect(tag('وقال باشينيان في العاصمة يريفان إن معاهدة السلام مع أذربيجان جاهزة.', 'ar').places).toContain('Yerevan');
    expect(tag('W centrum Erywania protestowano przeciw delimitacji granicy z Azerbejdżanem.', 'pl').places).toContain('Yerevan');
  });

  it('ar: "بواشنطن" is in Washington; "وباكو" (and Baku) as the government is no place', () => {
    expect(tag('وقع ترامب بواشنطن إعلان السلام بين أرمينيا وأذربيجان.', 'ar').places).toContain('Washington');
    expect(tag('أعلنت يريفان وباكو توصلهما إلى تفاهم على لائحة عمل لجنتي ترسيم الحدود.', 'ar').places).not.toContain('Baku');
  });
});

describe('names of clubs and agencies', () => {
  it('es: a club named by its city in a match report is no place', () => {
    expect(tag('El Villarreal perdió 1-2 y ahora espera el duelo entre Barcelona y Sevilla; un gol de penalti decidió el partido de LaLiga.', 'es').places).not.toContain('Barcelona');
  });

  it('fa: Agence France-Presse is no French participation', () => {
    expect(tag('پاشینیان در گفتگو با خبرگزاری فرانسه گفت که توافق صلح با جمهوری آذربایجان نزدیک است.', 'fa').countries).not.toContain('France');
  });
});

describe('a conflict region named as its war', () => {
  it('it/tr: villages taken "during the first Karabakh war" name no Karabakh; "the war in Karabakh" does', () => {
    expect(tag("L'Armenia restituirà all'Azerbaigian quattro villaggi occupati durante la prima guerra del Karabakh, secondo l'accordo delle commissioni.", 'it').places).not.toContain('Karabakh');
    expect(tag('Ermenistan, 1. Karabağ Savaşı sırasında aldığı dört köyü Azerbaycan’a iade edecek; sınır komisyonları anlaştı.', 'tr').places).not.toContain('Karabakh');
    expect(tag('After the war in Karabakh, Armenia and Azerbaijan resumed peace talks.', 'en').places).toContain('Karabakh');
  });
});

describe('a capital receiving or consenting as its government', () => {
  it('en/fr: "concessions to Baku", "le transfert ... à Bakou" name no place; a journey "to Baku" does', () => {
    expect(tag('Opposition deputies condemned the government for its concessions to Baku on the border villages.', 'en').places).not.toContain('Baku');
    expect(tag("Erevan a exclu le transfert de toute partie de son territoire souverain à Bakou dans le cadre de la délimitation avec l'Azerbaïdjan.", 'fr').places).not.toContain('Baku');
    expect(tag('Pashinyan flew to Baku for the peace talks with Aliyev.', 'en').places).toContain('Baku');
  });
});

describe('Turkish and Azerbaijani "the city of X" after the name', () => {
  it('tr/az: "Viyana kentinde", "Brüksel şəhərində", "Maryland eyaletindeki" are the scene', () => {
    expect(tag('Aliyev ve Paşinyan Viyana kentinde barış görüşmesi yaptı.', 'tr').places).toContain('Vienna');
    expect(tag('Əliyev və Paşinyan Brüssel şəhərində sülh danışıqları aparıb.', 'az').places).toContain('Brussels');
    expect(tag('Aliyev, Maryland eyaletindeki üste karşılandı ve barış zirvesi için Washington’a geçti; Ermenistan da katıldı.', 'tr').places).toContain('Maryland');
  });
});
