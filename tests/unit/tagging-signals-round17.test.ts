/**
 * Signal rules of round 17 (tagsig17; issue 12; docs/tagging.md "Round 17 (tagsig17)"): a state
 * of the topic file takes the names i18n-iso-countries gives it in the topic's other languages
 * (the topic file spells most of its ~60 states in 6–10 of the 14 languages), with the same
 * case endings as the world states. Sentences are written for these tests, with other states and
 * wordings than tests/fixtures/tagging/dev-signals17.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string, language: string) => explainArticle({ title, text, language }, topic);

describe('a topic state named in a language its forms lack', () => {
  it.each([
    ['en', 'The Republic of Korea said on Monday it welcomed the peace treaty initialled by Armenia and Azerbaijan.', 'South Korea'],
    ['ru', 'В Республике Корея приветствовали парафирование мирного договора Армении и Азербайджана.', 'South Korea'],
    ['hy', 'Իտալիայի կառավարությունը ողջունել է Հայաստանի և Ադրբեջանի միջև խաղաղության պայմանագրի նախաստորագրումը։', 'Italy'],
    ['de', 'Ägypten begrüßte am Montag die Paraphierung des Friedensvertrags zwischen Armenien und Aserbaidschan.', 'Egypt'],
    ['uk', 'МЗС Латвії привітало парафування мирного договору між Вірменією та Азербайджаном.', 'Latvia'],
    ['tr', "Avustralya'nın Dışişleri Bakanlığı, Azerbaycan ile Ermenistan arasındaki barış anlaşmasının parafe edilmesini memnuniyetle karşıladı.", 'Australia'],
    ['ka', 'ავსტრალიამ მიესალმა სომხეთსა და აზერბაიჯანს შორის სამშვიდობო ხელშეკრულების პარაფირებას.', 'Australia'],
    ['es', 'Marruecos celebró la rúbrica del tratado de paz entre Armenia y Azerbaiyán.', 'Morocco'],
    ['it', 'Il Messico ha accolto con favore la parafatura del trattato di pace tra Armenia e Azerbaigian.', 'Mexico'],
    ['pl', 'MSZ Meksyku z zadowoleniem przyjęło parafowanie traktatu pokojowego między Armenią a Azerbejdżanem.', 'Mexico'],
    ['fa', 'وزارت خارجه مکزیک از پاراف معاهده صلح میان ارمنستان و جمهوری آذربایجان استقبال کرد.', 'Mexico'],
    ['ar', 'رحبت المكسيك بتوقيع الأحرف الأولى على معاهدة السلام بين أرمينيا وأذربيجان.', 'Mexico'],
    ['az', 'Birləşmiş Krallıq Azərbaycan ilə Ermənistan arasında sülh sazişinin paraflanmasını alqışlayıb.', 'United Kingdom'],
    ['fr', 'La Biélorussie a salué le paraphe du traité de paix entre l\'Arménie et l\'Azerbaïdjan.', 'Belarus'],
  ])('%s', (lang, text, state) => {
    const r = tag('', text, lang);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan', state]));
  });

  it.each([
    ['tr', 'Beyaz Rusya Devlet Başkanı Lukaşenko, Azerbaycan ile Ermenistan arasındaki barış anlaşmasını memnuniyetle karşıladı.'],
    ['ar', 'رحبت روسيا البيضاء بالاتفاق بين أرمينيا وأذربيجان على نص معاهدة السلام.'],
  ])('Belarus by its long name is not Russia (%s)', (lang, text) => {
    const r = tag('', text, lang);
    expect(r.signals.countries).toContain('Belarus');
    expect(r.signals.countries).not.toContain('Russia');
  });

  it.each([
    ['hy', 'Կոսովոյի և Սերբիայի միջև երկխոսությունը Բրյուսելում վերսկսվել է։'],
    ['ka', 'კოსოვოსა და სერბეთს შორის დიალოგი ბრიუსელში განახლდა.'],
    ['pl', 'Dialog między Kosowem a Serbią wznowiono w Brukseli.'],
    ['ar', 'استؤنف الحوار بين كوسوفو وصربيا في بروكسل.'],
    ['fa', 'گفت‌وگوی کوزوو و صربستان در بروکسل از سر گرفته شد.'],
  ])('Kosovo, not in the library (no UN member), in the topic file (%s)', (lang, text) => {
    const r = tag('', text, lang);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Kosovo', 'Serbia']));
  });

  it('guard: the topic\'s own forms still win (Georgia the state in Georgian)', () => {
    const r = tag('', 'საქართველომ მიესალმა სომხეთსა და აზერბაიჯანს შორის სამშვიდობო ხელშეკრულების პარაფირებას.', 'ka');
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Georgia', 'Armenia', 'Azerbaijan']));
  });
});

describe('a story on something else without a headline: the first sentence names its subject', () => {
  it.each([
    ['de', 'Japan senkt die Zölle auf Reis aus Vietnam. Die Regierung in Tokio spricht von einem Schritt für stabile Preise.', 'Japan'],
    ['ru', 'Египет повысил цены на хлеб для горожан. Решение вступит в силу в понедельник.', 'Egypt'],
    ['es', 'Portugal retira la exigencia de visado a los ciudadanos de Angola. La medida entra en vigor el lunes.', 'Portugal'],
    ['uk', 'Польща скасувала мита на добрива з Канади. Уряд пояснив це високими цінами для фермерів.', 'Poland'],
  ])('%s', (lang, text, state) => {
    const r = tag('', text, lang);
    expect(r.relevant).toBe(false);
    expect(r.signals.countries).toContain(state);
  });

  it('guard: a state named there as the scene is no subject (a weather line)', () => {
    const r = tag('', 'In Austria, heavy snow closed two mountain passes overnight. Drivers were told to wait until the roads were cleared.', 'en');
    expect(r.signals.countries).not.toContain('Austria');
  });
});


describe('a capital named as the source of its government\'s envoys or word: its state takes part', () => {
  it.each([
    ['en', 'Envoys from Tehran and Ankara arrived in Geneva on Monday for talks on the water dispute.', ['Iran', 'Turkey']],
    ['de', 'Die Delegationen aus Kiew und Moskau trafen am Morgen in Istanbul ein, um über einen Gefangenenaustausch zu sprechen.', ['Ukraine', 'Russia']],
    ['ru', 'Делегации Киева и Москвы в понедельник прибыли в Стамбул для обмена пленными.', ['Ukraine', 'Russia']],
    ['pl', 'Delegacje z Kijowa i Moskwy przyjechały do Stambułu na rozmowy o wymianie jeńców.', ['Ukraine', 'Russia']],
  ])('%s', (lang, text, states) => {
    const r = tag('', text, lang);
    expect(r.relevant).toBe(false);
    expect(r.signals.countries).toEqual(expect.arrayContaining(states));
    expect(r.signals.places).not.toContain('Moscow');
  });

  it('guard: a train from a capital is a place, its state is not thereby acting (en)', () => {
    const r = tag('', 'A freight train from Moscow reached the Chinese border after nine days.', 'en');
    expect(r.signals.places).toContain('Moscow');
  });
});

describe('a capital that describes or demands speaks for its state', () => {
  it.each([
    ['en', 'Tehran summoned the Swiss envoy over the arrest of two of its citizens.', 'Iran'],
    ['es', 'Ankara calificó de inaceptable la decisión del tribunal sueco.', 'Turkey'],
    ['de', 'Ankara forderte eine Entschuldigung für die Festnahme zweier Journalisten.', 'Turkey'],
    ['ru', 'Тегеран потребовал объяснений от швейцарского посла после задержания двух граждан.', 'Iran'],
  ])('%s', (lang, text, state) => {
    const r = tag('', text, lang);
    expect(r.signals.countries).toContain(state);
  });
});
