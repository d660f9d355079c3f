/**
 * Issue 12: the tagger on the shapes and languages of real coverage. Every article here was
 * written for these tests (no third-party text); each case stands for a kind of fault found on
 * real articles, not for one article.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage, loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string, text: string) => tagArticle({ title, text }, topic);

describe('language identification (eld behind script and function-word rules)', () => {
  it('identifies every article of the multilingual dev set, 14 languages', () => {
    const file = resolve(import.meta.dirname, '../fixtures/tagging/multilingual-dev.jsonl');
    const items = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; lang: string; title: string; text: string });
    const wrong = items.filter((it) => tagArticle({ title: it.title, text: it.text }, topic).language !== it.lang).map((it) => it.id);
    expect(new Set(items.map((it) => it.lang)).size).toBe(14);
    expect(wrong).toEqual([]);
  });

  it('tells apart the languages a function-word count confuses', () => {
    expect(detectLanguage('Il ministro degli Esteri ha incontrato il suo omologo per discutere del trattato e della frontiera comune.')).toBe('it');
    expect(detectLanguage('Ministrowie spraw zagranicznych spotkali się w piątek, aby omówić projekt traktatu pokojowego.')).toBe('pl');
    expect(detectLanguage('Miniștrii de externe s-au întâlnit vineri pentru a discuta proiectul tratatului de pace.')).toBe('ro');
    expect(detectLanguage('وزیران امور خارجه روز جمعه برای گفتگو درباره پیش‌نویس پیمان صلح با یکدیگر دیدار کردند.')).toBe('fa');
    expect(detectLanguage('اجتمع وزيرا الخارجية يوم الجمعة لمناقشة مسودة معاهدة السلام بين البلدين.')).toBe('ar');
    expect(detectLanguage('Міністри закордонних справ зустрілися, щоб обговорити проєкт мирної угоди.')).toBe('uk');
    expect(detectLanguage('საგარეო საქმეთა მინისტრები პარასკევს შეხვდნენ.')).toBe('ka');
  });
});

describe('shape of real input', () => {
  const body = 'The deputy prime ministers of Armenia and Azerbaijan signed a protocol on the next section of the border to be delimited, their offices said on Thursday.\n\nThe two border commissions agreed to begin fieldwork in the spring.';
  it('a text without its headline and with boilerplate lines ("Share", a year, a weather line) is relevant', () => {
    const r = tag('', `Share\n\n2025\n\nYerevan +14°C, light rain\n\n${body}\n\nShare\n\nPrint`);
    expect(r.relevant).toBe(true);
    expect(r.score).toBe(tag('', body).score);
  });

  it('boilerplate lines do not make an unrelated text relevant', () => {
    const r = tag('', 'Share\n\n2025\n\nThe central bank of Armenia kept its key rate unchanged on Tuesday, citing slowing inflation.\n\nAnalysts expect a cut in the autumn as food prices ease.\n\nShare');
    expect(r.relevant).toBe(false);
  });

  it('the 10 November 2020 statement under its official title, as numbered clauses, is relevant', () => {
    const r = tag(
      'Statement by the President of the Republic of Azerbaijan, the Prime Minister of the Republic of Armenia and the President of the Russian Federation',
      '1. A complete ceasefire and an end to all military action in the zone of the conflict are declared from midnight.\n\n2. A peacekeeping contingent of the Russian Federation is deployed along the line of contact and along the Lachin corridor.\n\n3. All economic and transport links in the region are unblocked.',
    );
    expect(r.relevant).toBe(true);
    expect(r.signals.mediators).toContain('Russia');
  });
});

describe('guideline rule 4 and rule 6', () => {
  it('protest paragraphs about a described agreement keep the article on topic', () => {
    const r = tag(
      'Villagers in Tavush block road over border deal',
      'The border commissions of Armenia and Azerbaijan agreed on Friday on a section of the boundary in Tavush under which four villages pass to Azerbaijan.\n\nResidents of Kirants blocked the highway on Saturday in protest. Protesters said the new line runs through their orchards.\n\nHundreds joined a rally in the village square on Sunday, and the march continued towards the regional centre.',
    );
    expect(r.relevant).toBe(true);
  });

  it('a rally about domestic politics whose last line names the deal stays off topic', () => {
    const r = tag(
      'Thousands rally in Yerevan demanding the prime minister resign',
      'Thousands of people rallied in the capital on Sunday demanding the resignation of Prime Minister Nikol Pashinyan and early elections.\n\nProtesters marched to parliament, where opposition lawmakers called an extraordinary session to vote on the government.\n\nThe movement began in the spring in protest at the government\'s border agreement with Azerbaijan.',
    );
    expect(r.relevant).toBe(false);
  });

  it('EU visa talks with each country separately are not the talks between them, in three languages', () => {
    const en = tag('EU opens visa dialogue with Armenia, resumes visa talks with Azerbaijan', 'The European Union opened a visa liberalisation dialogue with Armenia in Brussels.\n\nIn separate negotiations, EU officials and Azerbaijan discussed updating their visa facilitation agreement. The two processes are not linked.');
    const hy = tag('ԵՄ-ն առանձին բանակցում է Հայաստանի և Ադրբեջանի հետ վիզային հարցերով', 'Եվրոպական միությունը Հայաստանի հետ սկսել է վիզաների ազատականացման երկխոսությունը։\n\nԱռանձին ԵՄ-ն բանակցություններ է վարում Ադրբեջանի հետ վիզային դյուրացման համաձայնագրի շուրջ։');
    const ar = tag('الاتحاد الأوروبي يبحث التأشيرات مع أرمينيا وأذربيجان كلا على حدة', 'بدأ الاتحاد الأوروبي حوارا مع أرمينيا بشأن تحرير التأشيرات.\n\nوفي مسار منفصل أجرى مسؤولون أوروبيون مفاوضات مع أذربيجان بشأن تسهيل التأشيرات.');
    for (const r of [en, hy, ar]) {
      expect(r.relevant).toBe(false);
      expect(r.signals.mediators).toEqual([]);
    }
  });
});

describe('the talks in every language the story is reported in', () => {
  const cases: [string, string, string][] = [
    ['tr', 'Aliyev ve Paşinyan barış anlaşmasını parafe etti', "Azerbaycan Cumhurbaşkanı İlham Aliyev ile Ermenistan Başbakanı Nikol Paşinyan, Washington'da barış anlaşmasının metnini parafe etti."],
    ['fa', 'پاراف توافقنامه صلح ارمنستان و جمهوری آذربایجان', 'الهام علی‌اف و نیکول پاشینیان در واشنگتن متن توافقنامه صلح را پاراف کردند.'],
    ['ar', 'أرمينيا وأذربيجان توقعان بالأحرف الأولى على معاهدة السلام', 'وقع علييف وباشينيان بالأحرف الأولى على نص معاهدة السلام في واشنطن.'],
    ['ka', 'სომხეთმა და აზერბაიჯანმა სამშვიდობო შეთანხმების ტექსტი პარაფირებით დაამოწმეს', 'ალიევმა და ფაშინიანმა ვაშინგტონში სამშვიდობო შეთანხმების ტექსტის პარაფირება მოახდინეს.'],
    ['es', 'Armenia y Azerbaiyán rubrican el tratado de paz', 'Aliyev y Pashinián rubricaron en Washington el texto del tratado de paz.'],
    ['it', 'Armenia e Azerbaigian siglano il trattato di pace', 'Aliyev e Pashinyan hanno siglato a Washington il testo del trattato di pace.'],
    ['pl', 'Armenia i Azerbejdżan parafowały traktat pokojowy', 'Alijew i Paszynian parafowali w Waszyngtonie tekst traktatu pokojowego.'],
    ['uk', 'Вірменія та Азербайджан парафували мирну угоду', 'Алієв і Пашинян парафували у Вашингтоні текст мирної угоди.'],
  ];
  it.each(cases)('%s: an initialled treaty is relevant, with both parties and both leaders', (lang, title, text) => {
    const r = tag(title, text);
    expect(r.language).toBe(lang);
    expect(r.relevant).toBe(true);
    expect(r.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(r.signals.actors).toEqual(expect.arrayContaining(['Ilham Aliyev', 'Nikol Pashinyan']));
  });

  it('the 2025 vocabulary: transit ban lifted, grain transit, the constitution precondition', () => {
    expect(tag('Azerbaijan lifts transit ban on cargo to Armenia', 'The first shipment, Kazakh grain, will cross Azerbaijan and Georgia by rail to Armenia.').relevant).toBe(true);
    expect(tag('', 'Aliyev said Azerbaijan would sign the treaty with Armenia once Armenia removes the territorial claims from its constitution.').relevant).toBe(true);
  });
});

describe('signals', () => {
  it('word-boundary stems: "social", "society", Даниелян, Данилов and "Berliner Zeitung" are not places or states', () => {
    const r = tag('Armenia and Azerbaijan', 'Social media users and civil society groups in Armenia and Azerbaijan debated the draft. Политолог Даниелян и журналист Данилов обсудили это. The Berliner Zeitung ran an interview.');
    expect(r.signals.places).not.toContain('Sochi');
    expect(r.signals.places).not.toContain('Berlin');
    expect(r.signals.countries).not.toContain('Denmark');
    const inflected = tag('Armenia and Azerbaijan', 'Leaders met in Sochi. Лидеры встретились в Сочи. Liderler Soçi\'de bir araya geldi. Treffen in Berlin.');
    expect(inflected.signals.places).toEqual(expect.arrayContaining(['Sochi', 'Berlin']));
  });

  it('German inflected forms name the states and Brussels', () => {
    const r = tag('Paschinjan und Alijew treffen sich auf Einladung Frankreichs und Deutschlands', 'Armeniens Regierungschef Nikol Paschinjan und Aserbaidschans Präsident Ilham Alijew verhandelten in Brüssel über den Friedensvertrag.');
    expect(r.signals.countries).toEqual(expect.arrayContaining(['France', 'Germany', 'Armenia', 'Azerbaijan']));
    expect(r.signals.places).toContain('Brussels');
    expect(r.signals.mediators).toEqual(expect.arrayContaining(['France', 'Germany']));
  });

  it('the White House in any language is the scene Washington, but not where it stands for the administration', () => {
    const scenes = [
      'Aliyev and Pashinyan signed the joint declaration at the White House.',
      'Aliev et Pachinian ont signé la déclaration conjointe à la Maison Blanche.',
      'Aliyev y Pashinián firmaron la declaración conjunta en la Casa Blanca.',
      'Алиев и Пашинян подписали совместную декларацию в Белом доме.',
      'Alijew und Paschinjan unterzeichneten die gemeinsame Erklärung im Weißen Haus.',
    ];
    for (const text of scenes) expect(tag('', text).signals.places).toEqual(['Washington']);
    expect(tag('', 'The White House said Armenia and Azerbaijan agreed on the treaty text.').signals.places).toEqual([]);
  });

  it('mediators named by role or venue: "hosted by", "at the invitation of", "with the mediation of"', () => {
    expect(tag('', 'Aliyev and Pashinyan held talks in Abu Dhabi hosted by the President of the United Arab Emirates.').signals.mediators).toContain('United Arab Emirates');
    expect(tag('', 'At the invitation of Kazakhstan, the foreign ministers of Armenia and Azerbaijan held peace talks.').signals.mediators).toContain('Kazakhstan');
    expect(tag('', 'Armenia and Azerbaijan agreed on the text with the mediation of the United States.').signals.mediators).toContain('United States');
  });

  it('Arabic proclitics and Turkish apostrophe endings', () => {
    const ar = tag('', 'التقى علييف وباشينيان في واشنطن لبحث معاهدة السلام بين أرمينيا وأذربيجان.');
    expect(ar.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(ar.signals.places).toContain('Washington');
    const tr = tag('', "Aliyev ve Paşinyan barış anlaşmasını Washington'da parafe etti.");
    expect(tr.signals.places).toContain('Washington');
  });

  it('adjectives of nationality name a state only for its officials, agencies or forces', () => {
    const sport = tag('Qarabag beat Benfica in Lisbon', 'The Azerbaijani champions came from two goals down; George Russell and two Armenian grandmasters watched from the stands.');
    expect(sport.signals.countries).toEqual([]);
    const officials = tag('', 'The Azerbaijani foreign minister and the Armenian government said talks on the peace treaty would resume.');
    expect(officials.signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(officials.relevant).toBe(true);
  });
});
