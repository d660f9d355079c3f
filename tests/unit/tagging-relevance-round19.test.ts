/**
 * Relevance kinds on real coverage (issue 12, round 19, helper tagrel19; docs/tagging.md
 * "Round 19 (tagrel19)"). Every text is our own; which tests fail on main is said in the docs.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('the Sharm el-Sheikh summit "for peace" on Gaza is another dyad\'s process (guideline rule 6)', () => {
  it('Arabic: both leaders among the guests of the summit', () => {
    const r = tag('اختتام قمة شرم الشيخ للسلام', 'شارك في القمة نحو عشرين زعيما. وكان رئيس وزراء أرمينيا ورئيس أذربيجان من بين الحاضرين.');
    expect(r.relevant).toBe(false);
    expect(r.signals.places).toContain('Sharm el-Sheikh');
  });
  it('Italian: the Gaza peace summit with the two leaders in the photo', () => {
    const r = tag('Vertice di pace su Gaza, la foto di gruppo', 'Nella foto anche il premier armeno e il presidente azero, in seconda fila dietro ai padroni di casa.');
    expect(r.relevant).toBe(false);
  });
  it('guard: the two leaders meeting on the summit\'s sidelines on their treaty stay on topic', () => {
    const r = tag('Aliyev and Pashinyan meet on the sidelines of the Sharm el-Sheikh peace summit', 'The two leaders instructed their foreign ministers to finalise the peace treaty between Armenia and Azerbaijan.');
    expect(r.relevant).toBe(true);
  });
});

describe('the August 2025 documents named by their venue ("the Washington agreements") are the process', () => {
  it('English: one side on carrying out the Washington agreements, the other party in the body', () => {
    const r = tag('Mirzoyan: Washington agreements on track', 'The foreign minister said Armenia and Azerbaijan were keeping to the commitments made there.');
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toContain('United States');
  });
  it('Italian: the Washington accords between Erevan and Baku', () => {
    const r = tag('Aliyev: gli accordi di Washington reggono', 'Il presidente ha detto che Azerbaigian e Armenia mantengono gli impegni presi.');
    expect(r.relevant).toBe(true);
  });
  it('Polish: the Washington agreements', () => {
    const r = tag('Porozumienia waszyngtońskie wchodzą w życie', 'Według rządu w Erywaniu kolejnym krokiem Armenii i Azerbejdżanu będzie ratyfikacja.');
    expect(r.relevant).toBe(true);
  });
  it('guard: another dyad\'s Washington accords (Congo and Rwanda) are not this process', () => {
    const r = tag('Kinshasa: Washington agreements hold', 'Congo and Rwanda keep to the commitments made there, the minister said.');
    expect(r.relevant).toBe(false);
  });
});

describe('trial coverage is out in every language, not only where the court is named (guideline rule 5)', () => {
  it('Armenian: a hearing of two captives in Baku told through prosecutor, judge and testimony', () => {
    const text = [
      'Բաքվի զինվորական դատարանում այսօր շարունակվել է երկու հայ ռազմագերիների գործով դատական նիստը։ Բաքուն հայ գերիներին մեղադրում է պատերազմի տարիներին ադրբեջանցի գերիներին վնասելու մեջ։ Նիստը նախագահում է զինվորական դատավորը։',
      'Սպասվում է, որ դատախազը ելույթ կունենա, իսկ հայ գերիները ցուցմունք կտան։ Առաջին դատական նիստը եղել է հունիսին։',
      'Պաշտոնական Բաքուն Ադրբեջանում պահվող հայ ռազմագերիների դեմ հարուցել է քրեական գործեր և հրաժարվում է նրանց վերադարձնել Հայաստան։',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(false);
  });
  it('Russian: prosecutor and defendants of a Baku trial of captives', () => {
    const text = 'Прокурор запросил для подсудимых армянских пленных от 15 лет.\n\nОбвиняемые дали показания, заседание продолжится в понедельник.\n\nАзербайджан удерживает армянских пленных, Армения требует их возвращения.';
    expect(tag('Заседание по делу пленных в Баку', text).relevant).toBe(false);
  });
});

describe('a headline-less text: a first line without a final stop is the headline, the next paragraph the lead', () => {
  it('English: the headline line names no party, the lead names both', () => {
    const text = 'Moscow round ends with a plan for railways\n\nThe deputy prime ministers of Armenia and Azerbaijan agreed on a list of lines to reopen.\n\nThe next session is due in spring. Officials said the work would take time.\n\nThe Russian side called the talks businesslike.';
    expect(tag(null, text).relevant).toBe(true);
  });
  it('guard: a first line ending with a full stop is a sentence of its own story', () => {
    const text = 'Ministers of Belarus and Kazakhstan discussed customs tariffs in Minsk.\n\nArmenia and Azerbaijan were not represented at the meeting.';
    expect(tag(null, text).relevant).toBe(false);
  });
});

describe('vocabulary read on real pages', () => {
  it('Armenian delimitation as a loanword', () => {
    const r = tag('Դելիմիտացիայի գործընթացը երկար է լինելու', 'Հայաստանի և Ադրբեջանի սահմանների դելիմիտացիան իրականացվելու է իրավական փաստաթղթերի հիման վրա, հայտարարել է փոխվարչապետը։');
    expect(r.relevant).toBe(true);
  });
  it('Polish: the two states to establish diplomatic relations and respect territorial integrity', () => {
    const text = 'Prezydent Azerbejdżanu i premier Armenii byli obecni w Białym Domu.\n\nOba kraje zobowiązały się do nawiązania stosunków dyplomatycznych i poszanowania integralności terytorialnej.';
    expect(tag(null, text).relevant).toBe(true);
  });
});

describe('Armenia\'s own constitutional reform, with no other side named, is domestic politics (guideline rule 5)', () => {
  it('English: a referendum on a new constitution after the elections', () => {
    const r = tag('Pashinyan: referendum on a new constitution after the vote', 'The prime minister told parliament that Armenia would hold a referendum on constitutional reform once the new government was formed. The opposition called the plan a distraction.');
    expect(r.relevant).toBe(false);
  });
  it('guard: Baku\'s demand that Armenia change its constitution stays the precondition', () => {
    const r = tag('Aliyev: no signing until Armenia changes its constitution', 'The Azerbaijani president repeated that the peace treaty would be signed only after constitutional change in Armenia.');
    expect(r.relevant).toBe(true);
  });
});
