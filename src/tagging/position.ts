/**
 * Word-position tests shared by the decision phases (src/tagging/collect.ts, score.ts): is a
 * match after a locative, a locative of direction, in a dateline, near a cue or a role word,
 * in a sentence with a year. Plain functions over the tokens; no state.
 */
import { PREFIX_KEY } from './lexicon.js';
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import { isRoleWord } from './names.js';
import type { Topic } from './topic.js';

const suffixIndexes = new WeakMap<readonly string[], Map<number, string[]> | null>();

/**
 * A list of suffixes grouped by their last code unit (computed once per list; null when the list
 * holds an empty suffix, which ends every word): a word can end with a suffix only if its last
 * code unit is the suffix's (tagspeed13: one look-up instead of an `endsWith` per suffix and match).
 */
function byLastLetter(suffixes: readonly string[]): Map<number, string[]> | null {
  let index = suffixIndexes.get(suffixes);
  if (index === undefined) {
    index = suffixes.includes('') ? null : new Map<number, string[]>();
    for (const suf of index ? suffixes : []) {
      const c = suf.charCodeAt(suf.length - 1);
      const list = index!.get(c);
      if (list) list.push(suf);
      else index!.set(c, [suf]);
    }
    suffixIndexes.set(suffixes, index);
  }
  return index;
}

/** Linking words skipped between a word of proximity and its place ("près de", "cerca de", "vicino a", "near to", "nahe bei"). */
const NEAR_LINKS = new Set(['de', 'd', 'di', 'a', 'of', 'to', 'von', 'от', 'від', 'bei', 'du', 'del']);

/**
 * Round 14 (tagsig14b): a place named as the reference point of the scene, by a word of proximity
 * before it ("near Chisinau", "près de Chisinau", "cerca de Chisináu", "Біля Кишинева", "pod
 * Kiszyniowem", "قرب كيشيناو") or a postposition after it ("Kişinev yakınlarında", "Kişinyov
 * yaxınlığında", "Քիշնևի մերձակայքում", "კიშინიოვთან ახლოს", "35 Kilometer von Chișinău
 * entfernt"). Word lists: the topic's `cues.nearby` / `cues.nearbyAfter`.
 */
function nearby(topic: Topic, tok: Tokens, m: Match): boolean {
  if (topic.nearby.size === 0 && topic.nearbyAfter.size === 0) return false;
  const s = tok.sentence[m.start];
  let before = m.start - 1;
  if (before > 0 && NEAR_LINKS.has(tok.folded[before]!) && tok.sentence[before - 1] === s) before--;
  if (before >= 0 && tok.sentence[before] === s && topic.nearby.has(tok.folded[before]!)) return true;
  return m.end < tok.folded.length && tok.sentence[m.end] === s && topic.nearbyAfter.has(tok.folded[m.end]!);
}

/** A stand-in capital is a place after a locative word ("in Baku") or with a locative ending (Bakıda). */
export function isLocative(topic: Topic, tok: Tokens, m: Match): boolean {
  let before = m.start - 1;
  // "in the White House", "à la Maison Blanche": look past one article.
  if (before > 0 && topic.articles.has(tok.folded[before]!) && tok.sentence[before] === tok.sentence[m.start]) before--;
  if (before >= 0 && tok.sentence[before] === tok.sentence[m.start]) {
    if (topic.locatives.has(tok.folded[before]!) || topic.locativesExact.has(tok.original[before]!)) return true;
    // Round 19 (tagmed19b): the city's own state as an adjective between them ("w kazachstańskim
    // Ałmaty", "в казахстанском Алматы", "у казахстанському Алмати", "nella belga Bruxelles").
    if (before > 0 && tok.sentence[before - 1] === tok.sentence[m.start]
      && (topic.locatives.has(tok.folded[before - 1]!) || topic.locativesExact.has(tok.original[before - 1]!)) && ownStateAdjective(topic, tok, m, before)) return true;
  }
  if (nearby(topic, tok, m)) return true;
  const first = tok.folded[m.start]!;
  if (first.charCodeAt(0) > 0x600 && arabicIn(topic, first)) return true;
  const w = tok.folded[m.end - 1]!;
  const index = byLastLetter(topic.locativeSuffixes);
  const suffixes = index === null ? topic.locativeSuffixes : index.get(w.charCodeAt(w.length - 1));
  if (suffixes !== undefined) for (const suf of suffixes) if (w.length > suf.length + 2 && w.endsWith(suf) && !ownEnding(topic, tok, m, w, suf)) return true;
  // Turkish "Washington'da": the ending is split off at the apostrophe.
  return m.end < tok.folded.length && tok.afterApostrophe[m.end] === 1 && topic.locativeClitics.has(tok.folded[m.end]!);
}

