/**
 * Places and countries on real coverage (round 20, tagsig20; issue 12; docs/tagging.md "Round 20
 * (tagsig20)"): a state acting through its court, law enforcement, central bank or border guards;
 * the delimitation villages in Armenian script and in the spellings real coverage uses; a capital
 * named as the other side of a relation, support or cooperation (its government, no place). Each
 * kind has its guard. Sentences are written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (text: string, language: string, title = '') => explainArticle({ title, text, language }, topic).signals;

describe('a state acting through its institutions', () => {
  it('ru/en/de: a court, a central bank, border guards name their state as taking part', () => {
    expect(tag('Азербайджанский суд начал новый процесс над бывшими чиновниками непризнанной республики.', 'ru').countries).toContain('Azerbaijan');
    expect(tag('Russia\'s central bank cut its key rate by one point on Friday, citing slower inflation.', 'en').countries).toContain('Russia');
    expect(tag('Am Übergang prüften aserbaidschanische Grenzschutzbeamte die Papiere der Ankommenden.', 'de').countries).toContain('Azerbaijan');
  });

  it('guard: a state named as nationality only stays out', () => {
    expect(tag('Der Roman eines aserbaidschanischen Autors erscheint im Herbst auf Deutsch.', 'de').countries).not.toContain('Azerbaijan');
  });
});

describe('the delimitation villages in other scripts and spellings', () => {
  it('hy/en/it: the four villages of the Gazakh district', () => {
    expect(tag('Սահմանազատման արդյունքում Բաղանիս Այրում, Աշաղը Ասկիպարա, Խեյրումլի և Քըզըլ Հաճիլի գյուղերի հողերը փոխանցվեցին։', 'hy').places)
      .toEqual(expect.arrayContaining(['Baghanis Ayrum', 'Ashagi Askipara', 'Kheyrimli', 'Gizilhajili']));
    expect(tag('The commissions agreed that Ashaghi Askipara and Ghizilhajili would be the first villages returned.', 'en').places).toEqual(expect.arrayContaining(['Ashagi Askipara', 'Gizilhajili']));
    expect(tag('I villaggi di Baganis Airym e Kyzyl-Gadzhily sono passati all\'Azerbaigian dopo la delimitazione.', 'it').places).toEqual(expect.arrayContaining(['Baghanis Ayrum', 'Gizilhajili']));
  });

  it('hy guard: the Armenian village Baghanis alone is still Baghanis', () => {
    expect(tag('Բաղանիս գյուղի բնակիչները բողոքում են սահմանազատման դեմ։', 'hy').places).toContain('Baghanis');
  });
});

describe('a capital as the other side of a relation', () => {
  it('es/en/az: cooperation with, support to, relations with a capital: no place', () => {
    expect(tag('Washington levantará las restricciones a la cooperación militar con Bakú tras la firma de la paz entre Armenia y Azerbaiyán.', 'es').places).not.toContain('Baku');
    expect(tag('The pact with Armenia includes American military support to Baku, officials said.', 'en').places).not.toContain('Baku');
    expect(tag('Vaşinqton Bakı ilə hərbi əməkdaşlığı genişləndirəcək, Ermənistanla sülh sazişi imzalanıb.', 'az').places).not.toContain('Baku');
  });

  it('guard: a journey to the capital keeps it a place', () => {
    expect(tag('La delegación de Armenia viajó a Bakú para la reunión de la comisión de delimitación.', 'es').places).toContain('Baku');
  });
});
