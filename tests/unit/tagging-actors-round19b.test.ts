/**
 * Round 19 (tagact19b; issue 12; docs/tagging.md "Round 19 (tagact19b)"): actors on the kinds real
 * coverage showed — the story's officials in Arabic, Persian and Georgian script (the topic's
 * per-person table), a -yan surname's skeleton, persons named by their trade, photo credits, a
 * person after an office's complement and a comma, a list after a plural title. Sentences are
 * written for these tests; the persons outside the topic file are invented.
 */
import { describe, expect, it } from 'vitest';
import { explainArticle, loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (text: string, language: string) => explainArticle({ title: '', text, language }, topic).signals;
const actors = (text: string, language: string) => tag(text, language).actors;

describe('consonant skeletons of -yan surnames', () => {
  it('a Georgian genitive of a -yan surname is not the town Vardenis', () => {
    expect(tag('ყოფილი სახელმწიფო მინისტრის, ტიგრან ვარდანიანის საქმე ცალკე განიხილება ბაქოში.', 'ka').places).not.toContain('Vardenis');
  });
  it('an Armenian first name that is a surname root (Մնացական) is not the surname', () => {
    expect(actors('Մնացական Պողոսյանը հայտարարել է, որ Երևանը պատրաստ է շարունակել բանակցությունները։', 'hy')).not.toContain('Zohrab Mnatsakanyan');
  });
});

describe('the story officials in Arabic, Persian and Georgian script', () => {
  it.each([
    ['fa', 'علی اف در کنفرانس مشترک با «ایراکلی گاریباشویلی» نخست وزیر گرجستان سخن گفت.', 'Irakli Garibashvili'],
    ['ar', 'قالت المتحدثة باسم البيت الأبيض كارولين ليفيت إن الاتفاق بين أرمينيا وأذربيجان سيوقع قريبا.', 'Karoline Leavitt'],
    ['fa', 'بایراماف با همتای ارمنی خود در ژنو دیدار کرد.', 'Jeyhun Bayramov'],
    ['ka', 'ჰეიდარ ალიევის სახელობის ცენტრში შეხვედრა გაიმართა.', 'Heydar Aliyev'],
  ])('%s: %s', (language, text, name) => {
    expect(actors(text, language)).toContain(name);
  });
});

describe('persons named by their trade, in photo credits, after an office and a comma, in lists', () => {
  it.each([
    ['en', 'His lawyer Daniel Okafor asked the court in Baku to release the Armenian detainee.', ['Daniel Okafor']],
    ['az', 'Bu barədə aktrisa Nərmin Qasımova məlumat verib.', ['Narmin Gasimova']],
    ['en', 'Pashinyan and Aliyev shook hands in Washington. REUTERS/Dan Moore', ['Dan Moore']],
    ['pl', 'Premier Armenii podpisał deklarację. Źródło: PAP/EPA/JOHN FOSTER / POOL', ['John Foster']],
    ['it', 'Il segretario generale della Nato, Mark Dunbar, ha parlato con il premier armeno a Bruxelles.', ['Mark Dunbar']],
    ['pl', 'Jak podkreśliła rzeczniczka Białego Domu, Joanna Wells, prezydent USA spotka się z Alijewem.', ['Joanna Wells']],
    ['uk', 'Про це повідомив прессекретар вірменського оборонного відомства Арам Мкртчян, якого цитує агентство.', ['Aram Mkrtchyan']],
    ['ru', 'Адвокат Сергей Петров заявил, что суд в Баку отложен.', ['Sergey Petrov']],
    ['es', 'Lo acompañó el jefe de la Dirección Principal del Estado Mayor de las Fuerzas Armadas, Pavel Orlov.', ['Pavel Orlov']],
    [
      'en',
      'Vardanyan noted that MPs from the Hayastan faction Mher Avanesyan, Garnik Poghosyan, Arman Tadevosyan and Ishkhan Mkrtchyan are with her.',
      ['Mher Avanesyan', 'Garnik Poghosyan', 'Arman Tadevosyan', 'Ishkhan Mkrtchyan'],
    ],
  ])('%s: %s', (language, text, names) => {
    expect(actors(text, language)).toEqual(expect.arrayContaining(names));
  });

  it('an author on a line of its own under the date or after the text, not a team or a rubric', () => {
    expect(actors('12 March 2026 10:40\nNarmin Huseynzada\nArmenia and Azerbaijan resumed border talks in Gazakh.', 'en')).toContain('Narmin Huseynzada');
    expect(actors('Armenia and Azerbaijan resumed border talks.\nSource: Armenpress.\nGarnik Ohanian', 'fr')).toContain('Garnik Ohanian');
    expect(actors('Real Madrid\nThe club beat Qarabag 2-1.\nRelated News', 'en')).toEqual([]);
  });

  it('a credit naming a body, and states after an office and a comma, name nobody', () => {
    expect(actors('The first train crossed the border into Armenia. Photo: South Caucasus Railway', 'en')).toEqual([]);
    expect(actors('The presidents of Armenia, Azerbaijan and Georgia met in Tbilisi.', 'en')).toEqual([]);
  });
});