/**
 * Round 19 (tagsig19): true when a locative suffix of the topic (Turkish -da/-de/-te, Armenian -ում)
 * is part of the name itself, not an ending: for one word, the word without the suffix is no listed
 * word nor a listed stem's continuation; for several, the last word is written as listed ("Thaïlande", "Rwanda", Polish "Rwandą", "Canada", "Granada",
 * "Malta", "saoudite" end in -de/-da/-ta; "Bakuda" is "baku" + -da, "Kremldə" the stem "kreml~" +
 * -də, "Երևանում" "երևան*" + -ում). Without it every such state was the scene wherever it was named. Pure.
 */
function ownEnding(topic: Topic, tok: Tokens, m: Match, w: string, suf: string): boolean {
  const n = m.end - m.start;
  // a name of several words: its last word written exactly as listed ("Arabie saoudite")
  if (n > 1) return (topic.lexicon.exact.get(tok.folded[m.start]!) ?? []).some((p) => p.words.length === n && !p.words[n - 1]!.prefix && p.words[n - 1]!.text === w);
  return !listedWord(topic, w.slice(0, -suf.length));
}

/**
 * Round 19 (tagmed19b): true when the word at `at`, written in lower case (an adjective, not a
 * name), is a one-word form of the state whose city `m` names (an entry of `m` with that
 * `country`): "kazachstańskim" before "Ałmaty", "казахстанском" before "Алматы". Pure.
 */
function ownStateAdjective(topic: Topic, tok: Tokens, m: Match, at: number): boolean {
  const word = tok.original[at]!;
  if (word === word.toUpperCase() || word[0] !== word[0]!.toLowerCase()) return false;
  const { entries, exact, prefix } = topic.lexicon;
  const states = new Set<string>();
  for (const ei of m.entries) {
    const c = entries[ei]!.country;
    if (entries[ei]!.kind === 'places' && c !== undefined) states.add(c);
  }
  if (states.size === 0) return false;
  const w = tok.folded[at]!;
  const forms = [...(exact.get(w) ?? []), ...(prefix.get(w.slice(0, PREFIX_KEY)) ?? []).filter((p) => w.startsWith(p.words[0]!.text))];
  return forms.some((p) => p.words.length === 1 && p.entries.some((ei) => entries[ei]!.kind === 'countries' && states.has(entries[ei]!.name)));
}

/** Round 19 (tagsig19): true when a folded word is a listed word of the lexicon or continues a listed one-word stem. Pure. */
function listedWord(topic: Topic, w: string): boolean {
  if (topic.lexicon.exact.has(w)) return true;
  return (topic.lexicon.prefix.get(w.slice(0, PREFIX_KEY)) ?? []).some((p) => p.words.length === 1 && w.startsWith(p.words[0]!.text));
}

/**
 * Round 19 (tagsig19): the Arabic preposition bi- ("in") written onto the name, after "wa"/"fa" at
 * most ("بواشنطن", "وبباكو"): the name was read without it (lexicon proclitics), so the word as
 * written is no listed word. ("باكو", "بروكسل" start with the letter and are listed.)
 */
