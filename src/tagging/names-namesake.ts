/**
 * Round 19 (tagact19): a namesake of a known actor. The lexicon finds several officials by their
 * surname alone ("aliyev*", "bayramov*"), which are among the commonest surnames of their
 * countries; after a title, a first name that is not the actor's makes another person
 * ("Prosecutor Vusal Aliyev", "Sports Minister Toral Bayramov"): that person is reported, and
 * the known actor only if the text names them elsewhere.
 */
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';
import { isNameWord } from './names.js';
import { canonicalFoundName } from './names-spelling.js';
import { CYR_TITLE, ROLE_WORD, SCRIPT_TITLE } from './word-flags.js';
import { cyrillicArmenianName, armenianName, opensCyrillicName } from './names-cyrillic.js';
import { nameOf } from './names-script.js';

/** What `namesakes` found: persons to add (as written, in the English spelling) and actors to drop. */
export interface Namesakes {
  add: string[];
  drop: string[];
}

/** Lower case without diacritics, for comparing first names ("İlham" = "Ilham"). */
function plain(w: string): string {
  return w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ı/g, 'i').replace(/ł/g, 'l');
}

/**
 * Consonant classes of a first name as the languages spell it by ear (Jeyhun, Ceyhun, Dschejhun,
 * Dżejhun; Antony, Entoni; Alexei, Aleksey; Giorgia, Jorja; Volodymyr, Wolodymyr): digraphs read
 * as one sound, then each consonant as its class (c g h j k q x: one class; s z; t d; v w f; p b).
 * Two first names are the same person's when their first two classes agree.
 */
function firstNameKey(w: string): string {
  const s = plain(w).replace(/dsch|dzh|dz|dj|sch|tsch|sh|ch|kh|zh|th|ph|ts|tz/g, (d) => DIGRAPH[d] ?? d).replace(/x/g, 'ks');
  let key = '';
  for (const c of s) {
    const k = CLASS[c];
    if (k !== undefined) key += k;
    if (key.length === 2) break;
  }
  return key;
}
const GIVEN_KEYS = new Map<string, string>();
/** `firstNameKey` of a known actor's first name, computed once per name. */
function givenKey(given: string): string {
  let k = GIVEN_KEYS.get(given);
  if (k === undefined) GIVEN_KEYS.set(given, (k = firstNameKey(given)));
  return k;
}
const DIGRAPH: Record<string, string> = { dsch: 'j', dzh: 'j', dz: 'j', dj: 'j', sch: 's', tsch: 'j', sh: 's', ch: 'k', kh: 'k', zh: 'j', th: 't', ph: 'f', ts: 's', tz: 's' };
const CLASS: Record<string, string> = { c: 'K', g: 'K', h: 'K', j: 'K', k: 'K', q: 'K', ż: 'K', s: 'S', z: 'S', t: 'T', d: 'T', v: 'V', w: 'V', f: 'V', p: 'P', b: 'P', l: 'L', m: 'M', n: 'N', r: 'R' };

/**
 * Finds namesakes in Latin-script text: an actor matched by one word (its surname), preceded by
 * one capitalised word the lexicon does not read, itself preceded by a title (ROLE_WORD) and
 * joined to both by a space, whose English spelling is not the actor's first name.
 * @param matches the lexicon's matches; @param matched per word, non-zero when the lexicon read it
 * @param language the article's language (for the English spelling of the found name)
 * @returns the namesakes to add and the canonical actors none of whose matches is the actor
 */
export function namesakes(topic: Topic, tok: Tokens, title: string, body: string, matches: Match[], matched: (i: number) => number, language: string): Namesakes {
  return collectNamesakes(topic, matches, (m, name) => {
    const k = m.start - 1;
    // cheap tests first: one matched word, a title two words before (most articles stop here)
    if (m.end - m.start === 1 && k >= 1 && (tok.flags[k - 1]! & ROLE_WORD) !== 0 && tok.sentence[k] === tok.sentence[m.start] && tok.sentence[k - 1] === tok.sentence[m.start] && name.includes(' ')) {
      const given = name.slice(0, name.indexOf(' '));
      const src = tok.sentencePara[tok.sentence[k]!] === -1 ? title : body;
      const first = tok.original[k]!;
      // one space before and after the first name (no comma: "Minister, Vusal Aliyev" is no title of his)
      const gapOk = (): boolean => tok.pos[k]! - (tok.pos[k - 1]! + tok.original[k - 1]!.length) === 1 && src.charCodeAt(tok.pos[k]! - 1) === 32 && tok.pos[m.start]! - (tok.pos[k]! + first.length) === 1 && src.charCodeAt(tok.pos[m.start]! - 1) === 32;
      // the actor's own first name as the lexicon writes it ("Prime Minister Nikol Pashinyan") is the common case: no key needed
      if (first !== given && first.length >= 4 && gapOk() && isNameWord(first) && matched(k) === 0 && (tok.flags[k]! & ROLE_WORD) === 0) {
        const english = canonicalFoundName(`${first} ${tok.original[m.start]!}`, language);
        const key = givenKey(given);
        if (firstNameKey(first) !== key && firstNameKey(english.slice(0, english.indexOf(' '))) !== key) return english;
      }
    }
    return null;
  });
}

