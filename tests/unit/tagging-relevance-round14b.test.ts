/**
 * Kinds of relevance miss read on heldout-round12 (issue 12 round 14, helper tagrel14b; docs/tagging.md
 * "Round 14 (tagrel14b)"): the other party named only by a district it regained in 2020 (detainees
 * returned for the Aghdam minefield maps), a return told as a journey home, the two border
 * commissions named in the plural or by the French State Commission's title, an abbreviation's stop
 * ("ds.") splitting a sentence, Polish case forms of the Trump Route, and a headline naming both
 * leaders whose lead names the step (or the reverse). Every text is our own, in other words than the
 * blind set's; each "kind" test fails on main 02dc543, the guards pass there too.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';
import { tokenize } from '../../src/tagging/tokenize.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('the other party named only by a district it regained in November 2020', () => {
  it('German: Armenian prisoners home in exchange for the Fuzuli minefield maps, no Azerbaijan', () => {
    const r = tag(null, 'Teilen\n\nZwölf armenische Gefangene sind über Georgien heimgekehrt. Im Gegenzug bekam die andere Seite Karten der Minenfelder im Bezirk Fuzuli.');
    expect(r.relevant).toBe(true);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
  });
  it('Turkish: a two-line item on the Zangilan maps and the detainees', () => {
    const r = tag(null, 'Zengilan\'daki mayınlı alanların haritaları karşılığında 10 Ermeni tutuklu iade edildi. Gürcistan arabulucu oldu.');
    expect(r.relevant).toBe(true);
  });
  it('guard: a mosque reopened in Aghdam with an Armenian-born artist\'s show stays out', () => {
    const r = tag(null, 'Ağdam\'da yeniden inşa edilen camide ilk namaz kılındı. Ermeni asıllı bir ressamın sergisi de açıldı.');
    expect(r.relevant).toBe(false);
  });
});

describe('the two border commissions named in the plural', () => {
  it('French: "la Commission d\'État chargée de la délimitation" chaired by one side\'s deputy premier', () => {
    const r = tag(null, 'La Commission d\'État chargée de la délimitation a siégé à la frontière sous la présidence de Mher Grigorian ; la prochaine réunion sera fixée plus tard.');
    expect(r.relevant).toBe(true);
  });
  it('Polish: "Komisje ds. delimitacji" stays one sentence (an abbreviation\'s stop)', () => {
    const tok = tokenize(topic.lexicon, '', 'Komisje ds. delimitacji granicy obradowały. Kolejne spotkanie w Brukseli.');
    expect(new Set(tok.sentence.slice(0, 4)).size).toBe(1);
    const r = tag(null, 'Komisje ds. delimitacji granicy obradowały po raz pierwszy. Wicepremier Mher Grigorian zapowiedział spotkanie w Brukseli.');
    expect(r.relevant).toBe(true);
  });
  it('guard: the Georgian and Azerbaijani delimitation commissions stay out', () => {
    const r = tag('Las comisiones de delimitación de Georgia y Azerbaiyán se reúnen', 'Las delegaciones revisaron el tramo de David Gareji y acordarán la próxima reunión en Bakú.');
    expect(r.relevant).toBe(false);
  });
  it('guard: a Georgian stop before a word is still a sentence end (no case in the script)', () => {
    const tok = tokenize(topic.lexicon, '', 'შეხვედრა დასრულდა. შემდეგი რაუნდი ბრიუსელში იქნება.');
    expect(tok.sentencePara.length).toBe(2);
  });
});

describe('the Trump Route in Polish case forms', () => {
  it('"ramy Trasy Trumpa" with both parties, headline-less', () => {
    const r = tag(null, 'W Waszyngtonie przedstawiono ramy wdrażania Trasy Trumpa, która połączy Azerbejdżan z Nachiczewanem przez Armenię. To następny krok po sierpniowych porozumieniach.');
    expect(r.relevant).toBe(true);
  });
});

describe('a headline and its lead tell one event', () => {
  it('Russian: "Путин принял Алиева и Пашиняна", the lead only says the meeting lasted three hours', () => {
    const r = tag('Путин принял Алиева и Пашиняна в Сочи', 'Встреча продлилась почти три часа, сообщили в Кремле.');
    expect(r.relevant).toBe(true);
  });
  it('Turkish: the host and both leaders in the headline, "görüşme" in the lead', () => {
    const r = tag('Putin, Aliyev ve Paşinyan\'ı Soçi\'de ağırladı', 'Görüşme yaklaşık üç saat sürdü.');
    expect(r.relevant).toBe(true);
  });
  it('Spanish: "Michel recibe a Aliyev y Pashinián", the lead says they met', () => {
    const r = tag('Michel recibe a Aliyev y Pashinián en Bruselas', 'Los tres se reunieron durante cuatro horas; la próxima ronda será en julio.');
    expect(r.relevant).toBe(true);
  });
  it('Italian (reverse): the headline names the meeting, the lead the host and both leaders', () => {
    const r = tag('Incontro trilaterale a Sochi', 'Putin ha ospitato Aliyev e Pashinyan per oltre tre ore.');
    expect(r.relevant).toBe(true);
  });
  it('guard: both leaders in the headline and a lead with no talks word stay out', () => {
    const r = tag('Erdoğan empfängt Alijew und Paschinjan beim Forum in Antalya', 'Beim Abendessen spielte ein Orchester, danach gab es ein Feuerwerk über der Bucht.');
    expect(r.relevant).toBe(false);
  });
  it('guard: a lead on another process (energy and climate at a summit dinner) stays out', () => {
    const r = tag('Macron reçoit Aliev et Pachinian au sommet', 'Le dîner consacré à l\'énergie et aux migrations a porté sur la lutte contre le changement climatique.');
    expect(r.relevant).toBe(false);
  });
});

describe('an analysis of an implementation document: the commitments the leaders made', () => {
  it('German: three paragraphs of trade background, then the TRIPP framework turning "die Zusagen, die ..." into steps', () => {
    const r = tag("Wem gehört die Straße? Die sechs Seiten aus Washington", "Häfen am Kaspischen Meer und Spurweiten schaffen es selten auf die Titelseiten. Händler in Zentralasien klagen seit Jahren über lange Wartezeiten an den Zollstellen. Die georgischen Häfen sind überlastet, und die Kapazität der Strecken wächst kaum.\n\nDas Papier ist der Umsetzungsrahmen der Trump-Route, vorgestellt nach dem Treffen von Mirzojan mit Rubio in Washington. Es macht aus den Zusagen, die die armenische und die aserbaidschanische Führung im August im Weißen Haus gemacht haben, konkrete Schritte: eine Betreibergesellschaft mit amerikanischer Mehrheit, Grenze und Zoll bleiben in armenischer Hand.\n\nDie Strecke soll das aserbaidschanische Kernland mit Nachitschewan verbinden, und Jerewan nennt sie einen Teil der Regelung mit Baku. Kritiker in Armenien fragen, ob die Anteile fair verteilt sind. Baku schweigt bislang.");
    expect(r.relevant).toBe(true);
  });
  it('guard: an alliance that "did not meet its obligations" to one party stays out', () => {
    const r = tag('Ереван замораживает участие в блоке', 'Премьер заявил, что союзники не выполнили своих обязательств перед Арменией. В Москве это назвали неожиданным.');
    expect(r.relevant).toBe(false);
  });
});