const ARABIC_IN = /^([وف]?)ب(\p{L}{3,})$/u;

/** Round 19 (tagsig19): true when `w` is bi- + a listed word, and not "wa"/"fa" + a listed word starting with ب ("وباكو" = and Baku). Pure. */
function arabicIn(topic: Topic, w: string): boolean {
  const m = ARABIC_IN.exec(w);
  if (m === null || listedWord(topic, w)) return false;
  if (m[1] !== '' && listedWord(topic, w.slice(1))) return false;
  return listedWord(topic, m[2]!);
}

/**
 * A locative of direction or origin ("from Russia", "to Turkey", "aus Russland",
 * "Ermənistandan", "Türkiye'den"): the state is a route, destination or origin, not the scene
 * (round 6). Call only for a match `isLocative` accepted.
 */
export function isDirectional(topic: Topic, tok: Tokens, m: Match): boolean {
  let before = m.start - 1;
  if (before > 0 && topic.articles.has(tok.folded[before]!) && tok.sentence[before] === tok.sentence[m.start]) before--;
  if (before >= 0 && tok.sentence[before] === tok.sentence[m.start] && topic.directionals.has(tok.folded[before]!)) return true;
  const w = tok.folded[m.end - 1]!;
  for (const suf of topic.directionalSuffixes) if (w.length > suf.length + 2 && w.endsWith(suf)) return true;
  return m.end < tok.folded.length && tok.afterApostrophe[m.end] === 1 && topic.directionalSuffixes.includes(tok.folded[m.end]!);
}

/**
 * Round 13: a word of direction or origin right before the match or an ending of one on it
 * ("to Yerevan", "до Єревана", "do Erywania", "Erivan'a", "Bakıdan"), whether or not the match is
 * locative: for the ends of a route (collect.ts). Directional words of the topic (`to`, `из`,
 * `nach`, `الى`) and the dative/ablative endings -a/-ya/-ə, -dan, -ից, and the prepositions до/do/к/ku.
 */
export function isDirectionalWord(topic: Topic, tok: Tokens, m: Match): boolean {
  const before = m.start - 1;
  if (before >= 0 && tok.sentence[before] === tok.sentence[m.start] && (topic.directionals.has(tok.folded[before]!) || ROUTE_ENDS.has(tok.folded[before]!))) return true;
  const w = tok.folded[m.end - 1]!;
  for (const suf of topic.directionalSuffixes) if (w.length > suf.length + 2 && w.endsWith(suf)) return true;
  return m.end < tok.folded.length && tok.afterApostrophe[m.end] === 1 && (topic.directionalSuffixes.includes(tok.folded[m.end]!) || ROUTE_CLITICS.has(tok.folded[m.end]!));
}

/** Round 13: prepositions of a route's end not in every topic's directionals (Slavic до/do/к/ku, Romance a/à/hacia/verso, towards). */
const ROUTE_ENDS = new Set(['до', 'do', 'к', 'ku', 'towards', 'toward', 'hacia', 'verso', 'vers', 'a', 'à', 'bis']);
/** Round 13: Turkish dative clitics after an apostrophe ("Erivan'a", "Bakü'ye"). */
const ROUTE_CLITICS = new Set(['a', 'e', 'ya', 'ye']);

/**
 * Round 15: a word that opens with a digit of any script ("11", Persian "۱۰", Arabic-Indic "١١").
 * Also the weather-line check of cues.ts. Pure.
 */
export function isNumber(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  return c >= 0x660 && /^\p{Nd}/u.test(word);
}

/** Round 15: longest line in words read as a dateline that puts the date before the city ("11 января 2021 года, Москва"). */
const DATELINE_WORDS = 8;

