/**
 * Kinds of missed coverage fixed in issue 12 round 6 (relevance; docs/tagging.md "Round 6
 * (relevance)"), found in real coverage in Georgian, German, Polish, Ukrainian and Armenian. Every
 * text is our own; each positive was tagged not relevant by main before the round (fd29113).
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';
import { tokenize } from '../../src/tagging/tokenize.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('goods traded and carried between the parties', () => {
  it('a first fuel export from Azerbaijan to Armenia is coverage (Polish, Ukrainian)', () => {
    const pl = tag('Pierwsza benzyna z Azerbejdżanu w Armenii',
      'Dwadzieścia cystern z benzyną dotarło z Azerbejdżanu do Armenii przez Gruzję. Eksport uzgodnili wicepremierzy obu państw na spotkaniu w Gabali.\n\nW Erywaniu mówi się o pierwszym handlu między Armenią a Azerbejdżanem od trzydziestu lat.');
    expect(pl.relevant).toBe(true);
    const uk = tag('', 'Азербайджан відправив до Вірменії другу партію пального: бензин і дизель їдуть через Грузію.\n\nПостачання погодили віцепрем’єри двох країн восени.\n\nПоділитися');
    expect(uk.relevant).toBe(true);
  });

  it('fuel prices that name a small Azerbaijani share are not', () => {
    const r = tag('Ceny benzyny w Armenii rosną',
      'Benzyna i olej napędowy na armeńskich stacjach zdrożały w styczniu o siedem procent. Sprzedawcy mówią o droższym imporcie z Rosji i słabym dramie.\n\nNiewielka część paliwa pochodzi już z Azerbejdżanu, większość nadal z Rosji przez Gruzję.');
    expect(r.relevant).toBe(false);
  });

  it('a state named with a third state along the route is no pair of states ("Ադրբեջանի և Վրաստանի տարածքով")', () => {
    const r = tag('Ղազախական ցորենով նոր գնացք է հասել Հայաստան',
      'Գնացքն անցել է Ադրբեջանի և Վրաստանի տարածքով և երեկ երեկոյան հասել է կայարան։\n\nԱդրբեջանի կողմից տարանցման արգելքի վերացումից հետո սա վեցերորդ նման բեռն է։');
    expect(r.relevant).toBe(true);
  });

  it('a party named with a third state far from the route word is still that pair ("firmato ... attraverso il gasdotto")', () => {
    const r = tag('Gas azero, intesa tra Roma e Baku',
      'L\'Italia e l\'Azerbaigian hanno firmato a Roma un accordo per aumentare le forniture di gas attraverso il gasdotto transadriatico.\n\nL\'intesa non riguarda l\'Armenia, ha precisato il ministero.');
    expect(r.relevant).toBe(false);
  });
});

describe('a mediator\'s official visiting both capitals', () => {
  it('German "Vize-" words are no visa talks: the US Vice President\'s peace trip is coverage', () => {
    const r = tag('Vance besucht nach Armenien auch Aserbaidschan',
      'Nach seinem Besuch in Armenien ist US-Vizepräsident JD Vance im Rahmen einer Friedensmission nach Aserbaidschan weitergereist.\n\nIn Baku traf er am Dienstag Präsident Ilham Alijew. Beide unterzeichneten ein Abkommen über eine strategische Partnerschaft.');
    expect(r.relevant).toBe(true);
  });

  it('a visit announced in the headline counts once the body says it serves the process (Ukrainian)', () => {
    const r = tag('Віцепрезидент США наступного тижня відвідає Єреван і Баку',
      'Вашингтон, 7 лютого\n\nВіцепрезидент США 9–11 лютого відвідає Вірменію та Азербайджан, повідомив Держдеп. Його супроводжуватиме заступник держсекретаря з економічних питань.\n\n'
      + 'За даними відомства, віцепрезидент побуває в Мілані, Єревані та Баку, а делегація налічуватиме кілька сотень осіб.\n\nПоїздка до Вірменії та Азербайджану має просунути мирні зусилля президента і проєкт TRIPP.');
    expect(r.relevant).toBe(true);
  });

  it('a Georgian premier\'s bilateral tour of both neighbours is not, though it speaks of peace in the region', () => {
    const r = tag('Kobachidse besucht Aserbaidschan und Armenien',
      'Der georgische Regierungschef reist im März zuerst nach Baku und eine Woche später nach Eriwan. Auf der Tagesordnung stehen Handel, Energie und Grenzübergänge.\n\nFür Georgien seien Frieden und Stabilität in der ganzen Region wichtig, sagte er.');
    expect(r.relevant).toBe(false);
  });
});

describe('the 2026 Abu Dhabi round', () => {
  it('the Zayed Award given to both leaders for the peace agreement is coverage (Italian)', () => {
    const r = tag('Premio Zayed 2026 consegnato ad Abu Dhabi',
      'Il Premio Zayed per la fratellanza umana è stato consegnato mercoledì ad Abu Dhabi.\n\nTra i vincitori il primo ministro armeno Nikol Pashinyan e il presidente azero Ilham Aliyev. Accanto a loro è stata premiata anche un\'organizzazione umanitaria.');
    expect(r.relevant).toBe(true);
  });
});

describe('German ordinal dates', () => {
  it('"am 21. Oktober" does not end a sentence', () => {
    const tok = tokenize(topic.lexicon, '', 'Alijew hatte am 21. Oktober in Astana alle Beschränkungen aufgehoben. Danach fuhren Züge.');
    const sentences = new Set(tok.sentence);
    expect(sentences.size).toBe(2);
    expect(tok.sentence[tok.original.indexOf('Oktober')]).toBe(tok.sentence[tok.original.indexOf('Alijew')]);
  });

  it('a number that ends a sentence still ends it', () => {
    const tok = tokenize(topic.lexicon, '', 'Die Kommission tagte am Montag zum 12. Danach reisten die Delegationen ab.');
    expect(new Set(tok.sentence).size).toBe(2);
  });
});
