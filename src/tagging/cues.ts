/**
 * The signal cues of an article (split from src/tagging/facts.ts in issue 12 round 7): word
 * positions of the cue lists that place, attribute and time the names (speech, border, meeting,
 * mediation, facility, upcoming) and the boilerplate sentences. Plain data in and out.
 */
import type { SentenceFacts } from './facts.js';
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';
import { isNumber } from './position.js';

/** Word positions of the signal cues (topic `cues.speech`, `border`, `meeting`, `mediation`, `facility`) and the boilerplate sentences. */
export interface SignalCues {
  speech: number[];
  border: number[];
  meeting: number[];
  mediation: number[];
  /** Institutions and facilities (topic `cues.facility`: court, schools, stadium). */
  facility: number[];
  /** Words for the next event (topic `cues.upcoming`: next, prochain, növbəti, المقبل). */
  upcoming: number[];
  /** Round 9: words of a visit or a journey (topic `cues.travel`: visit, ziyarət, ეწვევა, посетит). */
  travel: number[];
  /** Round 10: words of thanks (topic `cues.gratitude`: thanked, remercié, teşekkür, მადლობა). */
  gratitude: number[];
  /**
   * Round 13: last word of each transit word or route term (topic `cues.transit`: via, через,
   * üzerinden, გავლით; terms with `route`: "through the territory of"), in text order.
   */
  transit: number[];
  /** Round 13: words of a meeting on the margins of another event (topic `cues.sidelines`). */
  sidelines: number[];
  /** Round 13: words of a third party's stance (topic `cues.stance`: welcomes, supports, begrüßt). */
  stance: number[];
  /** Round 14: last word of each noun of a government or its offices (topic `cues.voices`: government, Regierung, власти). */
  voices: number[];
  /** Round 19 (tagmed19b): words of an attempt or failure to settle (topic `cues.attempt`: tried, не смогли, próbował). */
  attempt: number[];
  /** Round 19 (tagmed19b): last word of each word of a route avoiding a state (topic `cues.bypass`: bypassing, в обход). */
  bypass: number[];
  /** Sentences of at most 8 words with a boilerplate cue (weather, "Read also"). */
  boilerplate: Set<number>;
  /** Per sentence: index of its first word. */
  sentenceStart: number[];
}

/** Collects the signal cues of an article; `facts` must hold the sentences' word counts. */
export function signalCues(topic: Topic, tok: Tokens, matches: Match[], facts: SentenceFacts[]): SignalCues {
  const { entries } = topic.lexicon;
  const out: SignalCues = { speech: [], border: [], meeting: [], mediation: [], facility: [], upcoming: [], travel: [], gratitude: [], transit: [], sidelines: [], stance: [], voices: [], attempt: [], bypass: [], boilerplate: new Set(), sentenceStart: [] };
  for (let i = tok.sentence.length - 1; i >= 0; i--) out.sentenceStart[tok.sentence[i]!] = i;
  for (const m of matches) {
    for (const ei of m.entries) {
      const k = entries[ei]!.kind;
      if (k === 'transit' || (k === 'term' && entries[ei]!.route)) {
        if (out.transit[out.transit.length - 1] !== m.end - 1) out.transit.push(m.end - 1);
        continue;
      }
      if (k === 'bypass') {
        out.bypass.push(m.end - 1);
        continue;
      }
      if (k === 'voices') {
        out.voices.push(m.end - 1);
        continue;
      }
      if (k === 'speech' || k === 'border' || k === 'meeting' || k === 'mediation' || k === 'facility' || k === 'upcoming' || k === 'travel' || k === 'gratitude' || k === 'sidelines' || k === 'stance' || k === 'attempt') out[k].push(m.start);
      else if (k === 'boilerplate' && facts[tok.sentence[m.start]!]!.words <= 8) out.boilerplate.add(tok.sentence[m.start]!);
    }
  }
  // Round 14 (tagsig14): a short line with a temperature ("Baku +29°C, sunny", "Երևան +31°C,
  // արևոտ": a number, then the unit letter C as a word of its own) is a weather line without a
  // weather word: boilerplate like one with it.
  for (let i = 1; i < tok.original.length; i++) {
    if (tok.original[i] !== 'C' || tok.sentence[i - 1] !== tok.sentence[i]) continue;
    // Round 15: digits of any script ("ایروان ۵°C، ابری").
    if (!isNumber(tok.original[i - 1]!)) continue;
    const s = tok.sentence[i]!;
    if (facts[s]!.words <= WEATHER_LINE_WORDS) out.boilerplate.add(s);
  }
  widgetLines(topic, tok, matches, out.boilerplate);
  return out;
}

/**
 * Round 19 (tagsig19): a site's header widget line of numbers and cities ("+1° Київ 0° Варшава +1°
 * Вашингтон", "Yerevan 14:05 Moscow 14:05"): a line of at least two numbers whose other words are
 * all names of places or states, and at least two such names, names nothing in the story.
 * Adds those sentences to `boilerplate`.
 */
function widgetLines(topic: Topic, tok: Tokens, matches: Match[], boilerplate: Set<number>): void {
  const { entries } = topic.lexicon;
  let named: Map<number, { names: number; words: number }> | null = null;
  for (const m of matches) {
    if (!m.entries.some((ei) => entries[ei]!.kind === 'places' || entries[ei]!.kind === 'countries')) continue;
    const s = tok.sentence[m.start]!;
    const n = (named ??= new Map()).get(s) ?? { names: 0, words: 0 };
    n.names++;
    n.words += m.end - m.start;
    named.set(s, n);
  }
  if (named === null) return;
  for (const [s, n] of named) {
    if (n.names < 2 || boilerplate.has(s)) continue;
    let numbers = 0;
    let words = 0;
    for (let i = tok.sentence.indexOf(s); i >= 0 && i < tok.sentence.length && tok.sentence[i] === s; i++) {
      words++;
      if (isNumber(tok.original[i]!)) numbers++;
    }
    if (numbers >= 2 && numbers + n.words === words) boilerplate.add(s);
  }
}

/** Round 14: most words of two or more letters in a line with a temperature that is still a weather line ("Yerevan +19°C, clear": 2). */
const WEATHER_LINE_WORDS = 5;
