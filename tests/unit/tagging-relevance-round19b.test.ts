/**
 * Relevance kinds on real Georgian and Azerbaijani coverage (issue 12, round 19, helper tagrel19b;
 * docs/tagging.md "Round 19 (tagrel19b)"). Every text is our own; which tests fail on main is
 * said in the docs.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const tag = (title: string | null, text: string) => tagArticle({ title, text }, topic);

describe('the 10 November 2020 statement named by its date is the dyad\'s document (guideline rule 2)', () => {
  it('Azerbaijani: a headline-less text whose first line names Armenia and "the 10 November statement"', () => {
    const text = [
      'Lavrov: Ermənistan rəhbərliyi 10 noyabr bəyanatının əsas sənəd olduğunu qəbul edib',
      'Rusiyanın xarici işlər naziri bu barədə İrəvanda səfər zamanı jurnalistlərə danışıb.',
      'Onun sözlərinə görə, sənədin müddəaları, o cümlədən Dağlıq Qarabağla bağlı bəndlər dəyişdirilə bilməz.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
  it('Georgian: "the 9 November statement" in a text naming one party and the mediator', () => {
    const text = [
      'ლავროვმა ერევანში განაცხადა, რომ 9 ნოემბრის განცხადებას ალტერნატივა არ აქვს.',
      'რუსეთის საგარეო საქმეთა მინისტრის თქმით, სომხეთის ხელმძღვანელობამ დაადასტურა, რომ დოკუმენტის ყველა პუნქტი შესრულდება, მათ შორის რეგიონული კომუნიკაციების გახსნა.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
  it('Russian: "the statement of 10 November" said of one side', () => {
    const text = [
      'Лавров: Ереван подтвердил приверженность заявлению от 10 ноября',
      'Министр иностранных дел России заявил на пресс-конференции, что пересмотр положений документа невозможен, а разблокирование коммуникаций должно быть завершено.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
  it('guard: a Georgian border-fire report citing a breach of the statement stays out (rule 5)', () => {
    const text = [
      'სომხეთის თავდაცვის სამინისტროს ცნობით, ღამით აზერბაიჯანის შეიარაღებულმა ძალებმა სომხეთის სასაზღვრო პოზიციებს ცეცხლი გაუხსნეს, დაჭრილია ორი ჯარისკაცი.',
      'სამინისტრო ამბობს, რომ აზერბაიჯანი კვლავ არღვევს 10 ნოემბრის განცხადებას. ბაქო ბრალდებებს უარყოფს და აცხადებს, რომ სროლა სომხურმა მხარემ დაიწყო.',
    ].join('\n\n');
    expect(tag('სომხეთი: აზერბაიჯანულმა ქვედანაყოფებმა ცეცხლი გახსნეს', text).relevant).toBe(false);
  });
  it('guard: the Russian peacekeepers leaving Karabakh (Azerbaijan–Russia) stay out (rule 6)', () => {
    const text = [
      'Rusiya sülhməramlı kontingentinin son hərbçiləri Xankəndidən ayrılıb. Texnika və şəxsi heyət Yevlax istiqamətində aparılıb.',
      'Kontingent 10 noyabr bəyanatı əsasında bölgəyə yerləşdirilmişdi. Kremlin sözçüsü bildirib ki, Moskva ilə Bakı arasında bu məsələdə tam anlaşma var.',
      'Rusiya və Azərbaycan müdafiə nazirlikləri əməkdaşlığın davam etdiriləcəyini vurğulayıb.',
    ].join('\n\n');
    expect(tag('Rusiya sülhməramlılarının Qarabağdan çıxarılması başa çatıb', text).relevant).toBe(false);
  });
});

describe('Georgian verb forms: signing told object-first, in the first person, or as გაფორმება', () => {
  it('"the three leaders signed the agreement" with the object before the verb', () => {
    const text = [
      'ბაქოში და ერევანში ახალი ეტაპი იწყება.',
      'სომხეთმა, აზერბაიჯანმა და რუსეთმა დოკუმენტს მოაწერეს ხელი, რომლითაც ყარაბაღში საომარი მოქმედებები დასრულდა.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
  it('a declaration "formalised" (გაფორმებული) in Washington by both leaders', () => {
    const text = 'აზერბაიჯანის პრეზიდენტმა და სომხეთის პრემიერ-მინისტრმა თეთრ სახლში გაფორმებული დოკუმენტი საკუთარ ქვეყნებში წარადგინეს.';
    expect(tag(null, text).relevant).toBe(true);
  });
});

describe('Georgian სა- adjectives of transit and cargo (სატრანზიტო, სატვირთო) are connectivity words (rule 3)', () => {
  it('Armenia offers truck transit between Turkey and Azerbaijan over its roads', () => {
    const text = [
      'სომხეთის პრემიერ-მინისტრის თქმით, ქვეყანა მზადაა უზრუნველყოს სატვირთო მანქანების სატრანზიტო მიმოსვლა თურქეთიდან აზერბაიჯანში მარგარის გავლით.',
      'მისივე თქმით, სომხური გზები ამისთვის უკვე მზად არის.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
});

describe('a page header\'s list of other headlines before the article is not its body', () => {
  const header = [
    'Menu',
    'Sumqayıtda yeni park istifadəyə verilib və sakinlər sevinir',
    'Bakıda sabah küləkli hava olacaq, temperatur aşağı düşəcək',
    'Premyer Liqada növbəti turun oyunları başa çatıb bu gün',
    'Neftin qiyməti dünya bazarlarında yenidən bahalaşıb səhər saatlarında',
    'Sumqayıtda yeni məktəb binası tikilib və dərslər başlayıb',
    'Gəncədə festival keçiriləcək, qonaqlar şəhərə gəlməyə başlayıb',
  ];
  it('Azerbaijani: the leaders\' next meeting after six link lines', () => {
    const text = [
      ...header,
      'Əliyev və Paşinyan yenidən görüşəcək',
      'Azərbaycan Prezidenti İlham Əliyev ilə Ermənistanın Baş naziri Nikol Paşinyan arasında növbəti görüş gələn ay keçiriləcək.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
  it('guard: a weather story under the same header stays out', () => {
    const text = [...header, 'Sabah hava necə olacaq', 'Sinoptiklər bildirib ki, Abşeronda yağış yağacaq və temperatur 5 dərəcəyə düşəcək.'].join('\n\n');
    expect(tag(null, text).relevant).toBe(false);
  });
  it('guard: a headline, a date and a time line over a body are not a link list', () => {
    const text = [
      'Azərbaycan və Ermənistanın sərhəd komissiyaları yeni görüş keçirəcək',
      '16 fevral, 2026',
      '14:39',
      'İki ölkənin dövlət sərhədinin delimitasiyası üzrə komissiyalarının növbəti görüşü yaxın zamanda keçiriləcək.',
    ].join('\n\n');
    expect(tag(null, text).relevant).toBe(true);
  });
});

describe('a text hard-wrapped at a narrow column is read by its sentences, not its lines', () => {
  it('Azerbaijani: an archived newspaper page on the soldiers handed over, two or three words a line', () => {
    const text = [
      'Sərhəddə hərbçilər',
      'qarşılıqlı şəkildə',
      'təhvil verilib.',
      'Azərbaycan və',
      'Ermənistan arasında',
      'aparılmış danışıqlar',
      'nəticəsində əldə olunmuş',
      'razılaşmaya əsasən',
      'hərbçilər Qazax rayonu',
      'yaxınlığında qarşı',
      'tərəfə verilib.',
    ].join('\n');
    expect(tag(null, text).relevant).toBe(true);
  });
  it('guard: one full sentence a line (no break inside a sentence) is left as it is', () => {
    const text = ['Bakıda yeni park açılıb.', 'Parkda uşaq meydançası var.', 'Sakinlər sevinir.', 'Açılışda məmurlar iştirak edib.', 'Park gecə də açıq olacaq.', 'Giriş pulsuzdur.'].join('\n');
    expect(tag(null, text).relevant).toBe(false);
  });
});
