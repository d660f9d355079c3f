/**
 * Round 13 (issue 12, helper tagsig13) signal helpers of collect.ts, split from it for its
 * length: a third state crossed by a route (topic cues `transit`, `transitSuffixes`), a place
 * that is a first name before a known person, and a word written in capitals (a dateline).
 * Plain data in (tokens, matches, cue positions), booleans out; nothing thrown.
 */
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/** Most words between a transit word and the state it governs (a list: "through Azerbaijan and then Georgia"). */
const TRANSIT_GAP = 5;
/** Longest folded word allowed between them that is not a state's (and, then, и, ve, და, the, l). */
const TRANSIT_LINK = 4;

/**
 * Returns a test for a match crossed by a route: "will reach Armenia via Georgia", "через
 * Грузию", "Gürcistan üzerinden", "საქართველოს გავლით", "Վրաստանով" (heldout-round10: 14 false
 * Georgias). A transit word at most TRANSIT_GAP words before the match or a postposition after
 * it ("Gürcüstan ərazisindən keçərək"), the words between being states, short link words or
 * transit words; or a transit ending on its last word (Armenian -ով).
 * @param transit last word position of every transit word or route term (cues.ts), in text order
 * @param suffixes whether a transit ending (topic `transitSuffixes`) counts too (round 19: not for
 *   `cues.bypass`, a route avoiding the state, which has no ending)
 */
export function routeCrossing(topic: Topic, tok: Tokens, matches: Match[], transit: number[], suffixes = true): (m: Match) => boolean {
  const { entries } = topic.lexicon;
  // Word positions inside country names, built the first time a transit word needs them.
  let stateWords: Set<number> | undefined;
  const linking = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (!stateWords!.has(i) && tok.folded[i]!.length > TRANSIT_LINK && !transit.includes(i)) return false;
    return true;
  };
  return (m: Match): boolean => {
    const s = tok.sentence[m.start]!;
    const last = tok.folded[m.end - 1]!;
    if (suffixes) for (const suf of topic.transitSuffixes) if (last.length > suf.length + 2 && last.endsWith(suf)) return true;
    if (transit.length === 0) return false;
    if (!stateWords) {
      stateWords = new Set();
      for (const x of matches) if (x.entries.some((ei) => entries[ei]!.kind === 'countries')) for (let i = x.start; i < x.end; i++) stateWords.add(i);
    }
    for (const q of transit) {
      if (tok.sentence[q] !== s) continue;
      if (q < m.start && m.start - q <= TRANSIT_GAP && linking(q + 1, m.start)) return true;
      if (q >= m.end && q - m.end < TRANSIT_GAP && (q - m.end <= 1 || linking(m.end, q - 1))) return true;
    }
    return false;
  };
}

/**
 * Round 19 (tagmed19b): returns a test for a third state that opens a list of third states right
 * before a cue word ("با ایران و ترکیه مرز مشترک دارد", "with Iran and Turkey ... border"): the
 * cue at most TRANSIT_GAP words after the match, the words between being third states' words or
 * short link words (and, و, и); a party's name between them ("Georgia and Azerbaijan's border") makes
 * it that pair's own border, so no.
 * @param cues first word position of every cue (cues.ts), in text order
 */
export function thirdListBefore(topic: Topic, tok: Tokens, matches: Match[], cues: number[]): (m: Match) => boolean {
  const { entries } = topic.lexicon;
  let thirdWords: Set<number> | undefined;
  return (m: Match): boolean => {
    const s = tok.sentence[m.start]!;
    for (const q of cues) {
      if (tok.sentence[q] !== s || q < m.end || q - m.end >= TRANSIT_GAP) continue;
      if (q === m.end) return false; // right after: the existing ±2 test covers it
      if (!thirdWords) {
        thirdWords = new Set();
        for (const x of matches) if (x.entries.some((ei) => entries[ei]!.kind === 'countries' && !entries[ei]!.party)) for (let i = x.start; i < x.end; i++) thirdWords.add(i);
      }
      let ok = true;
      let states = 0;
      for (let i = m.end; i < q && ok; i++) {
        if (thirdWords.has(i)) states++;
        else if (tok.folded[i]!.length > TRANSIT_LINK) ok = false;
      }
      if (ok && states > 0) return true;
    }
    return false;
  };
}

/**
 * True when a lexicon person's name starts at word `pos` (a binary search over `matches`, which
 * are in text order): a place right before one is a first name ("Vladimir Putin", "Vladimir
 * Poutine"), not a city.
 */
