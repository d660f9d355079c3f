/**
 * Tagging of one article against a compiled topic: `tagArticle(article, topic) -> TopicMatch &
 * {language}` and `explainArticle` (the same with the features behind the decision). Split from
 * src/tagging/index.ts (issue 17, round 13) so that the extraction thread, which receives its
 * topics already validated by the main thread, does not load the topic-file loader (yaml, zod:
 * ~4 MB of each thread's heap). See docs/tagging.md for the rules and the measured figures.
 */
import type { TopicMatch } from '../types.js';
import { detectLanguageOfWords } from './language.js';
import { withoutCommonWords } from './states.js';
import { findMatches } from './match.js';
import { tokenize } from './tokenize.js';
import { findRoleNames, isRoleWord } from './names.js';
import { findCyrillicArmenianNames, findCyrillicRoleNames } from './names-cyrillic.js';
import { canonicalFoundName } from './names-spelling.js';
import { findScriptRoleNames } from './names-script.js';
import { namesakes, scriptNamesakes, type Namesakes } from './names-namesake.js';
import { authorLines, bylineNames, creditNames } from './names-person.js';
import { decide, type Features } from './score.js';
import { rubricLabels } from './section.js';
import { dialogueTurns, headerLines, liveEntries, openLines, unwrapLines } from './dialogue.js';
import type { Topic } from './topic.js';

/** What the tagger reads from an article. */
export interface TaggableArticle {
  title: string | null;
  text: string;
  /** BCP 47 code when known ("en", "ru-RU"); detected from the text when absent. */
  language?: string | null;
  /**
   * Round 16 (tag16c): publication date when known (ISO 8601 "2011-06-24", an RFC 2822 feed date or
   * a Date). An article published before the topic's `scoring.historyBefore` year cannot report the
   * process (guideline rule 1: "2020 onward") and is not relevant; absent or unparsable: no effect.
   */
  publishedAt?: string | Date | null;
}

/**
 * Years before this are not a publication date but a placeholder: feeds and CMSs write the Unix
 * epoch ("Thu, 01 Jan 1970 00:00:00 GMT") or a zero date for a missing one. The same bound as
 * src/extract/dates.ts, which drops such dates from pages.
 */
const FIRST_PLAUSIBLE_YEAR = 1990;

/**
 * The UTC year of a publication date, or 0 when absent, unparsable or a placeholder (before
 * `FIRST_PLAUSIBLE_YEAR`: an epoch date must not make an article "published before 2020").
 * @param d "YYYY-MM-DD…" (the year is read directly), any other `Date.parse` string, or a Date
 */
export function publicationYear(d: string | Date | null | undefined): number {
  let year = 0;
  if (d instanceof Date) year = Number.isNaN(d.getTime()) ? 0 : d.getUTCFullYear();
  else if (typeof d === 'string') {
    const iso = /^\s*(\d{4})-\d{2}/.exec(d);
    const t = iso ? Number.NaN : Date.parse(d);
    year = iso ? Number(iso[1]) : Number.isNaN(t) ? 0 : new Date(t).getUTCFullYear();
  }
  return year >= FIRST_PLAUSIBLE_YEAR ? year : 0;
}

/** Languages written in Latin script, where role-introduced names are looked for (names.ts). */
const LATIN_LANGUAGES = new Set(['en', 'fr', 'de', 'az', 'tr', 'es', 'it', 'pt', 'nl', 'pl', 'ro']);

/** Primary subtag of a BCP 47 code, lower-cased ("ru-RU" → "ru"), or null. */
function primaryLanguage(code: string | null | undefined): string | null {
  if (!code || typeof code !== 'string') return null;
  const p = code.trim().toLowerCase().split(/[-_]/)[0];
  return p && /^[a-z]{2,3}$/.test(p) ? p : null;
}

let actorBuffer = new Uint8Array(256);

/**
 * A zeroed buffer of at least `n` bytes for the per-word "matched as an actor" flags, reused from
 * one article to the next (tagspeed13: a new typed array per article was 1 % of the tagger's time).
 * Valid until the next call; tagging is synchronous.
 */
function actorWords(n: number): Uint8Array {
  if (actorBuffer.length < n) actorBuffer = new Uint8Array(Math.max(n, actorBuffer.length * 2));
  else actorBuffer.fill(0, 0, n);
  return actorBuffer;
}

/** Drops the known actors `ns` found to be namesakes only and adds the namesakes (names-namesake.ts). */
function applyNamesakes(signals: { actors: string[] }, ns: Namesakes): void {
  if (ns.drop.length > 0) signals.actors = signals.actors.filter((a) => !ns.drop.includes(a));
  for (const name of ns.add) if (!signals.actors.includes(name)) signals.actors.push(name);
}

/**
 * Tags one article against one topic, with the features behind the decision.
 * Never throws: empty, punctuation-only or unknown-script text gives an irrelevant result
 * with score 0; text longer than the topic's `scoring.maxChars` is cut there.
 */
