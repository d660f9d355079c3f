/**
 * Calls to the reader after the story: a story told in the third person that ends with lines
 * addressing the reader ("Do you want to be informed of our actions? Sign up here", "Get the
 * latest news straight to your phone with the … app", "Mit diesem Button kannst Du diese
 * Episode … hinzufügen", "El periodismo independiente necesita del apoyo de sus lectores … que
 * leas") ends before them. The lines carry
 * no box name and use words no phrase list holds; what marks them is the switch of voice: the
 * story never spoke to the reader, its last lines do. A post that speaks to its reader
 * throughout (advice, a blog in the "du" voice) keeps its last lines.
 * Called by `filterBlocks` (text.ts) on the text's blocks, last step.
 */
import type { Block } from './blocks.js';
import { isContentBlock } from './weights.js';

/** Second-person words (en, de informal, fr, es, pt), the way a page addresses its reader; any case. */
const READER_WORD = /(?<![\p{L}\p{N}])(you|your|yours|yourself|du|dich|dir|dein|deine[mnrs]?|euch|eure[mnrs]?|vous|votre|vos|tú|usted|ustedes|tus?|te|você|vocês)(?![\p{L}\p{N}])/iu;
/**
 * German formal address: "Sie"/"Ihnen"/"Ihr…" capitalized inside a sentence (at its start "Sie"
 * is also "she"/"they"; lower-case "ihr" is also "her" and is left out).
 */
const READER_FORMAL = /[^.!?:\s]\s+(Sie|Ihnen|Ihre?[mnrs]?)(?![\p{L}\p{N}])/u;
/**
 * What such a call offers or asks for: an app, a newsletter, a button, a subscription or
 * membership, support or a donation, a follow on a social network, a comment or a letter to the
 * editor (en, de, fr, es, pt stems). A line that addresses the reader without one ("Weitere
 * Informationen finden Sie in der Pressemeldung", a press contact, opening hours) is the story's.
 */
const CALL_OBJECT = /(?<![\p{L}])(apps?|newsletter|button|abo|abonn|subscri|suscri|subskryp|assin|sign[ -]?up|inscri|follow|folge|folgt|s[ií]gue|suivez|instagram|facebook|twitter|whatsapp|telegram|youtube|tiktok|linkedin|support|unterst[üu]tz|apoy|soutien|donat|don[ae]|spende|member|miembro|mitglied|membre|tablet|smartphone|phone|handy|inbox|comment|kommentar|comentar|letter to the editor|leserbrief)/iu;
/**
 * A call in the imperative or in the publisher's "we invite you" voice, at the start of a
 * sentence: "Follow The Gleaner on Twitter", "Send us a message", "Hazte miembro", "Únete",
 * "Síguenos", "Abonnez-vous", "Zapraszamy do subskrypcji" (round 14). No "you" is written, yet
 * the line speaks to the reader as plainly; en, de, es, fr, pt, pl forms of follow, subscribe,
 * sign up, join, support, donate, become, send us, write us, invite.
 */
const READER_IMPERATIVE = /(?:^|[.!?]\s+)(follow|subscribe|sign up|join|support|donate|become|send us|write to us|email us|contact us|folgt?(?= uns)|abonniere|unterstütze|werde|hazte|únete|unete|suscr[ií]bete|s[ií]guenos|ap[óo]yanos|abonnez-vous|suivez-nous|rejoignez-nous|soutenez-nous|inscrivez-vous|assine|siga-nos|apoie|zapraszamy|subskrybuj|obserwuj|dołącz|wesprzyj)(?![\p{L}\p{N}])/iu;
/** Quoted speech: a quoted "you" is a speaker's, not the page's. */
const QUOTED = /"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|»[^«]*«|‘[^’]*’/g;

/** Most trailing lines looked at (a call and its one follow-up line, a sign-up and a contact line). */
const TAIL_MAX = 2;
/** Longest line read as a call to the reader (chars): a call is a line or two, not a paragraph of the story. */
const CALL_MAX = 300;
/** The story before the calls has at least this many content paragraphs. */
const BODY_MIN = 3;
/** The story speaks to its reader itself when this share of its content paragraphs does. */
const BODY_VOICE_SHARE = 0.1;

/** True when the block's text, quotes left out, addresses the reader. */
export function addressesReader(b: Block): boolean {
  const t = b.text.includes('"') || /[“„«»‘]/.test(b.text) ? b.text.replace(QUOTED, ' ') : b.text;
  return READER_WORD.test(t) || READER_FORMAL.test(t) || READER_IMPERATIVE.test(t);
}

/**
 * The blocks without the trailing calls to the reader (see the module comment): up to
 * `TAIL_MAX` last blocks, each under `CALL_MAX` characters and addressing the reader, are
 * dropped when the `BODY_MIN`+ content paragraphs before them include under `BODY_VOICE_SHARE`
 * that address the reader. Returns `blocks` itself when nothing is dropped.
 */
export function dropReaderCalls(blocks: Block[]): Block[] {
  let cut = blocks.length;
  while (cut > 0 && blocks.length - cut < TAIL_MAX && blocks[cut - 1].len <= CALL_MAX && addressesReader(blocks[cut - 1]) && CALL_OBJECT.test(blocks[cut - 1].text)) cut--;
  if (cut === blocks.length) return blocks;
  let body = 0;
  let voiced = 0;
  for (let i = 0; i < cut; i++) {
    if (!isContentBlock(blocks[i])) continue;
    body++;
    if (addressesReader(blocks[i])) voiced++;
  }
  if (body < BODY_MIN || voiced > BODY_VOICE_SHARE * body) return blocks;
  return blocks.slice(0, cut);
}
