/**
 * Round 12 (tagrel12): interviews. An interview in question-and-answer form is one conversation:
 * a question such as "Has the constitution question stalled the talks?" or an answer "No. The
 * text is initialled." names no party, yet the interviewee, the title and the other turns do.
 * This module counts the turns of a body so that `markProcess` (score.ts) can take the parties
 * named anywhere in the conversation as the context of each turn; docs/tagging.md "Round 12
 * (tagrel12)". Plain text in, a number out.
 */

/** A line opening with a dash of dialogue (em dash, en dash, horizontal bar), as Russian, French, Spanish and Polish interviews write turns. */
const DASH_TURN = /^[—–―]\s*\S/u;

/** A line opening with a short speaker label: one or two words of at most 12 letters, then ":" ("Q:", "Frage:", "س:", "Pytanie:"). */
const LABEL_TURN = /^(\p{L}{1,12}(?:[ \t]\p{L}{1,12})?)[ \t]*:[ \t]*\S/u;

/** A character that a dialogue turn of either kind contains (DASH_TURN's dashes, LABEL_TURN's colon). */
const TURN_MARK = /[—–―:]/;

/**
 * Round 15 (tag15a): a question written as its own paragraph, without a label ("What is in the
 * document?" then the answer as the next paragraph), as interviews in en/fr/it/uk/es/de/pl/ru
 * print them: a line ending with a question mark (Latin, Greek, Arabic ؟), or holding the
 * Armenian question mark ՞ (written on the stressed word, not at the end), or opening with ¿.
 */
const QUESTION_LINE = /(?:[?;؟]["»”’)]*$|՞|^¿)/u;

/** At most this many words in a question line: a long paragraph ending with "?" is an argument, not a turn. */
const QUESTION_MAX_WORDS = 30;

/**
 * Counts the turns of a dialogue in a body: the lines opening with a dash of dialogue, or the
 * lines opening with the two most frequent short labels when they alternate like a question and
 * an answer (the more frequent at least twice, the other at least once). A digest's rubric
 * labels ("Diplomacy: ...", "Sport: ...") are each used once, so they are no dialogue.
 * Round 15 (tag15a): also question paragraphs (QUESTION_LINE, at most QUESTION_MAX_WORDS
 * words) each followed by a line that is no question: with at least two such pairs, each pair
 * is two turns (an interviewer's question and the answer). (The entries of a live blog, lines
 * opening with a clock time, were tried as turns and dropped: a summit's live page is no
 * conversation, docs/tagging.md "Round 15 (tag15a)".)
 * @param text the article body (lines separated by line breaks); never throws
 * @returns the larger of the two counts; 0 for an empty text or a text with no such lines
 */
export function dialogueTurns(text: string): number {
  // A turn needs a dash, a colon or a question mark: most bodies have none (tagspeed13: skips the split).
  const marked = TURN_MARK.test(text);
  if (!marked && !/[?؟՞]/u.test(text)) return 0;
  let dashes = 0;
  let questions = 0;
  let openQuestion = false;
  const labels = new Map<string, number>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length === 0) continue;
    const question = QUESTION_LINE.test(line) && line.split(/\s+/).length <= QUESTION_MAX_WORDS;
    if (openQuestion && !question) questions++;
    openQuestion = question;
    if (!marked) continue;
    if (DASH_TURN.test(line)) {
      dashes++;
      continue;
    }
    const m = LABEL_TURN.exec(line);
    if (m !== null) {
      const label = m[1]!.toLowerCase();
      labels.set(label, (labels.get(label) ?? 0) + 1);
    }
  }
  const counts = [...labels.values()].sort((a, b) => b - a);
  const first = counts[0] ?? 0;
  const second = counts[1] ?? 0;
  const labelled = first >= 2 && second >= 1 ? first + second : 0;
  return Math.max(dashes, labelled, questions >= 2 ? 2 * questions : 0);
}

/** A line opening with a clock time ("14:02", "16h05", "20.45 Uhr", "۱۴:۲۰"): a live page's entry. */
const CLOCK_LINE = /^[0-9\u06F0-\u06F9\u0660-\u0669]{1,2}[:.h][0-9\u06F0-\u06F9\u0660-\u0669]{2}(?![0-9\u06F0-\u06F9\u0660-\u0669])/u;

/** Some line of a text opens with a clock time (a cheap test before splitting the text). */
const CLOCK_ANYWHERE = /(?:^|\n)[ \t]*[0-9\u06F0-\u06F9\u0660-\u0669]{1,2}[:.h][0-9\u06F0-\u06F9\u0660-\u0669]{2}/u;

/**
 * Round 16 (tag16a): counts the entries of a live page, the lines opening with a clock time
 * (Latin, Persian or Arabic digits; ":", "." or "h" between hours and minutes). Whether the page
 * is one event told in entries, and so read like a conversation, is decided by the caller
 * (score.ts: only when the page names no other side, implied.ts `oneScene`).
 * @param text the article body (lines separated by line breaks); never throws
 * @returns the number of such lines; 0 for none
 */
export function liveEntries(text: string): number {
  if (!CLOCK_ANYWHERE.test(text)) return 0;
  let n = 0;
  for (const raw of text.split(/\r?\n/)) if (CLOCK_LINE.test(raw.trim())) n++;
  return n;
}

