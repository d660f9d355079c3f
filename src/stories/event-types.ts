/**
 * What kind of occasion a headline reports, read from its words: talks (a meeting, a summit, a
 * signing), the publication of a text, a protest, a shipment (a train, a cargo, a delivery),
 * a closure or decision of an institution, the start of what was decided (a mission begins,
 * a text enters into force). Two articles of one story are told apart from two
 * events of the same people and places close in time by this more than by their names: the
 * text of an agreement published three days after the summit that initialled it names the
 * same leaders, city and date, but its headline reports a publication; a rally in a capital
 * and the ministers' talks the next day name each other, but one headline reports a rally.
 *
 * Read from the headline only: the body recalls earlier events in its background, the
 * headline reports this one. A headline with no listed word has no kind (no test).
 *
 * Stems are folded like the tagger folds words (`foldWord`: lower case, no diacritics, ə→e,
 * ı→i, Arabic letter variants unified) and match the start of a word; `=` marks a form that
 * must be the whole word (short or ambiguous words). Languages: en, ru, hy, az, tr, fr, de, ar.
 * Source: written for this project from the headlines of the coverage read for the labeled
 * sets (docs/stories.md, round 4); words that name both a kind and something else ("партия" a
 * batch and a party, "состав" a train and a delegation's line-up, "march" the verb and the
 * month) are left out.
 */
import type { Tokens } from './features.js';

/** Event kinds. */
export type EventKind = 'talks' | 'publication' | 'protest' | 'shipment' | 'closure' | 'start';

const KINDS: Record<EventKind, string[]> = {
  talks: [
    // en
    'meet', '=met', 'summit', 'talks', '=talk', 'negotiat', '=sign', 'signs', 'signed', 'signing', '=hosts', '=host', '=hosted', 'discuss',
    // ru
    'встреч', 'встрет', 'переговор', 'саммит', 'подпис', 'обсуд', 'обсужд',
    // hy
    'հանդիպ', 'բանակց', 'գագաթնաժողով', 'ստորագր', 'քննարկ',
    // az, tr
    'gorus', 'danisiq', 'sammit', 'imzala', 'muzakir', 'muzaker', 'zirve',
    // fr
    'rencontr', 'pourparler', 'sommet', 'signe', 'signent', 'signature', 'negoci', 'entretien',
    // de
    'treff', 'trifft', 'getroffen', 'gesprach', 'gipfel', 'unterzeichn', 'verhandl', 'empfang',
    // ar
    'محادثات', 'لقاء', 'يلتقي', 'يلتقيان', 'قمه', 'توقيع', 'يوقع', 'مفاوضات',
  ],
  publication: [
    'publish', '=text', 'wording',
    'опубликова', 'обнародова', 'текст',
    'հրապարակվ', 'հրապարակեց', 'հրապարակել', 'տեքստ', // not հրապարակ alone: also "square"
    'derc', 'metn', 'yayimla', 'metin',
    'publie', 'publient', 'publication', 'texte',
    'veroffentlich', '=text', 'wortlaut',
    'نشر', 'تنشر', 'ينشر', '=نص',
  ],
  protest: [
    'rally', 'rallies', 'protest', 'demonstrat', 'marchers',
    'митинг', 'протест', '=марш', 'шестви',
    'հանրահավաք', 'բողոք', '=երթ', '=երթը',
    'mitinq', 'etiraz', 'miting', 'protesto', 'gosteri', 'yuruyus',
    'manifest', 'rassembl',
    'kundgebung', 'demonstr',
    'مظاهر', 'احتجاج', 'تظاهر',
  ],
  shipment: [
    '=train', 'shipment', 'cargo', 'wagon', '=grain', 'wheat', '=fuel', 'petrol', 'gasoline', 'deliver',
    'поезд', 'груз', 'пшениц', 'зерн', 'бензин', 'топлив', 'поставк', 'вагон', 'цистерн',
    'գնացք', 'բեռ', 'ցորեն', 'հացահատիկ', 'բենզին', 'վառելիք',
    '=yuk', 'yuku', 'yukler', 'taxil', 'bugda', 'yanacaq', 'benzin', 'vaqon', '=tren', 'sevkiyat', 'tahil', 'yakit', 'vagon',
    'cargaison', '=ble', 'cereal', 'carburant', 'livraison',
    '=zug', 'lieferung', 'weizen', 'getreide', 'treibstoff',
    'قطار', 'شحنه', 'قمح', 'وقود', 'بنزين',
  ],
  closure: [
    'decide', 'decision', '=close', '=closes', '=closed', 'closure', 'dissolv', 'abolish', 'disband',
    'решени', 'закры', 'роспуск', 'распуст', 'ликвидац',
    'լուծար', 'որոշում', 'որոշեց', 'որոշել',
    'qerar', 'legv', 'karar', 'kapat', 'feshed',
    'decid', 'dissolution', 'dissou', 'fermeture',
    'beschl', 'auflos', 'aufgelost',
    'قرار', 'اغلاق', '=حل',
  ],
  // the start of what was decided or signed before: a mission's first patrols, a law or treaty in force
  start: [
    '=begin', 'begins', '=began', '=start', 'starts', 'started', 'launch', '=effect', // not "force": also "use of force"
    'приступ', 'начал', 'стартова', 'вступ',
    'սկսեց', 'սկսվ', 'սկսել', 'մեկնարկ',
    'basla', 'quvveye', 'yururluge',
    'commence', 'debute', 'vigueur',
    'beginn', 'startet', '=kraft',
    'تبدا', '=بدا', '=بدات', 'انطلاق', 'حيز',
  ],
};

/** Arabic proclitics (the conjunction, prepositions and the article) a word may start with. */
const AR_PROCLITICS = ['وال', 'بال', 'لل', 'ال', 'و', 'ب', 'ل'];

/** stem → kinds, by first character (a stem matches only words with its first character). */
const BY_FIRST = new Map<string, { stem: string; whole: boolean; kind: EventKind }[]>();
for (const [kind, stems] of Object.entries(KINDS) as [EventKind, string[]][]) {
  for (const s of stems) {
    const whole = s.startsWith('=');
    const stem = whole ? s.slice(1) : s;
    const l = BY_FIRST.get(stem[0]) ?? [];
    l.push({ stem, whole, kind });
    BY_FIRST.set(stem[0], l);
  }
}

function kindsOfWord(w: string, out: Set<EventKind>): void {
  for (const e of BY_FIRST.get(w[0]) ?? []) if (e.whole ? w === e.stem : w.startsWith(e.stem)) out.add(e.kind);
}

/**
 * The event kinds a headline names (empty when none).
 * @param title folded words of the headline (`words(title).folded`)
 */
export function eventKinds(title: Tokens['folded']): Set<EventKind> {
  const out = new Set<EventKind>();
  for (const w of title) {
    if (!w) continue;
    kindsOfWord(w, out);
    // Arabic: a proclitic before the word ("والمحادثات", "بالقطار"); the shortest stem here is 2 letters
    const c = w.charCodeAt(0);
    if (c >= 0x600 && c <= 0x6ff) for (const p of AR_PROCLITICS) if (w.length > p.length + 1 && w.startsWith(p)) kindsOfWord(w.slice(p.length), out);
  }
  return out;
}