/**
 * A dateline: the city that opens the first sentence of the body, followed by a date
 * ("WASHINGTON, 8 August —", "БРЮССЕЛЬ, 14 мая", "Abou Dhabi, 4 février (AFP)"): the scene of
 * the report, like "in Washington" (round 6). Round 15 (tag15b): digits of any script ("مسکو ۱۰
 * نوامبر"), a dash, colon or slash right after the city instead of a date ("موسكو — أعلن",
 * "Москва — Віцепрем'єри", "Yerevan /Mediamax/": `tok.bodyMark`), and a first line of at most
 * eight words that puts a date before the city and ends with it ("11 января 2021 года, Москва",
 * "Jan. 11, 2021 — Moscow", "2020 წლის 10 ნოემბერი, მოსკოვი"), or the city alone on that line ("Баку").
 */
export function isDateline(tok: Tokens, m: Match, sentenceStart: number[]): boolean {
  const s = tok.sentence[m.start]!;
  const firstBody = tok.sentencePara[0] === -1 ? 1 : 0;
  if (tok.sentencePara[s] === 0 && (m.end >= tok.folded.length || tok.sentencePara[tok.sentence[m.end]!] !== 0)) {
    // The city ends the first paragraph: a date before it on that short line.
    const from = sentenceStart[firstBody]!;
    // The city alone on that line ("Баку", then the report).
    if (m.start === from && tok.sentencePara[firstBody] === 0) return true;
    if (m.start - from < DATELINE_WORDS) for (let i = from; i < m.start; i++) if (isNumber(tok.folded[i]!)) return true;
  }
  if (s !== firstBody || m.start !== sentenceStart[s]) return false;
  if (tok.bodyMark === m.end - 1) return true;
  for (let i = m.end; i < m.end + 2 && i < tok.folded.length && tok.sentence[i] === s; i++) {
    if (isNumber(tok.folded[i]!)) return true;
  }
  return false;
}

/** True when one of `positions` lies in [from, to) and in sentence `sentence`. */
export function near(tok: Tokens, positions: number[], from: number, to: number, sentence: number): boolean {
  for (const p of positions) if (p >= from && p < to && tok.sentence[p] === sentence) return true;
  return false;
}

/** True when a role word starts within `window` words of the match, in its sentence. */
export function nearRole(tok: Tokens, roles: number[], m: Match, window: number): boolean {
  const s = tok.sentence[m.start];
  for (const r of roles) {
    if (r >= m.start - window && r < m.end + window && tok.sentence[r] === s) return true;
  }
  return false;
}

/** True when a role word follows a state's name within three words ("Finnish Foreign Minister"). */
export function isOfficial(tok: Tokens, m: Match): boolean {
  const s = tok.sentence[m.start];
  for (let i = m.end; i < m.end + 3 && i < tok.original.length && tok.sentence[i] === s; i++) if (isRoleWord(tok.original[i]!)) return true;
  return false;
}

const YEAR = /^(1[89]|20)\d\d$/;

/** Folded datives that double as locatives: after a speech verb they name an addressee ("reproche à Paris"). */
export const DATIVES: ReadonlySet<string> = new Set(['to', 'a']);

/** True when a sentence names a year (a background sentence in news style). */
export function hasYear(tok: Tokens, sentence: number): boolean {
  for (let i = 0; i < tok.sentence.length; i++) {
    if (tok.sentence[i] === sentence && tok.folded[i]!.length === 4 && YEAR.test(tok.folded[i]!)) return true;
  }
  return false;
}

/** Conjunctions that join a list of places ("Tyrol and Valais", "Castilla y Aragón", "Ломбардии и Лигурии"). */
const AND = new Set(['and', 'und', 'et', 'y', 'e', 'i', 'и', 'і', 'та', 've', 'oraz', 'ed', 'или', 'or', 'ou', 'o', 'oder', 'va', 'və', 'و']);
/** Genitive links between a locative's noun and a place ("in parts of Tyrol", "nella regione di Liguria"). */
const OF = new Set(['of', 'de', 'di', 'del', 'della', 'du', 'des', 'von', 'der', 'do', 'da']);

