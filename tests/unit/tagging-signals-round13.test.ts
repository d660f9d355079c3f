/**
 * Kinds of false and missed signals addressed in issue 12 round 13 (docs/tagging.md "Round 13
 * (tagsig13)"): a third state crossed by a route is no host or mediator (cue `transit`), a
 * building named as the scene of a signing is no state taking part (its city is a place, its
 * state a mediator), and the parliaments' foreign-relations chairs and third states' foreign
 * ministers who speak on the documents (lexicon actors). Every text is our own.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('a third state crossed by a route', () => {
  it('is no mediator of the talks when the title names the route (en)', () => {
    const r = tag('First Kazakh fuel reaches Armenia via Georgia', 'The fuel train crossed Azerbaijan and Georgia into Armenia. Ilham Aliyev announced in Astana last month that transit curbs on Armenia would be lifted after the peace talks of Armenia and Azerbaijan.');
    expect(r.signals.mediators).not.toContain('Georgia');
  });
  it('is no mediator after a postposition or in an Arabic route (tr, ar)', () => {
    const tr = tag('Ermenistan ve Azerbaycan barış gündeminde transit', 'Ermenistan ve Azerbaycan dışişleri bakanları barış antlaşması müzakerelerini sürdürdü. Kazak buğdayı Gürcistan üzerinden Ermenistan\'a ulaştı.');
    expect(tr.signals.mediators).not.toContain('Georgia');
    const ar = tag('أرمينيا وأذربيجان: أول شحنة عبر الحدود', 'اتفقت أرمينيا وأذربيجان في محادثات السلام على فتح العبور. ووصل القمح الكازاخستاني إلى أرمينيا عبر جورجيا.');
    expect(ar.signals.mediators).not.toContain('Georgia');
  });
  it('a state that mediates stays a mediator next to "through" (guard)', () => {
    const r = tag('Armenia and Azerbaijan agree on a border commission', 'Armenia and Azerbaijan agreed on the border commission\'s rules through the mediation of the United States, the foreign ministers said.');
    expect(r.signals.mediators).toContain('United States');
  });
});

describe('a building as the scene of a signing', () => {
  it('names no state taking part, but its city and its state as a mediator (en, ru)', () => {
    const en = tag('Rome welcomes the peace steps', 'Italian Foreign Minister Antonio Tajani welcomed the joint declaration that the leaders of Armenia and Azerbaijan signed at the White House, calling it a new page for the South Caucasus.');
    expect(en.signals.countries).not.toContain('United States');
    expect(en.signals.places).toContain('Washington');
    expect(en.signals.mediators).toContain('United States');
    const ru = tag('Мадрид приветствовал декларацию', 'Глава МИД Испании Хосе Мануэль Альбарес назвал декларацию, подписанную лидерами Армении и Азербайджана в Белом доме, шагом к миру.');
    expect(ru.signals.countries).not.toContain('United States');
  });
  it('the building speaking still names its state (guard)', () => {
    const r = tag('Washington on the Armenia-Azerbaijan talks', 'The White House said on Monday that Armenia and Azerbaijan were close to a peace treaty and that talks would resume.');
    expect(r.signals.countries).toContain('United States');
  });
});

describe('chairs of the parliaments\' foreign-relations committees and third states\' foreign ministers', () => {
  it('are actors in inflected and local spellings (ru, pl, az)', () => {
    const ru = tag('', 'Саргис Хандинян предложил Самеду Сеидову обсудить ратификацию мирного договора Армении и Азербайджана.');
    expect(ru.signals.actors).toEqual(expect.arrayContaining(['Sargis Khandanyan', 'Samad Seyidov']));
    const pl = tag('', 'Sargis Chandanian zaprosił Samada Sejidowa na rozmowę o traktacie pokojowym Armenii i Azerbejdżanu.');
    expect(pl.signals.actors).toEqual(expect.arrayContaining(['Sargis Khandanyan', 'Samad Seyidov']));
    const az = tag('', 'Səməd Seyidov Xandanyanın Ermənistan ilə sülh sazişi barədə təklifini şərh edib.');
    expect(az.signals.actors).toEqual(expect.arrayContaining(['Sargis Khandanyan', 'Samad Seyidov']));
  });
  it('a foreign minister names his state as taking part (de, es)', () => {
    const de = tag('', 'Wadephul nannte die Paraphierung des Friedensabkommens zwischen Armenien und Aserbaidschan einen historischen Schritt.');
    expect(de.signals.actors).toContain('Johann Wadephul');
    expect(de.signals.countries).toContain('Germany');
    const es = tag('', 'Albares celebró el acuerdo de paz entre Armenia y Azerbaiyán rubricado en agosto.');
    expect(es.signals.actors).toContain('José Manuel Albares');
    expect(es.signals.countries).toContain('Spain');
  });
});

describe('known actors in the spellings of more languages, and figures of hard negatives', () => {
  it('the Russian deputy prime minister in Arabic, Persian and Polish spellings', () => {
    for (const text of ['ترأس نائب رئيس الوزراء الروسي أليكسي أوفرتشوك اجتماع مجموعة العمل الثلاثية مع نظيريه الأرميني والأذربيجاني.',
      'الکسی اورچوک معاون نخست‌وزیر روسیه نشست گروه کاری سه‌جانبه را با همتایان ارمنی و آذربایجانی برگزار کرد.',
      'Wicepremier Rosji Aleksiej Owerczuk poprowadził posiedzenie grupy roboczej z udziałem Armenii i Azerbejdżanu.']) {
      expect(tag('', text).signals.actors).toContain('Alexei Overchuk');
    }
  });
  it('chess players are actors but name no state taking part', () => {
    const r = tag('Chess: Aronian and Carlsen share the lead', 'Levon Aronian drew with Magnus Carlsen in round six; Fabiano Caruana is half a point behind.');
    expect(r.signals.actors).toEqual(expect.arrayContaining(['Levon Aronian', 'Magnus Carlsen', 'Fabiano Caruana']));
    expect(r.signals.countries).toEqual([]);
  });
});

describe('a meeting on the sidelines of another event', () => {
  it('the city of that event hosts it, not the parties\' round (en, de, tr)', () => {
    for (const [title, text] of [
      ['', 'On the sidelines of the CIS summit in Moscow, Ilham Aliyev and Nikol Pashinyan discussed the peace treaty for half an hour.'],
      ['', 'Am Rande des GUS-Gipfels in Moskau sprachen Alijew und Paschinjan über den Friedensvertrag.'],
      ['', 'BDT\'nin Moskova\'daki zirvesinin marjında Aliyev ile Paşinyan barış antlaşmasını görüştü.'],
    ]) {
      const r = tag(title!, text!);
      expect(r.signals.mediators).not.toContain('Russia');
      expect(r.signals.countries).not.toContain('Russia');
    }
  });
  it('a round held in the city without such a word keeps its host (guard)', () => {
    const r = tag('Aliyev and Pashinyan meet in Moscow', 'Ilham Aliyev and Nikol Pashinyan held talks on the peace treaty in Moscow, hosted by Vladimir Putin.');
    expect(r.signals.mediators).toContain('Russia');
  });
});

describe('a third state\'s stance in a title', () => {
  it('welcoming or supporting the talks is no mediation (de, en)', () => {
    const de = tag('Wadephul begrüßt Erklärung', 'Außenminister Johann Wadephul begrüßte die gemeinsame Erklärung Armeniens und Aserbaidschans zum Friedensvertrag als Chance für den Südkaukasus.');
    expect(de.signals.mediators).not.toContain('Germany');
    const en = tag('Merz: Germany supports peace between Yerevan and Baku', 'Chancellor Friedrich Merz said the initialling of the peace treaty between Armenia and Azerbaijan was a historic step.');
    expect(en.signals.mediators).not.toContain('Germany');
  });
});

describe('places: capitals as governments, first names, ends of a route', () => {
  it('a capital of a state that hosted no round, acting, is no place (en, es)', () => {
    const en = tag('', 'Beijing welcomed the joint declaration of Armenia and Azerbaijan and the initialling of their peace treaty.');
    expect(en.signals.places).not.toContain('Beijing');
    const es = tag('Italia y el proceso de paz', 'Roma compra gas azerbaiyano y apoya el tratado de paz entre Armenia y Azerbaiyán.');
    expect(es.signals.places).not.toContain('Rome');
  });
  it('a capital named as the scene stays a place (guard)', () => {
    const r = tag('', 'The foreign ministers of Armenia and Azerbaijan met in Tbilisi on Friday to discuss the peace treaty.');
    expect(r.signals.places).toContain('Tbilisi');
  });
  it('a first name before a known person is no place', () => {
    const r = tag('', 'At the invitation of Vladimir Putin, the leaders of Armenia and Azerbaijan held talks on the peace treaty.');
    expect(r.signals.places).not.toContain('Vladimir');
  });
  it('the ends of a route are places (uk, tr)', () => {
    const uk = tag('', 'Перша партія казахського зерна з Актау через Баку та Грузію прямує до Єревана.');
    expect(uk.signals.places).toContain('Yerevan');
    const tr = tag('', 'Kazak buğdayını taşıyan tren Bakü üzerinden Gürcistan\'a geçip Erivan\'a ulaşacak.');
    expect(tr.signals.places).toEqual(expect.arrayContaining(['Baku', 'Yerevan']));
  });
});
