/**
 * Signal rules added after the first run of tests/fixtures/tagging/heldout-round2.jsonl
 * (issue 12, round 2; docs/tagging.md "Round 2"): speech verbs, border words, meeting nouns,
 * boilerplate lines, demonyms with a mediation word, and cues that share a word with a term.
 * Sentences are written for these tests; each states one kind of fault.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string) => explainArticle({ title, text }, topic);

describe('a capital followed by a speech verb is its government, not a place', () => {
  it.each([
    ['ru', 'Баку выдвинул условия подписания мирного договора', 'В Баку считают, что Армения должна изменить конституцию до подписания мирного договора с Азербайджаном.'],
    ['uk', 'Баку висунув умови підписання мирної угоди', 'У Баку наполягають, що Вірменія має змінити конституцію до підписання мирної угоди з Азербайджаном.'],
  ])('%s', (_lang, title, text) => {
    const r = tag(title, text);
    expect(r.relevant).toBe(true);
    expect(r.signals.places).not.toContain('Baku');
  });

  it('a third state\'s capital speaking names its state as a participant', () => {
    const r = tag('Armenian parliament backs EU bill', 'The Armenian parliament passed a bill on starting the EU accession process.\n\nThe vote drew criticism abroad. Moscow warned that the move was incompatible with membership of the Eurasian Economic Union.');
    expect(r.signals.countries).toContain('Russia');
    expect(r.signals.places).not.toContain('Moscow');
  });

  it('"officials in Yerevan said" keeps Yerevan as a place (the speakers are there)', () => {
    const r = tag('Border protocol signed', 'The border commissions of Armenia and Azerbaijan signed a protocol on delimitation.\n\nOfficials in Yerevan said owners of plots would be compensated.');
    expect(r.signals.places).toContain('Yerevan');
  });
});

describe('where one side spoke or a speaker sits is not the venue of a round', () => {
  it('"said in Tbilisi": a place, not a mediator', () => {
    const r = tag('Pashinyan expects peace deal within months', 'Armenian Prime Minister Nikol Pashinyan said in Tbilisi that Armenia and Azerbaijan would sign a peace treaty within months.\n\nHe spoke at an economic forum.');
    expect(r.relevant).toBe(true);
    expect(r.signals.places).toContain('Tbilisi');
    expect(r.signals.mediators).not.toContain('Georgia');
  });
});

describe('a third state next to a border word is geography, not a participant', () => {
  it.each([
    ['en', 'Border commissions agree on sequence', 'The delimitation commissions of Armenia and Azerbaijan agreed to work from north to south, from the junction with Georgia to the border with Iran.'],
    ['ru', 'Комиссии по делимитации договорились о порядке работы', 'Комиссии Армении и Азербайджана по делимитации договорились начать работу от стыка с Грузией до границы с Ираном.'],
  ])('%s', (_lang, title, text) => {
    const r = tag(title, text);
    expect(r.relevant).toBe(true);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(r.signals.countries).not.toContain('Georgia');
    expect(r.signals.countries).not.toContain('Iran');
  });
});

describe('a city next to a meeting noun is the venue of a round', () => {
  it('"the Washington summit" with both sides: place and host', () => {
    const r = tag('Baku expects treaty signing next year', 'An Azerbaijani envoy said Baku expects the peace treaty with Armenia to be signed next year.\n\nThe Washington summit confirmed the intention of both sides to sign the treaty.');
    expect(r.relevant).toBe(true);
    expect(r.signals.places).toContain('Washington');
    expect(r.signals.mediators).toContain('United States');
  });

  it('a talks term shared with the meeting cue still counts ("summit" is both)', () => {
    const r = tag('Pashinyan says Brussels summit brought no breakthrough', 'Armenian Prime Minister Nikol Pashinyan said his meeting in Brussels with Azerbaijani President Ilham Aliyev and Charles Michel produced no results.');
    expect(r.signals.terms).toContain('summit');
    expect(r.signals.terms).toContain('meeting');
  });
});

describe('short boilerplate lines yield no signal', () => {
  it('a weather line names no place', () => {
    const r = tag('', 'Share\n\nNikol Pashinyan and Ilham Aliyev met in Abu Dhabi on Thursday to discuss the peace treaty and the border commissions.\n\nRelated: Weather in Yerevan, 34°C');
    expect(r.relevant).toBe(true);
    expect(r.signals.places).toEqual(['Abu Dhabi']);
  });
});

describe('an adjective of nationality with a mediation word names a participant', () => {
  it.each([
    ['en', 'Gaza truce talks resume', 'Indirect talks between Israel and Hamas resumed in Cairo under Egyptian and Qatari mediation.'],
    ['ar', 'استئناف مفاوضات التهدئة في غزة', 'تستأنف في القاهرة مفاوضات غير مباشرة بين إسرائيل وحركة حماس بوساطة مصرية وقطرية.'],
  ])('%s', (_lang, title, text) => {
    const r = tag(title, text);
    expect(r.relevant).toBe(false);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Egypt', 'Qatar']));
    expect(r.signals.places).toContain('Cairo');
  });
});

describe('vocabulary found in real coverage', () => {
  it('Polish "Gazachu" is the Gazakh district, not Gaza', () => {
    const r = tag('Armenia odda cztery wsie', 'Komisje graniczne Armenii i Azerbejdżanu podpisały protokół o przebiegu granicy w prowincji Tawusz. Armenia zwróci cztery wsie w rejonie Gazachu.');
    expect(r.signals.places).toEqual(expect.arrayContaining(['Tavush', 'Gazakh']));
    expect(r.signals.places).not.toContain('Gaza');
  });

  it('the Almaty Declaration is a document, not a place (Persian)', () => {
    const r = tag('دیدار علی‌اف و پاشینیان در بروکسل', 'شارل میشل میزبان دیدار الهام علی‌اف و نیکول پاشینیان در بروکسل بود و دو طرف بر اساس اعلامیه آلماتی توافق دارند.');
    expect(r.signals.places).toContain('Brussels');
    expect(r.signals.places).not.toContain('Almaty');
  });

  it('Georgian and Persian spellings of recurring persons', () => {
    expect(tag('', 'საქართველოს პრემიერ-მინისტრი ირაკლი კობახიძე ბაქოში ილჰამ ალიევს შეხვდა.').signals.actors).toEqual(expect.arrayContaining(['Irakli Kobakhidze', 'Ilham Aliyev']));
    expect(tag('', 'مسعود پزشکیان، رئیس‌جمهور ایران، با الهام علی‌اف دیدار کرد.').signals.actors).toContain('Masoud Pezeshkian');
  });
});

describe('in an article about something else, a talks sentence does not make its states participants', () => {
  it('Armenia–Turkey envoys, with a line on the Armenia–Azerbaijan process', () => {
    const r = tag('Turkish and Armenian envoys meet at border gate', "Turkey's special envoy Serdar Kilic and his Armenian counterpart Ruben Rubinyan met at the Margara crossing on Tuesday for talks on normalising relations.\n\nThey agreed to ease visas for diplomats. Ankara has said normalisation will move in step with the Armenia-Azerbaijan peace process.");
    expect(r.relevant).toBe(false);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Turkey', 'Armenia']));
    expect(r.signals.countries).not.toContain('Azerbaijan');
  });
});

describe('coaching titles introduce a person outside the lexicon (Latin script)', () => {
  it.each([
    ['en', 'Coach Gurban Gurbanov praised his side after the match.', 'Gurban Gurbanov'],
    ['de', 'Bundestrainer Julian Nagelsmann lobte die Einstellung.', 'Julian Nagelsmann'],
  ])('%s', (_lang, text, name) => {
    expect(tag('', text).signals.actors).toContain(name);
  });
});

describe('French "arméniens" is an adjective of nationality, not the German country name "Armeniens"', () => {
  it('nationality of a person is not a participant; the German genitive still names the state', () => {
    expect(tag('', 'Une exposition retrace la carrière du chanteur, fils de réfugiés arméniens.\n\nDes concerts sont prévus.').signals.countries).toEqual([]);
    expect(tag('', 'Die Regierung Armeniens hat die Grenze zu Aserbaidschan befestigt.').signals.countries).toContain('Armenia');
  });
});