/**
 * True when a world place (places.ts) at match `m` is the scene of its sentence (round 9): after a
 * locative word or with a locative ending (`locative`, from `isLocative`), after "of" two words
 * past a locative word ("in parts of Tyrol"), or as the next item of a list that follows a place
 * ("Tyrol and Valais", "Castilla y León y Aragón"). Not an adjective: an article before the name
 * and a lower-case word after it ("in the Chechen capital", "in the Balkan talks").
 * @param plainPlaces start and end positions of the article's plain places (collect.ts)
 */
export function isWorldPlaceScene(topic: Topic, tok: Tokens, m: Match, locative: boolean, plainPlaces: number[]): boolean {
  const s = tok.sentence[m.start]!;
  const inSentence = (i: number): boolean => i >= 0 && i < tok.folded.length && tok.sentence[i] === s;
  const before = m.start - 1;
  const next = tok.original[m.end];
  if (inSentence(before) && topic.articles.has(tok.folded[before]!) && inSentence(m.end) && next !== undefined && /^\p{Ll}/u.test(next)) return false;
  if (locative) return true;
  if (inSentence(before) && OF.has(tok.folded[before]!)) {
    for (let i = before - 1; i >= before - 3 && inSentence(i); i--) if (topic.locatives.has(tok.folded[i]!)) return true;
  }
  return inSentence(before - 1) && AND.has(tok.folded[before]!) && near(tok, plainPlaces, before - 1, before, s);
}

/**
 * Round 14 (tagsig14b): a place joined by "and" to a place in the scene shares its locative: "in
 * Moscow and Brussels", "w Moskwie i w Brukseli", "в Москві та Брюсселі", and in verb-final order
 * the first of two names before one locative ending ("Moskova ve Brüksel'de"). Not a place of
 * direction ("from Baku and Yerevan") nor after a dative ("reprochant à Paris et Berlin").
 * @param places the article's place matches by first word (`starts`) and by last word (`ends`)
 */
export function coordinatedLocative(topic: Topic, tok: Tokens, m: Match, places: { starts: Map<number, Match>; ends: Map<number, Match> }): boolean {
  const s = tok.sentence[m.start];
  const b = m.start - 1;
  if (b >= 1 && tok.sentence[b - 1] === s && AND.has(tok.folded[b]!)) {
    const p = places.ends.get(b - 1);
    // Not after a dative that may name an addressee ("reprochant à Paris et Berlin").
    if (p && isLocative(topic, tok, p) && !isDirectional(topic, tok, p) && !DATIVES.has(tok.folded[p.start - 1] ?? '')) return true;
  }
  const a = m.end;
  if (a + 1 < tok.folded.length && tok.sentence[a + 1] === s && AND.has(tok.folded[a]!)) {
    const n = places.starts.get(a + 1);
    // Only a locative ending of the next name, not a preposition before it ("Moscow and in Brussels").
    if (n && isLocative(topic, tok, n) && !isDirectional(topic, tok, n) && !(topic.locatives.has(tok.folded[n.start - 1]!) || topic.locativesExact.has(tok.original[n.start - 1]!))) return true;
  }
  return false;
}

/**
 * Words that join the two states of a pair ("Thailand and Cambodia", Polish "między Tajlandią a
 * Kambodżą", Armenian "և", Georgian "და"): position.ts's list conjunctions and these.
 */
const PAIR_JOINS = new Set(['and', 'und', 'et', 'y', 'e', 'i', 'и', 'і', 'та', 'й', 've', 'ile', 'va', 'və', 'و', 'a', 'და', 'և', 'ու', 'ed']);

/**
 * Round 19 (tagsig19): true when a third state starting at `start` is joined to the one that
 * ended at `lastEnd` by a conjunction, with at most one article after it ("Israel and Iran",
 * "entre la Thaïlande et le Cambodge", French elided "et l'Éthiopie"): one pair of a list of pairs. `lastEnd` -100: none. Pure.
 */