/** Lines of the body whose shape `openLines` reports (the lead line is among the first few). */
const OPEN_LINES = 8;
/** A line with a letter or a digit: the tokenizer's paragraphs are exactly these lines. */
const WORD_LINE = /[\p{L}\p{N}]/u;
/** A sentence-final stop at a line's end, before closing quotes or brackets (. … ; ։ 。). */
const LINE_STOP = /[.…;։。]["'»”’)\]]*$/u;

/**
 * Round 19 (tagrel19): which of the body's first lines end without a sentence-final stop, the
 * shape of a headline or a rubric line ("Kremlin talks produce a transport working group") as
 * against a sentence ("Leaders of the CIS gather in Dushanbe."). A text cut from its page without
 * the headline often starts with the headline's own line (score.ts `frameOf` reads the paragraph
 * after it as the lead). Line i is the tokenizer's paragraph i (lines without a letter or digit
 * are not paragraphs); "?" and "!" end headlines too, so they do not count as stops.
 * @param text the article body; never throws
 * @returns a bit mask: bit i set when word-bearing line i (i < 8) has no final stop
 */
export function openLines(text: string): number {
  let mask = 0;
  let i = 0;
  for (const line of wordLines(text, OPEN_LINES)) {
    if (!LINE_STOP.test(line)) mask |= 1 << i;
    i++;
  }
  return mask;
}

/**
 * The body's word-bearing lines (the tokenizer's paragraphs), trimmed, in order, at most `max` of
 * them; lines without a letter or digit are skipped and not counted.
 * @param text the article body
 * @param max the most lines yielded
 */
function* wordLines(text: string, max: number): Generator<string> {
  let n = 0;
  let from = 0;
  while (n < max && from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to).trim();
    from = to + 1;
    if (!WORD_LINE.test(line)) continue;
    n++;
    yield line;
  }
}

/** Lines scanned for a page's leading run of headline-shaped lines (`headerLines`). */
const HEADER_SCAN = 40;
/** Headline-shaped lines of at least `minWords` words a leading run needs to be a link list. */
const HEADER_RUN = 4;

/**
 * Round 19 (tagrel19b): a text cut from its page with the page's header still on it: a list of
 * other stories' headlines ("Lerikdə iki nəfər arasında pul davası ... TƏFƏRRÜAT", "Azərbaycanda
 * doğumlar kəskin azaldı", real az pages of icma.az, median.az) and menu words before the
 * article's own headline and its first sentence. The body's leading lines up to the first line
 * ending with a sentence-final stop (. … ; ։ 。) are headline-shaped; when at least `HEADER_RUN`
 * of them have `minWords` words or more, all of them but the last such line are the page's
 * furniture (the last is the article's headline). A headline, a date line and a time line (one
 * long line) or a headline and its standfirst (two) are left alone.
 * @param text the article body; never throws
 * @param minWords the fewest words of a headline-shaped line that counts (`scoring.minSentenceWords`)
 * @returns how many leading word-bearing lines (the tokenizer's paragraphs 0..n-1) are furniture; 0 for none
 */
export function headerLines(text: string, minWords: number): number {
  let line = 0;
  let long = 0;
  let lastLong = -1;
  for (const raw of wordLines(text, HEADER_SCAN)) {
    if (LINE_STOP.test(raw)) break;
    if ((raw.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= minWords) (long++, (lastLong = line));
    line++;
  }
  return long >= HEADER_RUN ? lastLong : 0;
}

/** Fewest word-bearing lines a text needs before it is read as hard-wrapped (`unwrapLines`). */
const WRAP_LINES = 6;
/** A line's first letter in lower case (a letter with a distinct upper case): the line continues a sentence. */
const LOWER_START = /^[^\p{L}\p{N}]*\p{Ll}/u;

/**
 * Round 19 (tagrel19b): a text hard-wrapped at a narrow column (a newspaper's archived page:
 * "Azərbaycan / və Ermənistan tərəfində saxlanılan / hərbçilər qarşılıqlı / şəkildə azad / ediliblər",
 * real az page of anl.az) has one line per two or three words, and the tokenizer reads each line
 * as a paragraph: no line holds a party and a talks word together, and most are too short to count.
 * A text with no blank line, at least `WRAP_LINES` word-bearing lines, and at least half of its
 * line breaks inside a sentence (the line ends without a final stop and the next starts with a
 * lower-case letter) is hard-wrapped: its lines are joined, a line ending with a stop still ending
 * its paragraph. Caseless scripts (Georgian, Arabic) never look wrapped, and are left as they are.
 * @param text the article body; never throws
 * @returns the text with wrapped lines joined by a space, or the same text
 */
export function unwrapLines(text: string): string {
  if (text.includes('\n\n') || text.includes('\n\r\n')) return text;
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => WORD_LINE.test(l));
  if (lines.length < WRAP_LINES) return text;
  let inside = 0;
  for (let i = 0; i + 1 < lines.length; i++) if (!LINE_STOP.test(lines[i]!) && LOWER_START.test(lines[i + 1]!)) inside++;
  if (inside * 2 < lines.length - 1) return text;
  let out = lines[0]!;
  for (let i = 1; i < lines.length; i++) out += (LINE_STOP.test(lines[i - 1]!) ? '\n\n' : ' ') + lines[i];
  return out;
}
