/**
 * Mediator rules of round 17 (tagsig17b; issue 12; docs/tagging.md "Round 17 (tagsig17b)"): a
 * third party that backs a step ("with support from"), sits in on the meeting ("took part") or
 * puts the talks under its aegis is presented as facilitating them (README mediators), and a
 * sentence telling a step of both parties (a handover, a release) needs no talks term for its
 * mediator. Sentences are written for these tests, with other steps and wordings than
 * tests/fixtures/tagging/heldout-round15.jsonl and the real excerpts of the dev set.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string, language: string) => explainArticle({ title, text, language }, topic);

describe('a third party backing, attending or sheltering the talks', () => {
  it.each([
    ['en', 'Border talks resume', 'Armenia and Azerbaijan agreed on a new round of border delimitation talks with support from the European Union.', 'European Union'],
    ['ru', 'Переговоры о границе', 'Армения и Азербайджан договорились о новом раунде переговоров по делимитации границы при поддержке Казахстана.', 'Kazakhstan'],
    ['it', 'Colloqui sul confine', "Armenia e Azerbaigian hanno concordato un nuovo ciclo di negoziati sulla delimitazione con il sostegno della Germania.", 'Germany'],
    ['pl', 'Rozmowy graniczne', 'Armenia i Azerbejdżan uzgodniły nową rundę negocjacji w sprawie delimitacji granicy pod egidą Francji.', 'France'],
    ['fr', 'Frontière : les négociations reprennent', "Les négociations de paix entre l'Arménie et l'Azerbaïdjan, chapeautées par les Émirats arabes unis, ont repris mardi.", 'United Arab Emirates'],
    ['de', 'Grenzgespräche', 'Am Treffen der Außenminister Armeniens und Aserbaidschans über den Friedensvertrag haben Vertreter Kasachstans teilgenommen.', 'Kazakhstan'],
    ['ka', 'სასაზღვრო მოლაპარაკებები', 'სომხეთმა და აზერბაიჯანმა საზღვრის დელიმიტაციაზე მოლაპარაკებების ახალ რაუნდზე შეთანხმდნენ გერმანიის ეგიდით.', 'Germany'],
  ])('%s', (lang, title, text, mediator) => {
    const r = tag(title, text, lang);
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toContain(mediator);
  });
});

// fa fails on main; ar, es, tr and az pass on main too (their release word counts as a step of
// the talks there) and guard the same reading in other scripts.
describe('a step of both parties with its mediator and no talks term', () => {
  it.each([
    ['ar', 'عودة أسرى', 'سلمت أذربيجان عشرة جنود أرمن إلى أرمينيا يوم الجمعة بوساطة الإمارات.', 'United Arab Emirates'],
    ['fa', 'بازگشت اسیران', 'جمهوری آذربایجان روز جمعه دوازده نظامی ارمنی را با وساطت امارات به ارمنستان تحویل داد.', 'United Arab Emirates'],
    ['es', 'Azerbaiyán libera a prisioneros armenios', 'Azerbaiyán entregó a Armenia doce soldados armenios el viernes con la ayuda de los Emiratos Árabes Unidos.', 'United Arab Emirates'],
    ['tr', 'Azerbaycan Ermeni esirleri serbest bıraktı', "Azerbaycan cuma günü on iki Ermeni askeri Birleşik Arap Emirlikleri'nin yardımıyla Ermenistan'a teslim etti.", 'United Arab Emirates'],
    ['az', 'Azərbaycan erməni əsirləri azad etdi', 'Azərbaycan cümə günü on iki erməni hərbçini Birləşmiş Ərəb Əmirliklərinin köməyi ilə Ermənistana təhvil verib.', 'United Arab Emirates'],
  ])('%s', (lang, title, text, mediator) => {
    const r = tag(title, text, lang);
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toContain(mediator);
  });
});

describe('guards: a stance or a step without a third party named next to it is no mediation', () => {
  it('a state backing one side is not listed by a support word far from the step (en)', () => {
    const r = tag('Border talks resume', 'Armenia and Azerbaijan agreed on a new round of border delimitation talks on Monday. Separately, Russia said it supported the sale of grain to Georgia.', 'en');
    expect(r.signals.mediators).not.toContain('Russia');
  });
});