export function joinedPair(topic: Topic, tok: Tokens, lastEnd: number, start: number): boolean {
  if (lastEnd < 0) return false;
  const gap = start - lastEnd;
  if (gap === 2) return PAIR_JOINS.has(tok.folded[lastEnd + 1]!);
  return gap === 3 && PAIR_JOINS.has(tok.folded[lastEnd + 1]!) && (topic.articles.has(tok.folded[lastEnd + 2]!) || tok.folded[lastEnd + 2] === 'l');
}

/**
 * Round 19 (tagsig19): true when the word before `start` (past one article) is a pair's conjunction
 * ("and Cambodia", Polish "a Kambodżą", where "a" is also a Romance locative). Pure.
 */
export function afterPairJoin(topic: Topic, tok: Tokens, start: number): boolean {
  let before = start - 1;
  if (before > 0 && topic.articles.has(tok.folded[before]!) && tok.sentence[before] === tok.sentence[start]) before--;
  return before >= 0 && tok.sentence[before] === tok.sentence[start] && PAIR_JOINS.has(tok.folded[before]!);
}

/**
 * Round 19 (tagsig19): true when the match is a conflict region named as the name of its war:
 * a war word at most two words after it ("Karabakh war", "Karabağ Savaşı", "Արցախյան առաջին
 * պատերազմում", "ყარաբაღის ომი"), right before it ("جنگ قره‌باغ", "حرب قره باغ") or before it with
 * a genitive link ("guerra del Karabakh", "Krieg um Bergkarabach"). Not "the war in Karabakh",
 * where the region is the location. Word lists: topic `cues.warWords`, `cues.warLinks`. Pure.
 */
export function warNamed(topic: Topic, tok: Tokens, m: Match): boolean {
  if (topic.warWords.size === 0) return false;
  const s = tok.sentence[m.start];
  for (let i = m.end; i < m.end + 2 && i < tok.folded.length && tok.sentence[i] === s; i++) if (topic.warWords.has(tok.folded[i]!)) return true;
  const b = m.start - 1;
  if (b < 0 || tok.sentence[b] !== s) return false;
  if (topic.warWords.has(tok.folded[b]!)) return true;
  return b >= 1 && topic.warLinks.has(tok.folded[b]!) && tok.sentence[b - 1] === s && topic.warWords.has(tok.folded[b - 1]!);
}

/** Round 19 (tagsig19): words before a handover's recipient that DATIVES lacks (German "an"). */
const HANDOVER_DATIVES: ReadonlySet<string> = new Set(['to', 'a', 'an']);
/** Round 19 (tagsig19): words back from the dative to the handover word ("the transfer of any part of the territory of Armenia to Baku"). */
const HANDOVER_WINDOW = 12;

/**
 * Round 19 (tagsig19): true when the match is the recipient of a handover or a concession: a dative
 * right before it ("to", "à", "a", "an") and a word of topic `cues.handover` at most HANDOVER_WINDOW
 * words before that, in its sentence ("concessions to Baku", "the land handover to Baku", "le
 * transfert de toute partie du territoire ... à Bakou"): a government receiving, not a place. Pure.
 */
export function handedTo(topic: Topic, tok: Tokens, m: Match): boolean {
  if (topic.handover.length === 0 || m.start < 2) return false;
  const s = tok.sentence[m.start];
  const d = m.start - 1;
  if (tok.sentence[d] !== s || !HANDOVER_DATIVES.has(tok.folded[d]!)) return false;
  for (let i = d - 1; i >= 0 && i >= d - HANDOVER_WINDOW && tok.sentence[i] === s; i--) {
    const w = tok.folded[i]!;
    for (const n of topic.handover) if (n.endsWith('*') ? w.startsWith(n.slice(0, -1)) : w === n) return true;
  }
  return false;
}