const CYR_UPPER = /^[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+$/u;
const HY_UPPER = /^[\u0531-\u0556][\u0561-\u0587]+$/u;

/**
 * Round 20 (tagact20): the English form of a first name and a surname matched alone in Russian,
 * Ukrainian, Armenian or Georgian text, when `a` can be a first name there, else null. Russian and
 * Ukrainian: a capitalised word (declined with the surname: "Левона Мнацаканяна"); Armenian: a
 * capitalised word; Georgian, which has no capitals: a word right after a title or a title's list
 * mark ("მეთაურს, ლევონ მნაცაკანიანს").
 */
function scriptPair(tok: Tokens, k: number, src: string, language: string): string | null {
  const a = tok.original[k]!;
  const b = tok.original[k + 1]!;
  // a sentence's first word may be any word ("Ըստ Փաշինյանի"); a hyphen joins "Касым-Жомарт"
  if (k < 1 || tok.sentence[k - 1] !== tok.sentence[k] || src.charCodeAt(tok.pos[k]! - 1) === 45) return null;
  if (language === 'ru' || language === 'uk') {
    if (!CYR_UPPER.test(a) || (tok.flags[k]! & CYR_TITLE) !== 0 || !opensCyrillicName(tok, k, src)) return null;
    return cyrillicArmenianName(a, b) ?? (/(?:ов|ев|ин)$/u.test(b) ? armenianName(a, b, language === 'uk') : null);
  }
  if (language === 'hy') return HY_UPPER.test(a) && (tok.flags[k]! & SCRIPT_TITLE) === 0 ? nameOf(a, b, 'hy') : null;
  if (language === 'ka') return (tok.flags[k - 1]! & SCRIPT_TITLE) !== 0 && (tok.flags[k]! & SCRIPT_TITLE) === 0 ? nameOf(a, b, 'ka') : null;
  return null;
}

/**
 * Round 20 (tagact20): namesakes in Russian, Ukrainian, Armenian and Georgian text ("бывший
 * министр обороны Левон Мнацаканян" is not Zohrab Mnatsakanyan): an actor matched by one word (its
 * surname), right after a word that is a first name there (`scriptPair`), unread by the lexicon,
 * joined by one space, whose English form's first name is not the actor's (`firstNameKey`).
 * Without a title: these scripts capitalise only proper names (Georgian: after a title).
 * @returns the namesakes to add (English spelling) and the canonical actors none of whose matches is the actor
 */
export function scriptNamesakes(topic: Topic, tok: Tokens, title: string, body: string, matches: Match[], matched: (i: number) => number, language: string): Namesakes {
  return collectNamesakes(topic, matches, (m, name) => {
    const k = m.start - 1;
    if (m.end - m.start !== 1 || k < 0 || tok.sentence[k] !== tok.sentence[m.start] || matched(k) !== 0 || !name.includes(' ')) return null;
    const src = tok.sentencePara[tok.sentence[k]!] === -1 ? title : body;
    const gap = tok.pos[m.start]! - (tok.pos[k]! + tok.original[k]!.length);
    const english = gap === 1 && src.charCodeAt(tok.pos[m.start]! - 1) === 32 ? scriptPair(tok, k, src, language) : null;
    return english !== null && english.includes(' ') && firstNameKey(english.slice(0, english.indexOf(' '))) !== givenKey(name.slice(0, name.indexOf(' '))) ? english : null;
  });
}

/**
 * The walk both namesake finders share: `test` gets each actor match and its canonical name and
 * returns the English name of the other person it really is, or null.
 * @returns the namesakes found (once each) and the canonical actors all of whose matches were namesakes
 */
function collectNamesakes(topic: Topic, matches: Match[], test: (m: Match, name: string) => string | null): Namesakes {
  const add: string[] = [];
  const other = new Map<string, boolean>();
  for (const m of matches) {
    const e = topic.lexicon.entries[m.entries[0]!]!;
    if (e.kind !== 'actors') continue;
    const english = test(m, e.name);
    if (english !== null && !add.includes(english)) add.push(english);
    other.set(e.name, (other.get(e.name) ?? true) && english !== null);
  }
  return { add, drop: [...other].filter(([, only]) => only).map(([name]) => name) };
}
