/**
 * Kinds of relevance fault fixed in issue 12 round 12 (docs/tagging.md "Round 12 (tagrel12)"):
 * real-article shapes that dev-round12 rebuilt in 14 languages — long analyses whose talks come
 * late, interviews in question-and-answer form, compound adjectives, the Washington Declaration by
 * its name, the parties named by their domestic institutions. Every text is our own and differs
 * from the fixtures'. Each "kind" test fails on main 105a3fe; the guards pass on main too and keep
 * the new rules from overreaching.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle, compileTopic } from '../../src/tagging/index.js';
import { dialogueTurns } from '../../src/tagging/dialogue.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('a long analysis whose talks come in its second half (wordShareMin, wordShareBoth)', () => {
  it('English: freight and tariffs first, then two long paragraphs on the deal and the constitution', () => {
    const r = tag(
      'Why shippers on the Caspian are watching a 40-kilometre gap',
      'Rates for a container from western China to the Black Sea fell again this autumn. Forwarders blame idle ferries at Turkmenbashi.\n\nAt the port of Aktau, cranes bought last year stand idle for days because wagons from the Chinese border arrive in bunches rather than on a timetable. Kazakh officials promise a digital booking system by the spring, but traders have heard such promises before.\n\nGeorgian railways, for their part, still run a single track through the Rikoti pass, and a new tunnel that should double its capacity has been delayed by another year, its builders say.\n\nInsurers still add a surcharge for every border crossing.\n\nThe missing link is short. Under the arrangements agreed at the White House in August, Yerevan and Baku are to reopen the old railway along the Araks valley, with a joint company of Armenia and the United States building the line through Meghri.\n\nThe peace agreement that the foreign ministers of Armenia and Azerbaijan initialled there is still unsigned, because Baku wants the Armenian constitution rewritten first and Yerevan has promised a referendum only after the next elections.',
    );
    expect(r.relevant).toBe(true);
  });
  it('Russian: the same shape, the talks in the last two paragraphs', () => {
    const r = tag(
      'Каспийский фрахт дешевеет, но не везде',
      'Ставки на перевозку контейнера из Китая к Чёрному морю этой осенью снова снизились. Экспедиторы жалуются на простои паромов в Туркменбаши.\n\nВ порту Актау краны, купленные в прошлом году, простаивают по нескольку дней, потому что вагоны с китайской границы приходят пачками, а не по расписанию.\n\nГрузинская железная дорога по-прежнему идёт в одну колею через Рикотский перевал, а новый тоннель, который должен удвоить пропускную способность, строители снова отложили на год.\n\nСтраховщики по-прежнему берут надбавку за каждую границу.\n\nНедостающее звено на этой карте совсем короткое. Ереван и Баку по договорённостям, достигнутым в Белом доме, должны восстановить старую дорогу вдоль Аракса, а участок через Мегри построит новая совместная компания.\n\nМирное соглашение, которое министры иностранных дел Армении и Азербайджана там парафировали, до сих пор не подписано, потому что Баку требует сначала переписать армянскую конституцию.',
    );
    expect(r.relevant).toBe(true);
  });
  it('guard: an economic round-up whose one long last sentence mentions the treaty stays out', () => {
    const r = tag(
      "Azerbaijan's growth slows as oil output falls",
      "Azerbaijan's economy grew by 1.2 percent in the first ten months as oil production declined again. The non-oil sector grew faster, led by construction and tourism.\n\nThe central bank left its rate unchanged and the manat stayed stable.\n\nOne economist at a Baku bank said the peace agreement initialled with Armenia in Washington in August could, once signed, lower the risk premium that foreign lenders charge the country.",
    );
    expect(r.relevant).toBe(false);
  });
});

describe('an interview in question-and-answer form is one conversation (dialogueTurns)', () => {
  it('Polish: dash turns, questions naming no party', () => {
    const r = tag(
      '„Tekst leży na stole” – rozmowa z doradcą premiera Armenii',
      '– Czy spór o konstytucję zatrzymał negocjacje?\n\n– Nie. Tekst porozumienia jest parafowany. Baku zna nasz harmonogram referendum.\n\n– Kto dziś pośredniczy w rozmowach?\n\n– Nikt. Komisje ds. delimitacji spotykają się bez pośredników.',
    );
    expect(r.relevant).toBe(true);
  });
  it('German: alternating Frage/Antwort labels', () => {
    const r = tag(
      "„Der Text bleibt paraphiert“ – Gespräch mit Armeniens Vizeaußenminister",
      'Frage: Hat der Streit um die Verfassung die Verhandlungen gestoppt?\n\nAntwort: Nein. Das Abkommen ist paraphiert. Baku kennt unseren Zeitplan für das Referendum.\n\nFrage: Wer vermittelt heute?\n\nAntwort: Niemand. Die Kommissionen für die Grenzziehung tagen ohne Vermittler.',
    );
    expect(r.relevant).toBe(true);
  });
  it('guard: an interview on EU visas that names the other party once stays out', () => {
    const r = tag(
      '«Визы отменят через два года»',
      '— Когда граждане Армении смогут ездить в Европу без виз?\n\n— Мы выполняем план действий быстрее, чем ждали в Брюсселе.\n\n— Азербайджан тоже ведёт такой диалог с Евросоюзом.\n\n— У каждой страны своя дорога, это не соревнование.',
    );
    expect(r.relevant).toBe(false);
  });
  it('dialogueTurns counts dash turns and alternating labels, not a digest\'s rubric labels', () => {
    expect(dialogueTurns('— Вопрос?\n— Ответ.\n— Ещё вопрос?')).toBe(3);
    expect(dialogueTurns('Q: One?\nA: Yes.\nQ: Two?\nA: No.')).toBe(4);
    expect(dialogueTurns('Sport: the team won.\nWeather: rain.\nMarkets: flat.')).toBe(0);
    expect(dialogueTurns('')).toBe(0);
  });
});

describe('the parties named by compound adjectives, a document\'s name or domestic institutions', () => {
  it('Italian: "armeno-azere" (feminine plural) names both parties', () => {
    const r = tag('Le commissioni armeno-azere fissano il prossimo incontro', 'Le commissioni armeno-azere per la delimitazione si sono riunite alla frontiera e hanno concordato il calendario dei lavori sul prossimo tratto.');
    expect(r.relevant).toBe(true);
  });
  it('Turkish: "Washington Deklarasyonu" with one party named is about the dyad, and names the US as host', () => {
    const r = tag(null, 'Ermenistan Dışişleri Bakanı Mirzoyan, Washington Deklarasyonu’nun uygulanmasını ABD’li yetkililerle görüştü.');
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toContain('United States');
  });
  it('Armenian: the ruling party\'s name ("Civil Contract") names Armenia, and its "treaty" is no talks word', () => {
    const r = tag(null, 'Քաղաքացիական պայմանագրի վարչության նիստում որոշվել է, որ հանրաքվեն կանցկացվի ընտրություններից հետո։\n\nԲաքուն Սահմանադրության փոփոխությունը համարում է խաղաղության պայմանագրի ստորագրման նախապայման։');
    expect(r.relevant).toBe(true);
  });
  it('guard: the 2023 Washington Declaration of another alliance, naming neither party, stays out', () => {
    const r = tag('Seoul recalls the Washington Declaration', 'South Korea\'s president recalled the Washington Declaration of 2023 and the nuclear consultative group it created with the United States.');
    expect(r.relevant).toBe(false);
  });
});

describe('topic validation of a term venue', () => {
  it('a term whose venue names no place is an error with its path', () => {
    const yaml = [
      'parties: [Aland, Bland]',
      'threshold: 0.5',
      'entities:',
      '  countries:',
      '    Aland: {party: Aland, forms: [aland~]}',
      '    Bland: {party: Bland, forms: [bland~]}',
      'terms:',
      '  X Declaration: {weight: 1, venue: Nowhere, forms: [x declaration]}',
    ].join('\n');
    expect(() => compileTopic('x', yaml)).toThrow(/terms\.X Declaration\.venue: "Nowhere" names no entity of entities\.places/);
  });
});
