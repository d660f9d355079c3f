/**
 * Round 19 (tagmed19b; issue 12; docs/tagging.md "Round 19 (tagmed19b)"): mediators on kinds real
 * coverage showed — past mediators named only through their attempt or failure ("neither the EU
 * nor Russia managed it"), the Georgian loanword of mediation, a host city written after its own
 * state's adjective ("w kazachstańskim Ałmaty"). Sentences written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string, language: string) => explainArticle({ title, text, language }, topic);

describe('a past mediator named through its attempt or failure', () => {
  it.each([
    ['en', 'Armenia and Azerbaijan sign peace declaration at the White House',
      'Aliyev and Pashinyan signed a joint declaration on Friday and initialled the text of the peace treaty.\n\nThe US president said the European Union tried and Russia tried for three decades of talks, and nobody got it done.',
      ['European Union', 'Russia']],
    ['ru', 'Алиев и Пашинян подписали декларацию в Вашингтоне',
      'Лидеры Армении и Азербайджана подписали совместную декларацию и парафировали мирное соглашение.\n\nПо словам Трампа, урегулировать конфликт не смогли ни Европейский союз, ни Россия.',
      ['European Union', 'Russia']],
    ['pl', 'Armenia i Azerbejdżan podpisały deklarację pokojową',
      'Przywódcy Armenii i Azerbejdżanu podpisali w Białym Domu wspólną deklarację i parafowali traktat pokojowy.\n\nWielu próbowało wcześniej doprowadzić do porozumienia, w tym Unia Europejska. Rosjanie również bardzo się starali.',
      ['European Union', 'Russia']],
    ['fr', '', "L'Arménie et l'Azerbaïdjan ont paraphé le traité de paix jeudi. Selon le président américain, ni l'Union européenne ni la Russie n'y étaient parvenues.", ['European Union', 'Russia']],
    ['de', '', 'Armenien und Aserbaidschan haben den Friedensvertrag paraphiert. Weder die EU noch Russland hatten das geschafft, sagte der US-Präsident.', ['European Union', 'Russia']],
    ['es', '', 'Armenia y Azerbaiyán rubricaron el tratado de paz. Ni la Unión Europea ni Rusia lo habían logrado en treinta años, dijo el presidente estadounidense.', ['European Union', 'Russia']],
    ['it', '', "Armenia e Azerbaigian hanno siglato il trattato di pace. Né l'Unione europea né la Russia ci erano riuscite, ha detto il presidente americano.", ['European Union', 'Russia']],
  ])('%s', (language, title, text, want) => {
    const r = tag(title, text, language);
    expect(r.relevant).toBe(true);
    for (const m of want) expect(r.signals.mediators).toContain(m);
  });

  it('the state named through its failure is no state taking part', () => {
    const r = tag('Алиев и Пашинян подписали декларацию в Вашингтоне',
      'Лидеры Армении и Азербайджана подписали совместную декларацию и парафировали мирное соглашение.\n\nПо словам Трампа, урегулировать конфликт не смогли ни Европейский союз, ни Россия.', 'ru');
    expect(r.signals.countries).not.toContain('Russia');
  });

  it('guard: a failure in another dyad names no mediator of this one', () => {
    const r = tag('Armenia and Azerbaijan agree on peace treaty text',
      'The foreign ministers of Armenia and Azerbaijan agreed the last articles of the peace treaty in talks on Thursday.\n\nIn a separate conflict, Russia and Ukraine failed to agree on a truce after Turkey tried to mediate.', 'en');
    expect(r.signals.mediators).not.toContain('Turkey');
  });
});

describe('the Georgian loanword of mediation', () => {
  it('"X-ის მედიაციით" names the mediator', () => {
    const r = tag('', 'სომხეთის და აზერბაიჯანის ლიდერებმა სამშვიდობო შეთანხმებას მიაღწიეს.\n\n2025 წლის აგვისტოში სომხეთმა და აზერბაიჯანმა აშშ-ის პრეზიდენტის მედიაციით რამდენიმე შეთანხმებას მოაწერეს ხელი.', 'ka');
    expect(r.signals.mediators).toContain('United States');
  });
});

describe("a host city after its own state's adjective", () => {
  it.each([
    ['pl', 'Szefowie dyplomacji Armenii i Azerbejdżanu Ararat Mirzojan i Ceyhun Bayramov rozmawiali w kazachstańskim Ałmaty o traktacie pokojowym.'],
    ['ru', 'Министры иностранных дел Армении и Азербайджана Арарат Мирзоян и Джейхун Байрамов провели переговоры по мирному договору в казахстанском Алматы.'],
  ])('%s', (language, text) => {
    const r = tag('', text, language);
    expect(r.signals.mediators).toContain('Kazakhstan');
  });

  it("guard: another state's adjective before the city is not its scene", () => {
    const r = tag('', 'Министры иностранных дел Армении и Азербайджана провели переговоры в казахстанском посольстве в Москве о мирном договоре.', 'ru');
    expect(r.signals.mediators).not.toContain('Kazakhstan');
  });
});

describe('a state a route avoids, in a story about the process', () => {
  it.each([
    ['en', 'The leaders of Armenia and Azerbaijan agreed on the route through southern Armenia in the peace talks. Its backers say it will link Central Asia with Europe without passing through Iran or Russia.', ['Iran', 'Russia']],
    ['ru', 'Армения и Азербайджан согласовали на переговорах маршрут через юг Армении. Его сторонники говорят, что он свяжет Центральную Азию с Европой в обход России.', ['Russia']],
  ])('%s', (language, text, gone) => {
    const r = explainArticle({ title: '', text, language }, topic);
    expect(r.relevant).toBe(true);
    for (const c of gone) expect(r.signals.countries).not.toContain(c);
  });
});

describe('a list of third states before a border word', () => {
  it('the first state of "X and Y share a border" is geography too', () => {
    const text = 'Armenia and Azerbaijan agreed in the peace talks to reopen the railway to Nakhchivan. The exclave, which Iran and Turkey border, would be linked to the rest of Azerbaijan.';
    const r = explainArticle({ title: '', text, language: 'en' }, topic);
    expect(r.relevant).toBe(true);
    expect(r.signals.countries).not.toContain('Iran');
  });
});

describe('mediators written in full in Ukrainian, Russian and Armenian', () => {
  it('"Європейський Союз" (Ukrainian є) is the European Union', () => {
    const r = explainArticle({ title: '', text: 'Вірменія та Азербайджан провели переговори щодо мирного договору за посередництва Європейського Союзу.', language: 'uk' }, topic);
    expect(r.signals.mediators).toContain('European Union');
  });
  it('Armenian "Եվրամիություն" is the European Union', () => {
    const r = explainArticle({ title: '', text: 'Հայաստանի և Ադրբեջանի արտգործնախարարները բանակցություններ են վարել Եվրամիության միջնորդությամբ։', language: 'hy' }, topic);
    expect(r.signals.mediators).toContain('European Union');
  });
  it('"Соединённые Штаты" is the United States', () => {
    const r = explainArticle({ title: '', text: 'Армения и Азербайджан провели переговоры по мирному договору при посредничестве Соединённых Штатов.', language: 'ru' }, topic);
    expect(r.signals.mediators).toContain('United States');
  });
});
