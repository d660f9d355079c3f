/**
 * Named persons that the topic's lexicon does not know, for Latin-script text: two to five
 * capitalised words (particles such as "bin" included) right after a role word ("Prime Minister Rishi Sunak", "SEC Chair Gary
 * Gensler", "Ministerpräsident Pedro Sánchez"), reported as written. Names in other scripts
 * are left to the lexicon: an English canonical spelling cannot be derived from Кир Стармер.
 */
import type { Tokens } from './tokenize.js';

/** Words that introduce a person's name (en, fr, de, az, es, it, pl, tr), compared as written. */
const ROLES = new Set(
  (
    'President president Minister minister Secretary State General Chancellor Chair Chairman Chairwoman chair ' +
    'spokesman spokeswoman spokesperson Ambassador ambassador envoy Envoy Archbishop Bishop Patriarch Pope King Queen Emir ' +
    'Sheikh Prince Gen Commander ombudsman leader champion sprinter adviser Adviser advisor Speaker speaker Mayor mayor ' +
    'Governor governor Judge judge prosecutor Prosecutor CEO chief Chief Mr Mrs Ms Dr coach striker driver singer founder ' +
    'président Président ministre parole ambassadeur chancelier Präsident Ministerpräsident Außenminister Bundeskanzler ' +
    'Kanzler Regierungschef Sprecher Sprecherin Prezident prezident nazir naziri ' +
    // feminine German titles (Außenministerin Annalena Baerbock) and French présidente
    'Präsidentin Ministerin Außenministerin Bundeskanzlerin Kanzlerin Ministerpräsidentin Vizeregierungschef présidente ' +
    // es, it, pt, pl, tr (issue 12: the languages the talks are also reported in)
    'presidente Presidente ministro Ministro ministra premier Premier canciller Canciller portavoz portavoce vicepremier ' +
    'prezydent Prezydent premier minister szef rzecznik wicepremier ' +
    'Cumhurbaşkanı Başbakanı Bakanı Başkanı Sözcüsü temsilcisi ' +
    // sport and coaching titles, capitalised at a sentence start or as a German noun (issue 12 round 2)
    'Coach Trainer Bundestrainer Nationaltrainer entraîneur sélectionneur allenatore entrenador trener'
  ).split(' '),
);
/** True for a word that introduces a person's name ("President", "Minister", "envoy"). */
export function isRoleWord(word: string): boolean {
  return ROLES.has(word);
}

/** Lower-case particles allowed inside a name ("Tamim bin Hamad Al Thani", "Abdel Fattah el-Sisi"). */
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'de', 'da', 'di', 'du', 'von', 'van', 'der', 'le', 'la']);
/** Capitalised words that are not names. */
const NOT_NAME = new Set(['The', 'A', 'An', 'And', 'Of', 'On', 'In', 'At', 'To', 'For', 'With', 'Said', 'Says', 'Told', 'Le', 'La', 'Les', 'Der', 'Die', 'Das']);
const UPPER = /^\p{Lu}\p{Ll}/u;
const MAX_WORDS = 5;

function isNameWord(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 65 && c <= 90) return w.length > 1 && !NOT_NAME.has(w) && w.charCodeAt(1) >= 97;
  return c > 127 && UPPER.test(w);
}

/** True when only spaces or a hyphen separate two words (a comma or a period ends a name). */
function joinedBySpace(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 45 && c !== 0xa0 && c !== 0x2010 && c !== 0x2011) return false;
  }
  return true;
}

/**
 * Finds role-introduced person names.
 * @param tok the article's words (title, then body)
 * @param title the title text, @param body the body text (for the exact spelling with hyphens)
 * @param skip true for words already matched as a lexicon actor
 * @returns names as written, in order of first appearance, without duplicates
 */
export function findRoleNames(tok: Tokens, title: string, body: string, skip: (i: number) => boolean): string[] {
  const out: string[] = [];
  const n = tok.original.length;
  for (let i = 0; i < n; i++) {
    if (!ROLES.has(tok.original[i]!)) continue;
    const sent = tok.sentence[i];
    let j = i + 1;
    while (j < n && tok.sentence[j] === sent && ROLES.has(tok.original[j]!)) j++;
    const first = j;
    const src = tok.sentencePara[sent!] === -1 ? title : body;
    let words = 0;
    let last = -1;
    while (j < n && tok.sentence[j] === sent && words < MAX_WORDS) {
      if (j > first && !joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) break;
      const w = tok.original[j]!;
      // Another office ends the name: "Cumhurbaşkanı, Ermenistan Başbakanı ve ..." lists
      // offices, it names nobody (round 8); "The spokesman, Ayhan Hajizade, said" still names.
      if (ROLES.has(w)) {
        last = -1;
        break;
      }
      if (isNameWord(w)) last = j;
      else if (!(PARTICLES.has(w) && j + 1 < n && isNameWord(tok.original[j + 1]!))) break;
      words++;
      j++;
    }
    if (last < 0 || last - first < 1 || !isNameWord(tok.original[first]!)) continue;
    let known = false;
    for (let k = first; k <= last; k++) if (skip(k)) known = true;
    if (known) continue;
    const name = src.slice(tok.pos[first], tok.pos[last]! + tok.original[last]!.length).replace(/\s+/g, ' ');
    if (!out.includes(name)) out.push(name);
    i = last;
  }
  return out;
}
