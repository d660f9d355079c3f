/**
 * Rule kinds added after the independent-set run (docs/tagging.md "Unseen data"):
 * release of captives, multi-party and cancelled rounds, framing with another dyad's
 * party, the venue of a round and officials at the table as mediators.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string) => tagArticle({ title, text }, topic);

describe('release of captives counts as a prisoner release, not as a war cue', () => {
  it.each([
    ['en', 'Azerbaijan returns 32 Armenian servicemen', 'Azerbaijan returned 32 Armenian servicemen to Armenia on Wednesday, and Armenia handed over two Azerbaijani soldiers at the border.\n\nThe handover took place near the village of Voskepar.'],
    ['ru', 'Азербайджан передал Армении 32 военнослужащих', 'Азербайджан передал Армении 32 армянских военнослужащих, Армения вернула Азербайджану двух солдат.\n\nПередача прошла на границе.'],
    ['hy', 'Ադրբեջանն ազատ է արձակել 32 հայ զինծառայողի', 'Ադրբեջանը վերադարձրել է 32 հայ զինծառայողի, իսկ Հայաստանը՝ երկու ադրբեջանցի զինծառայողի։\n\nՓոխանակումը տեղի է ունեցել սահմանին։'],
    ['az', 'Azərbaycan 32 erməni hərbçisini azad edib', 'Azərbaycan 32 erməni hərbçisini Ermənistana qaytarıb, Ermənistan isə iki Azərbaycan hərbçisini azad edib.\n\nProses sərhəddə baş tutub.'],
  ])('%s', (_lang, title, text) => {
    const r = explainArticle({ title, text }, topic);
    expect(r.signals.terms).toContain('prisoner release');
    expect(r.features.titleProcess).toBe(true);
    expect(r.relevant).toBe(true);
  });

  it('servicemen without a release word stay a war cue', () => {
    const r = explainArticle({ title: 'Armenian servicemen killed', text: 'Four Armenian servicemen were killed by Azerbaijani fire near Sotk, the defence ministry said.\n\nAzerbaijan said its soldiers had responded to provocations.' }, topic);
    expect(r.signals.terms).not.toContain('prisoner release');
    expect(r.features.negativeShare).toBeGreaterThan(0);
    expect(r.relevant).toBe(false);
  });
});

describe('multi-party formats and cancelled rounds are talks terms', () => {
  it('a five-way meeting called off is a round (guideline rule 2)', () => {
    const r = explainArticle({ title: 'Aliyev pulls out of five-way meeting', text: 'A planned five-way meeting on the Armenia-Azerbaijan settlement was cancelled after Aliyev pulled out, citing Turkey\'s exclusion.\n\nPashinyan met the European leaders instead.' }, topic);
    expect(r.features.titleProcess).toBe(true);
    expect(r.relevant).toBe(true);
  });

  it.each([['четырехсторонней'], ['quadrilateral'], ['Vierertreffen']])('%s is a summit term', (w) => {
    expect(tag('x', `Armenia and Azerbaijan ${w} x.`).signals.terms).toContain('summit');
  });
});

describe('framing: another dyad voids the lead only when it outnumbers a party', () => {
  const text = (lead: string) => `${lead}\n\nThe two leaders will meet in Brussels before the end of the month to continue the negotiations.\n\nThe weather was fine.`;
  it('one passing mention of Turkey keeps the Armenia-Azerbaijan framing', () => {
    const r = explainArticle({ title: 'Talks postponed', text: text('The Armenia-Azerbaijan round was postponed after Azerbaijan objected to Turkey\'s exclusion from the Armenian-hosted format.') }, topic);
    expect(r.features.bodyShare).toBeGreaterThan(0.3);
  });
  it('a lead about Turkey and Armenia does not frame the dyad', () => {
    const r = explainArticle({ title: 'Turkey and Armenia envoys meet', text: text('Turkish and Armenian envoys met in Vienna; Turkey said Ankara wants progress with Azerbaijan.') }, topic);
    expect(r.relevant).toBe(false);
  });
});

describe('mediators: the venue of the reported round and officials at the table', () => {
  it('the lead\'s venue names the host', () => {
    const r = tag('Ministers end talks', 'The foreign ministers of Armenia and Azerbaijan ended two days of talks in Almaty on Saturday.\n\nThey agreed on some articles of the peace treaty.');
    expect(r.signals.mediators).toEqual(['Kazakhstan']);
  });
  it('a venue in a background clause is not a mediator', () => {
    const r = tag('Border commissions meet', 'The border commissions of Armenia and Azerbaijan met on Friday, weeks after the summit in Washington.\n\nThey agreed on a protocol.');
    expect(r.signals.mediators).not.toContain('United States');
  });
  it('a third state\'s leader meeting both parties\' leaders is a mediator', () => {
    const r = tag('Prague meeting', 'Pashinyan and Aliyev met Macron in Prague late on Thursday and agreed on a border mission.\n\nThe statement mentions the Alma-Ata declaration.');
    expect(r.signals.mediators).toContain('France');
  });
});

describe('lifting transit bans is a talks term with a transit word (guideline rule 3)', () => {
  it.each([
    ['en', 'Aliyev lifts restrictions on transit to Armenia', 'Azerbaijan lifted all restrictions on cargo transit to Armenia, President Aliyev said.\n\nThe first train with Kazakh grain left for Armenia via Georgia.'],
    ['az', 'Əliyev Ermənistana yük tranzitinə qoyulan məhdudiyyətlərin götürüldüyünü elan edib', 'Prezident İlham Əliyev Azərbaycan ərazisindən Ermənistana yüklərin tranzitinə qoyulan məhdudiyyətlərin aradan qaldırıldığını bildirib.\n\nİlk qatar yola düşüb.'],
  ])('%s', (_lang, title, text) => {
    const r = explainArticle({ title, text }, topic);
    expect(r.signals.terms).toEqual(expect.arrayContaining(['lifting restrictions', 'connectivity']));
    expect(r.features.titleProcess).toBe(true);
  });
  it('a ban lifted on its own is not a talks sentence', () => {
    const r = explainArticle({ title: 'Armenia lifts ban on Azerbaijani imports of cheese', text: 'Officials said Armenia lifted the ban. Azerbaijan welcomed it.' }, topic);
    expect(r.features.titleProcess).toBe(false);
  });
});

describe('future and negative verb forms', () => {
  it.each([
    ['hy future prefix կ-', 'Միրզոյանը և Բայրամովը կհանդիպեն Ալմաթիում', 'meeting'],
    ['hy future prefix կ- (sign)', 'Փաշինյանը և Ալիևը կստորագրեն փաստաթուղթը', 'signing'],
    ['ru perfective future', 'Пашинян и Алиев подпишут документ', 'signing'],
    ['ru future of meet', 'Мирзоян и Байрамов встретятся в Алматы', 'meeting'],
    ['de present of treffen', 'Paschinjan trifft Alijew in Berlin', 'meeting'],
  ])('%s', (_k, title, term) => {
    expect(tag(title, 'x').signals.terms).toContain(term);
  });
});
