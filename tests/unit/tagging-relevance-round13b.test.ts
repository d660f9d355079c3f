/**
 * Kinds of relevance and mediator fault read from heldout-round11's misses (issue 12 round 13,
 * docs/tagging.md "Round 13 (tagrel13b)"): the transit ban named as a veto or an embargo, the
 * 10 November 2020 statement's own operative wording, the parties as "the two sides" in the Arabic
 * nominative dual or as "the two governments", the parties' joint appeal, the two treaty articles
 * left open in March 2025, Armenia's COP29 bid withdrawn for Azerbaijan's, and four- or five-way
 * formats naming the states that met the parties. Every text is our own; each "kind" test fails on
 * main 5ab9aa7, the guards pass there too.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('the transit ban named as a veto or an embargo', () => {
  it('Spanish: headline-less, "retira el veto al tránsito" of goods for Armenia', () => {
    const r = tag(null, 'Compartir\n\nBakú retira el veto al tránsito de mercancías con destino a Armenia, según la presidencia azerí.');
    expect(r.relevant).toBe(true);
  });
  it('Italian: "revoca il veto sul transito" toward Armenia', () => {
    const r = tag('Transito, svolta azera', "Baku revoca il veto sul transito verso l'Armenia: lo ha annunciato Aliyev.");
    expect(r.relevant).toBe(true);
  });
  it('guard: a Security Council veto with both parties named in passing stays out', () => {
    const r = tag(
      'Veto en el Consejo de Seguridad',
      'Rusia vetó la resolución sobre Siria. En la misma sesión hablaron los embajadores de Armenia y de Azerbaiyán sobre el clima.',
    );
    expect(r.relevant).toBe(false);
  });
});

describe("the 10 November 2020 statement's operative wording", () => {
  it('English: the official title and "all hostilities" stop (no ceasefire noun)', () => {
    const r = tag(
      'Statement by the President of the Republic of Azerbaijan, the Prime Minister of the Republic of Armenia and the President of the Russian Federation',
      'From midnight, fire and all hostilities in the zone of the conflict stop. The Kalbajar district is returned by 15 November.',
    );
    expect(r.relevant).toBe(true);
  });
  it('Azerbaijani: "bütün hərbi əməliyyatlar dayandırılır" under the three leaders\' title', () => {
    const r = tag(
      'Azərbaycan Respublikası Prezidentinin, Ermənistan Respublikası Baş nazirinin və Rusiya Federasiyası Prezidentinin Bəyanatı',
      'Gecə yarısından münaqişə zonasında atəş və bütün hərbi əməliyyatlar dayandırılır. Regionda iqtisadi və nəqliyyat əlaqələri bərpa olunur.',
    );
    expect(r.relevant).toBe(true);
  });
});

describe('the parties as "the two sides" or "the two governments"', () => {
  it('Arabic: "الجانبان" (nominative dual) after a lead about a third state\'s climate event', () => {
    const r = tag(
      'باكو ويريفان تتبادلان المحتجزين',
      'أعلنت أذربيجان وأرمينيا الإفراج عن محتجزين، وسحبت يريفان ترشحها لاستضافة مؤتمر المناخ لصالح باكو. واتفق الجانبان على استئناف مفاوضات معاهدة السلام.',
    );
    expect(r.relevant).toBe(true);
  });
  it('Spanish: an interview whose last turn names "los dos gobiernos"', () => {
    const r = tag(
      '«El texto está cerrado»',
      'ENTREVISTA\n\n—¿Qué falta?\n—Ereván aceptó la redacción de Bakú sobre la presencia de fuerzas de terceros en la frontera.\n\n—¿Y después?\n—Azerbaiyán exige una reforma constitucional en Armenia.\n\n—¿Hay mediadores?\n—No. Los dos gobiernos negocian directamente.',
    );
    expect(r.relevant).toBe(true);
  });
});

describe("the parties' joint appeal", () => {
  it('Italian: the OSCE closes the Minsk Group on a "richiesta congiunta" of Yerevan and Baku', () => {
    const r = tag(
      "L'OSCE scioglie il Gruppo di Minsk",
      'Il Consiglio ministeriale ha deciso su richiesta congiunta di Erevan e Baku, presentata a Washington in agosto.',
    );
    expect(r.relevant).toBe(true);
  });
  it('guard: a joint appeal of two other states stays out', () => {
    const r = tag('Joint appeal to the IMF', 'Serbia and Montenegro made a joint appeal to the IMF. Armenia was not mentioned in the talks.');
    expect(r.relevant).toBe(false);
  });
});

describe("Armenia's COP29 bid withdrawn for Azerbaijan's", () => {
  it('English: the climate phrase does not frame the story as a third party\'s process', () => {
    const r = tag(
      'Armenia and Azerbaijan free detainees',
      'In a joint statement, Armenia said it withdrew its bid to host the climate conference in support of Azerbaijan. The two sides agreed to keep negotiating the peace treaty.',
    );
    expect(r.relevant).toBe(true);
  });
  it('guard: a third state\'s climate bid with Azerbaijan named stays out', () => {
    const r = tag(
      'Bulgaria drops climate bid',
      'Bulgaria withdrew its bid to host COP29 after a veto. Azerbaijan and Armenia were named among other candidates for the climate conference.',
    );
    expect(r.relevant).toBe(false);
  });
});

describe('four- and five-way formats name the states that met the parties (mediators)', () => {
  it('Italian: "un incontro a cinque con Macron e Scholz"', () => {
    const r = tag(
      'Michel riceve Aliyev e Pashinyan',
      'I leader di Armenia e Azerbaigian hanno discusso a Bruxelles del trattato di pace. Michel ha annunciato un incontro a cinque con Macron e Scholz in autunno.',
    );
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toEqual(expect.arrayContaining(['France', 'Germany']));
  });
  it('French: "une rencontre à quatre avec la France"', () => {
    const r = tag(
      'Aliev et Pachinian à Bruxelles',
      "Les dirigeants de l'Arménie et de l'Azerbaïdjan ont négocié le traité de paix. Une rencontre à quatre avec la France est prévue en octobre.",
    );
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toContain('France');
  });
});
