/**
 * Relevance misses left by round 16 (issue 12, helper tagrel16d; docs/tagging.md "Round 16
 * (tagrel16d)"): delimitation coverage that names the process through its bodies — the border
 * commissions "of the two countries", no state named — and the delimitation's implementation told
 * by sections of the border (troops withdrawn, border guards taking over). Every text is our own.
 * Which tests fail on main is said in the docs section.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('the border commissions of the two countries stand for the parties (dyadicBody)', () => {
  it('English: the two countries\' delimitation commissions met, no state named', () => {
    const r = tag(null, 'The deputy prime ministers of the two countries chaired a new session of the border commissions on the frontier on Tuesday. They approved a schedule of field work for the northern stretch.');
    expect(r.relevant).toBe(true);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
  });
  it('Russian: "комиссии двух стран по делимитации" (oblique "двух стран")', () => {
    expect(tag(null, 'Комиссии по делимитации двух стран провели очередное заседание на границе и утвердили план полевых работ на северном участке.').relevant).toBe(true);
  });
  it('Italian: "commissioni sulla delimitazione" of "i due Paesi"', () => {
    expect(tag(null, 'I vicepremier dei due Paesi hanno presieduto la riunione delle commissioni sulla delimitazione e hanno fissato le prossime tappe del lavoro sul terreno.').relevant).toBe(true);
  });
  it('guard: the two countries named as another pair stay another pair\'s commissions', () => {
    expect(tag(null, 'Kyrgyzstan and Tajikistan: the border commissions of the two countries met in Batken and agreed on a new stretch of the line.').relevant).toBe(false);
  });
  it('Azerbaijani: "the leaders" (liderlər) under the EU chair, with the commissions, no state named', () => {
    expect(tag(null, 'Şarl Mişel bildirib ki, liderlər Brüsseldə ərazi bütövlüyünə hörmət öhdəliyini bir daha təsdiqləyiblər.\n\nDelimitasiya komissiyaları növbəti iclası gələn ay keçirəcək.').relevant).toBe(true);
  });
  it('guard: another state\'s official speaking of "the two countries\' commissions" is not enough', () => {
    expect(tag(null, 'Georgian Prime Minister said the border commissions of the two countries will meet in Tbilisi next week.').relevant).toBe(false);
  });
  it('guard: commissions of the two countries with no dyadic term in their sentence', () => {
    expect(tag(null, 'The border commission met on Tuesday. The two countries exchange ambassadors next year.').relevant).toBe(false);
  });
});

describe('sections of the border: the delimitation carried out', () => {
  it('German: troops leave the border section, border guards take over (both states named)', () => {
    const r = tag(null, 'Armenien und Aserbaidschan haben ihre Soldaten aus dem Grenzabschnitt bei Woskepar abgezogen, den nun Grenzschützer übernehmen. Ein weiterer Abschnitt folgt im Sommer. Die Grundlage ist die Abgrenzung, die im Frühjahr vereinbart wurde.');
    expect(r.relevant).toBe(true);
  });
  it('Russian: border guards took over the sections of the border', () => {
    const r = tag('Пограничники приняли участки у Тавуша', 'Пограничные войска Армении взяли под охрану участки границы у Воскепара и Кирантса. С другой стороны те же участки охраняет пограничная служба Азербайджана. Это итог делимитации, о которой договорились весной.');
    expect(r.relevant).toBe(true);
  });
  it('guard: a shooting on a border section stays a clash', () => {
    const r = tag('Shooting on the border', 'Azerbaijani forces fired on Armenian positions on a border section near Sotk overnight, the Armenian defence ministry said. Two soldiers were wounded in the shelling.');
    expect(r.relevant).toBe(false);
  });
});