export function explainArticle(article: TaggableArticle, topic: Topic): TopicMatch & { language: string | null; features: Features } {
  const max = topic.scoring.maxChars;
  const title = typeof article.title === 'string' ? article.title.slice(0, 2000) : '';
  let text = typeof article.text === 'string' ? article.text : '';
  if (text.length > max) text = text.slice(0, max);
  // Round 19 (tagrel19b): a text hard-wrapped at a narrow column is read by its sentences (dialogue.ts).
  text = unwrapLines(text);
  const tok = tokenize(topic.lexicon, title, text);
  const language = primaryLanguage(article.language) ?? detectLanguageOfWords(tok.original, tok.flags);
  const matches = withoutCommonWords(topic.lexicon, tok, findMatches(tok), language);
  const d = decide(topic, tok, matches, { hasTitle: title.length > 0, rubricLabels: rubricLabels(text), dialogueTurns: dialogueTurns(text), liveEntries: liveEntries(text), openLines: title.length > 0 ? 0 : openLines(text), headerLines: title.length > 0 ? 0 : headerLines(text, topic.scoring.minSentenceWords), impliedParty: language === null ? 0 : topic.homeLanguages.get(language) ?? 0, publishedYear: publicationYear(article.publishedAt) });
  if (language !== null && LATIN_LANGUAGES.has(language)) {
    // Persons the lexicon does not know, introduced by a role word; skip words it matched as actors.
    const n = tok.original.length;
    const actorWord = actorWords(n);
    for (const m of matches) {
      const kind = topic.lexicon.entries[m.entries[0]!]!.kind;
      if (kind === 'actors') actorWord.fill(1, m.start, m.end);
      else actorWord.fill(kind === 'countries' ? 2 : 3, m.start, m.end);
    }
    // sig18b: reported in the English spelling the article's alphabet maps to (names-spelling.ts).
    for (const found of findRoleNames(tok, title, text, (i) => i < n && actorWord[i] === 1, (i) => (i < n ? actorWord[i]! : 0), language === 'de')) {
      const name = canonicalFoundName(found, language);
      if (!d.signals.actors.includes(name)) d.signals.actors.push(name);
    }
    if (language === 'en' || language === 'fr' || language === 'de' || language === 'es' || language === 'it') for (const name of bylineNames(text)) if (!d.signals.actors.includes(name)) d.signals.actors.push(name);
    // Round 19 (tagact19b): an author's name on a line of its own at the body's start or end (names-person.ts).
    let lexWords: Set<string> | null = null;
    const known = (w: string): boolean => {
      if (lexWords === null) {
        lexWords = new Set();
        for (const m of matches) for (let k = m.start; k < m.end; k++) lexWords.add(tok.original[k]!);
      }
      return lexWords.has(w) || isRoleWord(w);
    };
    for (const name of authorLines(text, known)) if (!d.signals.actors.includes(name)) d.signals.actors.push(name);
    // Round 19: "Prosecutor Vusal Aliyev" is not Ilham Aliyev (names-namesake.ts).
    applyNamesakes(d.signals, namesakes(topic, tok, title, text, matches, (i) => (i < n ? actorWord[i]! : 0), language));
  } else if (language === 'ru' || language === 'uk') {
    // Round 18: the same in Cyrillic, after a title in the nominative, romanised (names-cyrillic.ts).
    const n = tok.original.length;
    const word = actorWords(n);
    for (const m of matches) word.fill(1, m.start, m.end);
    for (const name of findCyrillicRoleNames(tok, title, text, (i) => (i < n ? word[i]! : 0), language === 'uk')) {
      if (!d.signals.actors.includes(name)) d.signals.actors.push(name);
    }
    // Round 20 (tagact20): Armenian names without a title, and namesakes of known actors.
    for (const name of findCyrillicArmenianNames(tok, title, text, (i) => (i < n ? word[i]! : 0))) {
      if (!d.signals.actors.includes(name)) d.signals.actors.push(name);
    }
    applyNamesakes(d.signals, scriptNamesakes(topic, tok, title, text, matches, (i) => (i < n ? word[i]! : 0), language));
  } else if (language === 'hy' || language === 'ka') {
    // Round 19 (tagact19): the same in Armenian and Georgian script, romanised (names-script.ts).
    const n = tok.original.length;
    const word = actorWords(n);
    for (const m of matches) word.fill(topic.lexicon.entries[m.entries[0]!]!.kind === 'actors' ? 1 : 2, m.start, m.end);
    for (const name of findScriptRoleNames(tok, title, text, (i) => (i < n ? word[i]! : 0), language)) {
      if (!d.signals.actors.includes(name)) d.signals.actors.push(name);
    }
    applyNamesakes(d.signals, scriptNamesakes(topic, tok, title, text, matches, (i) => (i < n ? word[i]! : 0), language));
  }
  // Round 19 (tagact19b): photographers named in Latin-script photo credits, in any language's page;
  // a credit naming a person the signals hold already (same surname) adds nothing.
  for (const name of creditNames(text)) {
    const last = name.slice(name.lastIndexOf(' ') + 1);
    if (!d.signals.actors.some((a) => a === name || a.endsWith(' ' + last))) d.signals.actors.push(name);
  }
  return { id: topic.id, relevant: d.relevant, score: d.score, signals: d.signals, language, features: d.features };
}

/**
 * Tags one article against one topic. Never throws (see `explainArticle`).
 * @returns the topic match (`relevant`, `score` in 0..1, signals with canonical English names)
 *   and the article's language (given, else detected; null when unknown)
 */
export function tagArticle(article: TaggableArticle, topic: Topic): TopicMatch & { language: string | null } {
  const { features: _features, ...match } = explainArticle(article, topic);
  return match;
}