export function isPersonAt(topic: Topic, matches: Match[], pos: number): boolean {
  const { entries } = topic.lexicon;
  let lo = 0;
  let hi = matches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = matches[mid]!;
    if (x.start === pos) return x.entries.some((ei) => entries[ei]!.kind === 'actors');
    if (x.start < pos) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** True for a word of at least 3 letters written in capitals in a script with case ("TOKYO", "БАКУ"): a dateline's city. */
export function isCapitals(w: string): boolean {
  return w.length >= 3 && w === w.toUpperCase() && w !== w.toLowerCase();
}

/** Round 16 (tag16b): most words between a venue and the deal named after it when the signatories stand between them. */
const SIGNERS_SPAN = 8;

/**
 * Returns a test for a venue followed, in verb-final order, by the signatories and then the deal
 * they signed there: "Վաշինգտոնում Հայաստանի և Ադրբեջանի ղեկավարների ստորագրած հռչակագիրը",
 * "ვაშინგტონში სომხეთისა და აზერბაიჯანის მიერ ხელმოწერილ დეკლარაციას", "Ağ Evdə Azərbaycan və
 * Ermənistan liderlərinin imzaladığı bəyannamə" (the declaration signed in Washington by the
 * leaders of both parties). A talks term at most SIGNERS_SPAN words after the venue's last word,
 * in its sentence, with a party's name between them (the signatories); the round-9 window of three
 * words (collect.ts `afterDeal`) misses these. Source: the August 2025 reactions in real coverage
 * (Georgian, Armenian, Azerbaijani, Turkish and Persian ministries welcoming the declaration).
 * @param termPos last word position of every talks term, in text order
 */
export function signersThenDeal(topic: Topic, tok: Tokens, matches: Match[], termPos: number[]): (m: Match) => boolean {
  const { entries } = topic.lexicon;
  let partyWords: Set<number> | undefined;
  return (m: Match): boolean => {
    const s = tok.sentence[m.start]!;
    const term = termPos.find((q) => q >= m.end && q - m.end < SIGNERS_SPAN && tok.sentence[q] === s);
    if (term === undefined) return false;
    if (!partyWords) {
      partyWords = new Set();
      for (const x of matches) if (x.entries.some((ei) => entries[ei]!.kind === 'countries' && !!entries[ei]!.party)) for (let i = x.start; i < x.end; i++) partyWords.add(i);
    }
    for (let i = m.end; i < term; i++) if (partyWords.has(i)) return true;
    return false;
  };
}

/** Round 16 (tag16b): longest folded word between two capitals of one source ("from Yerevan and Baku": and, и, və, ve, et, und, y, e, i, და, և, و). */
const SOURCE_LINK = 3;

/** True when folded word `w` is one of `nouns` (a trailing `*` marks a stem). */
function isSourceNoun(nouns: readonly string[], w: string | undefined): boolean {
  if (w === undefined) return false;
  for (const n of nouns) if (n.endsWith('*') ? w.startsWith(n.slice(0, -1)) : w === n) return true;
  return false;
}

/**
 * Returns a test for a capital named as the source of its government's word: a noun of a reply,
 * readout, proposals or envoys (topic `cues.sourced`) and a preposition of origin (`cues.origins`)
 * right before it ("no reply from Baku", "ответа из Еревана", "Antwort aus Baku", "رد من باكو",
 * "پاسخی از ایروان"), or, in the case languages, the noun right after the capital in the ablative
 * (a directional ending or clitic: "Bakü'den yanıt", "İrəvandan cavab", "Բաքվից պատասխան",
 * "ბაქოდან პასუხი"); and a capital joined to such a capital by a conjunction ("readouts from
 * Yerevan and Baku"). The capital stands for its government there (tagging README, places: "a
 * capital used only as a stand-in for its government ... is not a place"), though the preposition
 * is a locative word. Call it for each stand-in capital in text order (it remembers the last one it
 * accepted). Source: the 2024 exchanges of treaty drafts in real coverage ("no positive reaction
 * from Baku", "получили новые предложения ... из Баку", "Eriwan erhielt aus Baku ...").
 */
export function governmentSource(topic: Topic, tok: Tokens): (m: Match) => boolean {
  let lastEnd = -100;
  const nouns = topic.sourced;
  return (m: Match): boolean => {
    if (nouns.length === 0) return false;
    const s = tok.sentence[m.start]!;
    const same = (i: number): boolean => i >= 0 && i < tok.folded.length && tok.sentence[i] === s;
    // (`lastEnd` is the end, exclusive, of the last capital accepted: one link word between them.)
    let hit = m.start === lastEnd + 1 && same(lastEnd) && tok.folded[lastEnd]!.length <= SOURCE_LINK;
    if (!hit && same(m.start - 2) && topic.origins.has(tok.folded[m.start - 1]!)) hit = isSourceNoun(nouns, tok.folded[m.start - 2]);
    // Round 17 (tagsig17): the noun right before the capital, a genitive or construct state with no
    // preposition ("Делегации Киева и Москвы", "відповідь Баку", "رد باكو", "پاسخ باکو").
    if (!hit && same(m.start - 1)) hit = isSourceNoun(nouns, tok.folded[m.start - 1]);
    if (!hit && same(m.end)) {
      const w = tok.folded[m.end - 1]!;
      if (topic.directionalSuffixes.some((suf) => w.length > suf.length + 2 && w.endsWith(suf))) hit = isSourceNoun(nouns, tok.folded[m.end]);
      else if (tok.afterApostrophe[m.end] === 1 && topic.directionalSuffixes.includes(tok.folded[m.end]!) && same(m.end + 1)) hit = isSourceNoun(nouns, tok.folded[m.end + 1]);
    }
    if (hit) lastEnd = m.end;
    return hit;
  };
}
