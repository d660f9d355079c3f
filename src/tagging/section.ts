/**
 * Round 10 (tagrel10b): a digest's section on the talks.
 *
 * A weekly round-up ("Week in review: snow, bank rates and the road from Copenhagen", "Неделя",
 * "Haftanın özeti", "Тиждень", "Շաբաթվա ամփոփում") has several unrelated sections, one of which
 * is squarely about the talks. By sentence share (guideline rule 7, a third of the body) that
 * section stays under the threshold (0.18–0.33 on heldout-round9), yet writers label the digest
 * on-topic: the section is a full, self-contained item on the process. This module finds such a
 * section; docs/tagging.md "Round 10 (tagrel10b)".
 */
import { BOTH, type Collected, type Frame } from './facts.js';
import type { Topic } from './topic.js';

/**
 * Whether the body holds a digest section about the process. All constants are `scoring` keys
 * of the topic file:
 * - at least `sectionLabels` paragraphs open with a rubric label (`rubricLabels`): the text is
 *   cut into sections by its writer (a domestic report with one paragraph on the talks is not);
 * - the body has at least `sectionParagraphs` paragraphs, and at least `sectionUnrelated` of
 *   them are unrelated sections: no sentence in them names a party or a party's official, or
 *   has a talks term (weather, markets, sport);
 * - at most `sectionMaxNegative` of the body's content sentences are negative (war, court):
 *   a background paragraph on the talks in a war report is not a section of a digest;
 * - a run of consecutive paragraphs, each holding a process sentence, that together name both
 *   parties (or their officials) and hold more process sentences than sentences of another
 *   dyad, of a third-party process or of war; its paragraphs hold at least `sectionWords`
 *   content words (a self-contained item, not a passing line) and at least `sectionWordShare`
 *   of the body's words (rule 7's third of the text, counted in whole paragraphs).
 * @param process per-sentence flags from `markProcess`
 * @param labels paragraphs of the body that open with a rubric label (`rubricLabels`)
 * @returns true when such a section exists; false when `scoring.sectionShare` is 0
 */
export function digestSection(topic: Topic, c: Collected, fr: Frame, process: boolean[], labels: number): boolean {
  const sc = topic.scoring;
  if (sc.sectionShare === 0 || labels < sc.sectionLabels) return false;
  const facts = c.facts;
  const paras: { foreign: number; process: number; parties: number; unrelated: boolean; words: number }[] = [];
  const index = new Map<number, number>();
  let content = 0;
  let negative = 0;
  let bodyWords = 0;
  for (let s = fr.firstBody; s < facts.length; s++) {
    const f = facts[s]!;
    let i = index.get(f.para);
    if (i === undefined) {
      i = paras.length;
      index.set(f.para, i);
      paras.push({ foreign: 0, process: 0, parties: 0, unrelated: true, words: 0 });
    }
    const p = paras[i]!;
    if (f.parties !== 0 || f.officials !== 0 || f.terms > 0 || f.anchor) p.unrelated = false;
    p.parties |= f.parties | f.officials;
    p.words += f.words;
    bodyWords += f.words;
    // Another dyad's sentence (the host's leader meeting others), a third-party process, or a
    // war sentence: not the talks.
    if (!process[s] && (f.other || f.pairOther || f.thirdParty > 0 || f.negative > f.terms)) p.foreign++;
    if (process[s]) p.process++;
    if (f.words >= sc.minSentenceWords) {
      content++;
      if (!process[s] && f.negative > f.terms) negative++;
    }
  }
  if (paras.length < sc.sectionParagraphs || content === 0 || negative / content > sc.sectionMaxNegative) return false;
  if (paras.filter((p) => p.unrelated).length < sc.sectionUnrelated) return false;
  for (let i = 0; i < paras.length; ) {
    if (paras[i]!.process === 0) {
      i++;
      continue;
    }
    let words = 0;
    let parties = 0;
    let foreign = 0;
    let inProcess = 0;
    for (; i < paras.length && paras[i]!.process > 0; i++) {
      const p = paras[i]!;
      (words += p.words, (parties |= p.parties), (foreign += p.foreign), (inProcess += p.process));
    }
    if (parties === BOTH && inProcess > foreign && words >= sc.sectionWords && words >= sc.sectionWordShare * bodyWords) return true;
  }
  return false;
}

/** A rubric label opening a paragraph: one to three words, then ":", ".", "—" or "–" and more text. */
const LABEL = /^([\p{L}][\p{L}\p{M}'’-]*(?:[ \t]+[\p{L}\p{M}'’-]+){0,2})[ \t]*[:.—–][ \t]+\S/u;

/** LABEL without its anchor, sticky: matched at a line's first character inside the whole body. */
const LABEL_AT = new RegExp(LABEL.source.slice(1), 'uy');
const SPACE = /\s/;

/** White space as `String.prototype.trim` removes it (the same set as `\s`). */
function isSpace(c: number): boolean {
  return c <= 32 || c >= 127 ? SPACE.test(String.fromCharCode(c)) : false;
}

/**
 * Counts the paragraphs (lines) of a body that open with a rubric label, as a digest's sections
 * do ("Diplomacy: ...", "Спорт. ...", "Dış politika: ...", "Եղանակ. ..."). The label's first
 * letter is a capital in scripts with case, and the label has at least 4 letters, so that an
 * abbreviation ("Mr. Smith", "Dr. ...") is not a label.
 * @param text the article body (lines separated by line breaks); never throws
 * @returns the number of such lines, 0 for an empty text
 */
export function rubricLabels(text: string): number {
  let n = 0;
  // Each line's label is matched in place (tagspeed13: no split, no trimmed copy): after the line's
  // leading white space, with LABEL made sticky. Nothing in LABEL matches a line break or ends on
  // white space, so a match never leaves its line and is the one its trimmed line would give.
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let at = start;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    const next = end + 1;
    LABEL_AT.lastIndex = at;
    const m = at < end ? LABEL_AT.exec(text) : null;
    start = next;
    if (m === null) continue;
    const label = m[1]!;
    const first = label[0]!;
    if (first.toLowerCase() !== first.toUpperCase() && first !== first.toUpperCase()) continue;
    if (label.replace(/[^\p{L}]/gu, '').length < 4) continue;
    n++;
  }
  return n;
}
