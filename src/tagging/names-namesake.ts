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
import { ROLE_WORD } from './word-flags.js';

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
  const add: string[] = [];
  const other = new Map<string, boolean>();
  for (const m of matches) {
    const e = topic.lexicon.entries[m.entries[0]!]!;
    if (e.kind !== 'actors') continue;
    let namesake = false;
    const k = m.start - 1;
    // cheap tests first: one matched word, a title two words before (most articles stop here)
    if (m.end - m.start === 1 && k >= 1 && (tok.flags[k - 1]! & ROLE_WORD) !== 0 && tok.sentence[k] === tok.sentence[m.start] && tok.sentence[k - 1] === tok.sentence[m.start] && e.name.includes(' ')) {
      const given = e.name.slice(0, e.name.indexOf(' '));
      const src = tok.sentencePara[tok.sentence[k]!] === -1 ? title : body;
      const first = tok.original[k]!;
      // one space before and after the first name (no comma: "Minister, Vusal Aliyev" is no title of his)
      const gapOk = (): boolean => tok.pos[k]! - (tok.pos[k - 1]! + tok.original[k - 1]!.length) === 1 && src.charCodeAt(tok.pos[k]! - 1) === 32 && tok.pos[m.start]! - (tok.pos[k]! + first.length) === 1 && src.charCodeAt(tok.pos[m.start]! - 1) === 32;
      // the actor's own first name as the lexicon writes it ("Prime Minister Nikol Pashinyan") is the common case: no key needed
      if (first !== given && first.length >= 4 && gapOk() && isNameWord(first) && matched(k) === 0 && (tok.flags[k]! & ROLE_WORD) === 0) {
        const english = canonicalFoundName(`${first} ${tok.original[m.start]!}`, language);
        const key = givenKey(given);
        if (firstNameKey(first) !== key && firstNameKey(english.slice(0, english.indexOf(' '))) !== key) {
          namesake = true;
          if (!add.includes(english)) add.push(english);
        }
      }
    }
    other.set(e.name, (other.get(e.name) ?? true) && namesake);
  }
  return { add, drop: [...other].filter(([, only]) => only).map(([name]) => name) };
}
