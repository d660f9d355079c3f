/**
 * Text output: filters the container's blocks (link lists, the title repeated, bylines and
 * datelines before the body, boilerplate phrases, trailing fragments) and joins them:
 * paragraphs with "\n\n", items of one list or one table row with "\n".
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';
import { isContentBlock, SENTENCE_END } from './weights.js';
import { isServerError, isStampLine } from './stamps.js';
import { enumerationRuns, layoutCopies, linkLinesOfProse, linkedSentencesInProse } from './copies.js';
import { dropReaderCalls } from './voice.js';
import { headsItemList, valueCells } from './lists.js';
import { teaserCards } from './cards.js';

// Short blocks that are boilerplate wherever they stand, in the story's languages (en, ru, hy,
// az, fr, de) and the generic forms used by the seed corpus's sites. Matched only on blocks
// shorter than 120 characters.
const BOILER_PHRASE = new RegExp([
  '^(advertisement|advertisment|advert|ad|ads|sponsored|promoted|anzeige|werbung|реклама|publicité|publicite|reklam|գովազդ):?$', '^(image|photo|slide) \\d+ (of|/) \\d+$', '^\\(?(image|photo) credit',
  'requires javascript',
  '^(read|see) (also|more)\\b', '^related( (news|articles|stories|content|topics))?\\b', '^more (from|on|stories|news)\\b',
  '^(читайте|смотрите) (также|еще|ещё)', '^по теме(?=[\\s:]|$)', '^подписывайтесь(?=[\\s:]|$)',
  '^share (this|on|via)\\b', '^(partager|teilen|поделиться|կիսվել|paylaş)(?=[\\s:]|$)', '^(share|tweet|email|print|comment|comments|reply)$', '^follow (us|@)', '^sign up\\b', '^subscribe\\b',
  '^(click|tap) here\\b', '^we use cookies\\b', 'cookie policy', '^this (site|website) uses cookies', '^(all rights reserved|copyright|©)',
  '^\\(?(photo|image|picture|video|source|credit|foto|bild|quelle|fuente|fotografía|crédits?( photos?)?)s?\\s*:',
  // Credits of the page's lead picture named by its role (German compounds): "Titelbild:", "Beitragsbild:",
  // "Symbolbild:". (Not the English "Cover image: …": the Zyte truth keeps such a line on inexhibit.com.)
  '^\\(?(titel|beitrags|artikel|aufmacher|header|vorschau|teaser|symbol)(bild|foto)\\s*:', '^(print|drucken|imprimer|imprimir) (recipe|rezept|recette|receta)$', '^rezept drucken$', '^getty images$', '^(leave|post|add) a comment', '^\\d+ comments?$',
  '^(back to top|skip to (main )?content|loading\\.\\.\\.|next article|previous article)$', '^newsletter\\b', '^(most read|most popular|trending now)$',
  // A disclaimer line on its own (round 14): "(Alle Angaben ohne Gewähr)", "All information without
  // guarantee", "Sin garantía", "Sous réserve d'erreurs". Only as the whole line: a sentence that
  // ends in it keeps its facts.
  '^\\(?\\s*(alle |sämtliche )?(angaben|informationen) (ohne|sind ohne) gewähr\\.?\\s*\\)?$', '^\\(?\\s*(all )?(information|details|data) (is |are )?(provided )?without (any )?(guarantee|warranty)\\.?\\s*\\)?$',
  '^\\(?\\s*(información |datos )?sin garant[ií]a\\.?\\s*\\)?$', '^\\(?\\s*sous réserve d\'erreurs?\\.?\\s*\\)?$',
].join('|'), 'i');

/**
 * A picture's caption set as a plain paragraph, known by the credit that ends it ("… Bild:
 * Maximilian Muster", "… Foto: A. Muster/Agentur", "… | Bildquelle: EU", "… (AFP / J. Doe)"):
 * not body text, like a <figcaption> (the Zyte truth leaves captions out). Kept in photo reports
 * and as a `<br>` line of a paragraph (a caption run into the text, which Readability keeps); a
 * bare credit line ("Main image credit: Getty") is not a caption (BOILER_PHRASE has those).
 */
const CAPTION_CREDIT = /^.{20,}?(?:[\s.|(])(?:fotos?|bild(?:er|rechte|quelle)?|photos?|image|picture|kuva|billede|fotograf[ií]a|crédit photo)\s*:\s*[^.!?:]{2,80}\)?$|^.{20,}\((?:AFP|AP|Reuters|dpa|EPA|ANP|NTB|TT)\s*\/\s*[^()]{2,60}\)$/iu;
/** Longest paragraph read as a caption by its credit (chars). */
const CAPTION_CREDIT_MAX = 300;

// Calls to action that end many articles; dropped in blocks shorter than 200 characters.
const CALL_TO_ACTION = /\b(subscribe to|sign up for|have a tip\?|follow (us|him|her|them) on|in your inbox|download (our|the)( \w+)? app)|\bfollow\b.{0,40}\bon (twitter|facebook|instagram|telegram|whatsapp|linkedin|youtube|tiktok)\b|(^|[\s¡¿])(s[ií]guenos|suivez-nous|folgen sie uns|folgt uns|seguici|siga-nos|segue-nos)\b|\b(canal|channel|kanal) (de |on |auf |bei )?(telegram|whatsapp)\b/i;

// Calls to subscribe, log in or give that close a paywalled or charity page ("Instant access to the
// full article PDF.", "Pour accéder en illimité", "… und Vorteile sichern!", "Jede kleine Spende
// hilft"), in en/de/fr/es/pt/it; dropped in blocks shorter than 160 characters.
const PAYWALL_CALL = /\b(instant|unlimited|full|unbegrenzten?|vollen) (digital )?(access|zugriff|zugang)\b|\bpreview of subscription content\b|\blog ?in to (check|get|continue|read)\b|acc[ée]der en illimit[ée]|\b(abonnez-vous|suscr[ií]bete|abbonati|assine já)\b|\bjetzt (abonnieren|abonnent werden|testen und)\b|\bvorteile sichern\b|\b(jede|ihre) (kleine )?spende\b.{0,30}\bhilft\b|\b(donate|spenden sie) (now|jetzt|today|heute)\b|\b(la suite est r[ée]serv[ée]e aux abonn[ée]s|(is )?reserved for (subscribers|members)|nur f[üu]r abonnenten|riservat[oa] agli abbonati|exclusivo para (suscriptores|socios))\b|\bil vous reste \d+([.,]\d+)? ?% de cet article\b|\b(jederzeit (wieder )?abmelden|unsubscribe at any time|vous d[ée]sinscrire à tout moment|darte de baja en cualquier momento)\b/i;

// A newsletter named without a call ("The Morning newsletter", "Our weekly newsletter"): a call
// to sign up in a short line or outside the body's paragraphs; a sentence of 100+ characters
// among three or more body paragraphs of one parent ("on a Linux newsletter no less!") is text.
const NEWSLETTER = /\bnewsletters?\b/i;
/** Length under which a line naming a newsletter is a call to sign up (chars). */
const NEWSLETTER_LINE = 100;

// Placeholders of embeds waiting for consent ("Externer Inhalt", "Empfohlener redaktioneller Inhalt",
// "we do not connect to Twitter without your consent"); dropped in blocks shorter than 300 characters.
const CONSENT = /^(externer inhalt|empfohlener (redaktioneller )?inhalt|external content|contenu externe|contenido externo)$|\b(ohne (dein|ihr)e?n? (einverständnis|zustimmung)|(ich bin|bin ich) damit einverstanden, dass|externe inhalte (angezeigt|laden)|without your consent|(accept|enable) (all )?(cookies|third[- ]party (content|cookies))|to (view|see|display) this (content|video|tweet|post),? (you|please))/i;

// Advertising and affiliate disclosures ("Dieser Beitrag enthält Werbung", "This post contains affiliate
// links"); dropped in blocks shorter than 300 characters. ("We may earn a commission" stays: the Zyte
// truth keeps such a disclosure as part of the article.)
const DISCLOSURE = /\b((enthält|beinhaltet) (unbezahlte )?(werbung|affiliate|anzeige|werbelinks)|(unbezahlte|unbeauftragte) werbung|werbung (wegen|durch|aufgrund) (verlinkung|markennennung|nennung)|affiliate[- ]links?\b.{0,80}\b(provision|commission)|(this|the) (post|article|page|story) (contains|may contain|includes) (affiliate|sponsored|paid)|contient des liens (affiliés|sponsorisés)|contiene (enlaces|links) de afiliados)/i;

// Copyright and reprint notices (en, de, fr, es, pt, it); dropped in blocks shorter than 300 characters.
// (A block merely starting with "©" may be a photo credit run into the first paragraph.)
const NOTICE = /\b(all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|vervielfältigung nur mit (genehmigung|erlaubnis)|copyrighted property of|without (the )?(prior )?written permission)/i;
// Licence notices of the page's own text ("Dieser Text wurde veröffentlicht unter der Lizenz
// CC-BY-NC-ND", "Content on this site is licensed under CC BY 4.0", "Sofern nicht anders
// ausgewiesen, stehen Inhalte dieser Website unter CC-BY"): a Creative Commons code and words
// naming this text, post or site; dropped in blocks shorter than 300 characters like NOTICE. A
// line about a licence that does not name the page itself (a CC explainer's list) stays.
const LICENCE_CODE = /\bCC[- ]?(BY|0)\b|\bcreative commons\b/i;
const THIS_TEXT = /\b(dies(e[rsmn]?)?|this|ce|cet|cette|este|esta|questo|questa) (text|texte|texto|testo|artikel|article|artículo|articolo|beitrags?|post|inhalte?|content|contenu|contenido|website|site|seite|page|werk|work|blog)\b|\binhalte dieser\b|\bon this (site|website|blog)\b/i;

/**
 * Headings that open a section of links or notes after the story ("Read also", "Mehr zum Thema",
 * "Das könnte Sie auch interessieren", "Contenido relacionado", "Explore further"), in the
 * languages of the sets we measure on (en, de, fr, es, pt, it, ru). A short block matching one,
 * after the body's first paragraph, ends the text when less body text follows it than precedes
 * it (filterBlocks). Phrases after trafilatura's and Readability's lists of related-content names.
 */
const SECTION_END = new RegExp('^(?:' + [
  '(read|see) (also|more)', 'related( (news|articles?|stories|content|topics|posts|reading))?', 'more (from|on|stories|news|about)', 'explore further', 'further reading',
  'you (may|might) (also )?(like|enjoy|be interested)', 'recommended( for you| reading)?', 'more (in|like this)', 'also read',
  'mehr (zum thema|dazu|zu diesem thema|aus|zum ereignis|infos|informationen)', 'weitere (informationen|infos|themen|artikel|beiträge|meldungen|nachrichten|aktuelle themen|tourentipps|links)', 'weiterführende (links|informationen)',
  'das (könnte|dürfte) (sie|dich|euch) (auch|ebenfalls)( noch)? interessieren', '(lesen|sehen) sie (auch|mehr|hier)', 'lies auch', 'zum weiterlesen', 'weiterlesen', 'auch interessant',
  '(ähnliche|verwandte|passende) (themen|artikel|beiträge|news)', 'das thema könnte', 'noch mehr (infos|informationen|artikel|themen|news|coole)',
  '(à|a) lire (aussi|également)', 'lire aussi', 'sur le même (sujet|thème)', 'voir aussi', 'dans la même rubrique',
  '(contenido|artículos?|noticias|notas) relacionad[oa]s?', 'te puede interesar', 'lee (también|además)', 'le puede interesar', 'más (noticias|información) (sobre|de)', 'contexto de la noticia',
  '(veja|leia|confira) (também|mais)', 'mat[ée]rias? relacionadas?', '(leggi|vedi) anche', 'articoli correlati',
  '(читайте|смотрите) (также|еще|ещё)', 'по теме',
  // Japanese, Chinese and Korean labels ("関連エントリ", "相关阅读", "관련 기사"): no space or
  // punctuation after them in running text, so they match only as the whole line (the second alternative below).
  // A paywall's prompt after the free part ("Pour lire la suite", "To continue reading", "Um
  // weiterzulesen"): the account and offer lines after it are no story (round 15).
  'pour (lire|découvrir|continuer (à|a) lire) la suite', 'pour continuer (à|a) lire', 'to (continue|keep) reading', 'um (weiter ?zu ?lesen|den (ganzen|vollständigen) artikel zu lesen)',
  'para (seguir|continuar) leyendo', 'para continuar lendo', 'per continuare a leggere',
  // The author's box after the story ("About the author", "Die Autorin", "Sobre la firma").
  'about the authors?', '(über )?(den|die|der) autor(in|en|innen)?', '(zum|zur) autor(in)?', 'zur person', 'sobre (la firma|el autor|la autora|los autores)',
  '(à propos de )?l\'auteur(e)?', 'sull\'autore', "l'autore", 'sobre o autor',
].join('|') + ')(?=[\\s:!.?…»-]|$)|^(?:関連(記事|エントリー?|ニュース|情報|リンク|コンテンツ)|おすすめ(記事|の記事)|あわせて読みたい|こちらもおすすめ|相[关關](文章|阅读|閱讀|新闻|新聞|报道|報導)|延伸[阅閱][读讀]|推荐阅读|관련\\s?(기사|뉴스|글)|함께\\s?(보면|읽으면))\\s*[:：]?$', 'i');

/** A press release's contact label ("Pressekontakt:", "Media contact"): never inside a story, so it ends the text also when set as a plain paragraph. */
const CONTACT_END = /^((presse)?kontakt(e)?(?= *:|$)|ansprechpartner(in|\*innen)?(?= *:|$)|(media|press) (contacts?|enquiries|inquiries)|contacts? (presse|médias?)|contacto de prensa)/i;

/** Longest block read as a section-opening heading (chars). */
const SECTION_END_MAX = 80;
/** Characters a section-opening heading may carry after its phrase ("Mehr zum Thema Gesundheit:"); a longer rest is a sentence. */
const SECTION_END_REST = 30;
/** Characters a related-links label may carry after its phrase and still be only a label (":", " »"). */
const SECTION_LABEL_REST = 2;
/** A section-opening heading ends the text only when the body text after it is at most this share of the body text before it. */
const SECTION_END_AFTER = 0.35;
/** ... and the text after it beside the body's own paragraphs at most this share (a "read also" line inside the story is followed by more of it). */
const SECTION_END_IN_BODY = 0.15;

/** Below this many content paragraphs a page is a photo report and its captions are kept. */
const SCORING_PHOTO_REPORT = 3;

/** A short line that is a date or a byline ("By Jane Doe", "Nov. 19, 2019 10:00 AM", "22 de janeiro de 2018"). */
const DATELINE = /^(by|von|par|por|автор)\s|^.{0,40}\b(19|20)\d\d\b.{0,30}$|^(last )?(updated|modified|published|posted)\b/i;

/** A byline, an update note or a bare date in a cell or list item (old markup sets them in table cells beside the story); narrower than DATELINE, which would also take a results table's "Name, 1993". */
const CELL_DATELINE = /^(by|von|par|por|автор)\s|^(last )?(updated|modified|published|posted)\b|^(\d{1,2}\.?\s*)?[a-zä]{3,9}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+(19|20)\d\d$|^\d{1,2}\.?\s+[a-zä]{3,9}\.?\s+(19|20)\d\d$|^\d{1,2}[./-]\d{1,2}[./-](19|20)?\d\d$/i;

const LIST_ITEM = new Set(['li', 'td', 'th', 'dd', 'dt']);

/** A heading that reads as a sentence: ≥ 30 characters ending in sentence punctuation other than ":" or "?" (a label introduces a list, a question asks the reader; a sentence ends a post). */
function isSentenceHeading(b: Block): boolean {
  return b.len >= SCORING_SENTENCE_HEADING && b.linkLen / b.len < 0.5 && SENTENCE_END.test(b.text) && !/[:?]$/.test(b.text);
}

/** Length from which a trailing heading ending in sentence punctuation is kept as text (chars; as `shortParagraph` in weights.ts). */
const SCORING_SENTENCE_HEADING = 30;
/** Shortest heading of a trailing run of sentence headings read as listicle items (chars; twice `SCORING_SENTENCE_HEADING`: a headline-like line of a related box is shorter). */
const LIST_HEADING_MIN = 60;

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Longest linked heading read as an item title of a digest (chars). */
const DIGEST_HEADING_MAX = 150;

/**
 * The item titles of a digest or link roundup (a weekly newsletter's archive page, a "what we
 * read" post): headings (`<h2>`–`<h6>`) that are wholly a link to the item, each followed by a
 * body paragraph of the same parent and preceded by one (the roundup's own text). Readers keep
 * them (Readability scores headings with the text they sit in); as link lines they would be
 * dropped. At least two such headings are needed: one linked heading is a related-story link.
 */
function digestHeadings(blocks: Block[]): Set<Block> {
  const out = new Set<Block>();
  const parentOf = (b: Block) => b.path[b.path.length - 2];
  const bodyParents = new Set<unknown>();
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i];
    if (isContentBlock(b)) {
      bodyParents.add(parentOf(b));
      continue;
    }
    if (!/^h[2-6]$/.test(b.tag) || b.len > DIGEST_HEADING_MAX || b.linkLen / b.len < 0.5) continue;
    const next = blocks[i + 1];
    if (bodyParents.has(parentOf(b)) && isContentBlock(next) && parentOf(next) === parentOf(b)) out.add(b);
  }
  return out.size >= 2 ? out : new Set();
}

/** Longest line taken for the label of a repeated slot, in characters. */
const SLOT_LINE_MAX = 60;
/** Copies of one line, each its own element, that make it a slot label. */
const SLOT_COPIES = 3;
/** A slot label is words only: no digits (a repeated "Eat every 2–3 hours" is advice), no rule lines ("___"). */
const SLOT_WORDS = /^[^\d]*\p{L}{2}[^\d]*$/u;

/**
 * Lines that stand in the body three or more times word for word, each copy an element of its
 * own (not `<br>` lines of one paragraph) between two paragraphs of the story, short, no heading
 * no digits and no sentence or question: the labels of ad and video slots the page repeats between
 * paragraphs ("Story continues below advertisement", "Don't want to see this? Remove ads"). A
 * refrain of a poem or song is cut by `<br>` inside one paragraph or ends its line with
 * punctuation, and stays; so do an interview's repeated question, repeated section headings,
 * table cells and list items (spec lists repeat values).
 */
function repeatedSlotLines(blocks: Block[]): Set<string> {
  const copies = new Map<string, Set<DomElement>>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.len > SLOT_LINE_MAX || b.sep === '\n' || LIST_ITEM.has(b.tag) || /^h[1-6]$/.test(b.tag) || /[.!?,;:…]$/.test(b.text) || !SLOT_WORDS.test(b.text)) continue;
    // A slot stands between paragraphs of the story (its label may come with other short
    // lines: "advertisement" above "Remove ads", two slots in a row).
    if (!besideProse(blocks, i, -1) || !besideProse(blocks, i, 1)) continue;
    let set = copies.get(b.text);
    if (!set) copies.set(b.text, (set = new Set()));
    set.add(b.path[b.path.length - 1]);
  }
  const out = new Set<string>();
  for (const [text, owners] of copies) if (owners.size >= SLOT_COPIES) out.add(text);
  return out;
}

/** The nearest block from `i` in direction `dir`, past at most three other short lines (the rest of a slot), is prose. */
function besideProse(blocks: Block[], i: number, dir: -1 | 1): boolean {
  for (let k = i + dir, n = 0; k >= 0 && k < blocks.length && n < 4; k += dir, n++) {
    if (isContentBlock(blocks[k])) return true;
    if (blocks[k].len > SLOT_LINE_MAX) return false;
  }
  return false;
}

/**
 * Filters the container's blocks down to the article text.
 * @param blocks blocks inside the container, document order
 * @param title the article title, used to drop a repeated headline
 * @param pageUrl the page's address; its host tells a story's link to an outside source from a
 *   link to another story of the site (copies.ts `linkedSentencesInProse`); optional
 */
export function filterBlocks(blocks: Block[], title: string | null, pageUrl?: string): Block[] {
  const t = title ? norm(title) : '';
  const kept: Block[] = [];
  const seen = new Set<string>();
  const copies = layoutCopies(blocks);
  // Captions are not body text (Zyte truth), except in a photo report where they carry it.
  const photoReport = blocks.filter((b) => !b.caption && isContentBlock(b)).length < SCORING_PHOTO_REPORT;
  // Content paragraphs per parent element: a sentence among three or more of them is body text.
  const bodyParents = new Map<unknown, number>();
  for (const b of blocks) if (isContentBlock(b)) bodyParents.set(b.path[b.path.length - 2], (bodyParents.get(b.path[b.path.length - 2]) ?? 0) + 1);
  const digest = digestHeadings(blocks);
  const slots = repeatedSlotLines(blocks);
  // Owners of more than one block: paragraphs cut into lines by <br>.
  const brLines = new Set<unknown>();
  for (let i = 1; i < blocks.length; i++) if (blocks[i].path === blocks[i - 1].path) brLines.add(blocks[i].path);
  const brLinkLines = linkLinesOfProse(blocks, brLines);
  const cells = valueCells(blocks);
  const proseLinks = linkedSentencesInProse(blocks, isContentBlock, pageUrl);
  for (const b of enumerationRuns(blocks)) proseLinks.add(b);
  const cards = teaserCards(blocks);
  for (const b of blocks) {
    if (cards.has(b)) continue;
    if (b.caption && !photoReport) continue;
    if (slots.has(b.text)) continue;
    if (b.otherStoriesLabel && !SECTION_END.test(b.text)) continue;
    const ld = b.linkLen / b.len;
    if (ld >= 0.5 && !(b.len > 200 && ld < 0.7) && !digest.has(b) && !brLinkLines.has(b) && !cells.has(b) && !proseLinks.has(b)) continue;
    if (b.len < 120 && BOILER_PHRASE.test(b.text)) continue;
    if (isStampLine(b) || isServerError(b)) continue;
    if (b.len < CAPTION_CREDIT_MAX && !photoReport && b.sep !== '\n' && !brLines.has(b.path) && CAPTION_CREDIT.test(b.text)) continue;
    // Digits-only fragments outside tables and lists: pagination, counters.
    if (b.len < 40 && !LIST_ITEM.has(b.tag) && /^[\d\s|/.,>»-]*$/.test(b.text)) continue;
    if (b.len < 200 && CALL_TO_ACTION.test(b.text)) continue;
    if (b.len < 160 && PAYWALL_CALL.test(b.text)) continue;
    if (b.len < 200 && NEWSLETTER.test(b.text) && (b.len < NEWSLETTER_LINE || (bodyParents.get(b.path[b.path.length - 2]) ?? 0) < 3)) continue;
    if (b.len < 300 && (NOTICE.test(b.text) || CONSENT.test(b.text) || DISCLOSURE.test(b.text) || (LICENCE_CODE.test(b.text) && THIS_TEXT.test(b.text)))) continue;
    // The same caption twice (gallery and lightbox copies) is kept once.
    if (b.caption) {
      if (seen.has(b.text)) continue;
      seen.add(b.text);
    }
    if (copies.has(b)) continue;
    if (t && Math.abs(b.len - t.length) < 30 && norm(b.text) === t) continue;
    // The page's headline (an <h1> before the body or repeating the title) is not body text; an
    // <h1> set as a section heading further down is (Readability drops only the first).
    if (b.tag === 'h1' && (!kept.some(isContentBlock) || (t && (norm(b.text).includes(t) || t.includes(norm(b.text)))))) continue;
    kept.push(b);
  }
  // Before the first content block: bylines, datelines, kickers, breadcrumbs. Keep headings
  // and sentence-like paragraphs (a standfirst), drop short fragments.
  const first = kept.findIndex(isContentBlock);
  if (first < 0) {
    // A page of short lines only (a short post, lines in a script without word spaces): a
    // related-links label or a colon label closing it introduced links that were dropped.
    let end = kept.length;
    while (end > 1 && isClosingLabel(kept[end - 1])) end--;
    return kept.slice(0, end);
  }
  const out: Block[] = [];
  const lead = kept[first];
  const leadParent = lead.path[lead.path.length - 2];
  for (let i = 0; i < first; i++) {
    const b = kept[i];
    // Lines of one paragraph cut by <br> (a standfirst set in short lines) are judged together.
    let j = i;
    let len = b.len;
    let links = b.linkLen;
    while (j + 1 < first && kept[j + 1].path === b.path) {
      j++;
      len += kept[j].len;
      links += kept[j].linkLen;
    }
    // (A long one may end in ":", introducing the list after it.)
    if (j > i && b.tag === 'p' && len >= 60 && links / len < 0.5 && SENTENCE_END.test(kept[j].text) && (len >= 100 || !kept[j].text.endsWith(':')) && !DATELINE.test(b.text)) {
      for (let k = i; k <= j; k++) out.push(kept[k]);
      i = j;
      continue;
    }
    const ld = b.linkLen / b.len;
    // Siblings of the first body paragraph, of its kind, are body (short lines of a list-like article).
    if (b.tag === lead.tag && b.path[b.path.length - 2] === leadParent && ld < 0.5 && !DATELINE.test(b.text)) {
      out.push(b);
      continue;
    }
    if ((b.len >= 60 || b.tag === 'figcaption' || (b.tag === 'p' && b.len >= 30)) && ld < 0.5 && SENTENCE_END.test(b.text) && !b.text.endsWith(':')) out.push(b);
    else if ((b.tag === 'td' || b.tag === 'th' || b.tag === 'li' || b.datum) && (ld === 0 || cells.has(b)) && !CELL_DATELINE.test(b.text)) out.push(b);
    else if (/^h[2-6]$/.test(b.tag) && ld < 0.5 && (i === first - 1 || headsItemList(kept, i, cells)) && !b.otherStoriesLabel) out.push(b);
  }
  let last = kept.length - 1;
  // A heading that opens a related-links or notes section cuts the rest, unless a good part of
  // the body follows it: more than `SECTION_END_AFTER` of the text before it, or, when the line
  // is no heading element but a paragraph beside the body's own (a "read also" line inside the
  // story), more than `SECTION_END_IN_BODY` beside those paragraphs.
  let before = 0;
  const parents = new Set<unknown>();
  const labels = new Set<Block>();
  for (let i = first; i < kept.length; i++) {
    const b = kept[i];
    const contact = i > first && b.len <= SECTION_END_MAX ? CONTACT_END.exec(b.text) : null;
    // A line ending in one full stop is a sentence ("More on that later."), not a heading.
    const m = contact ?? (i > first && b.len <= SECTION_END_MAX && !/[^.]\.$/.test(b.text) ? SECTION_END.exec(b.text) : null);
    if (m && b.len - m[0].length <= SECTION_END_REST) {
      let after = 0;
      let inBody = 0;
      for (let k = i + 1; k < kept.length; k++) {
        const c = kept[k];
        if (!isContentBlock(c)) continue;
        after += c.len;
        if (parents.has(c.path[c.path.length - 2])) inBody += c.len;
      }
      if (after <= SECTION_END_AFTER * before && (contact || /^h[2-6]$/.test(b.tag) || inBody <= SECTION_END_IN_BODY * before)) {
        last = i - 1;
        break;
      }
      // The story goes on: a line that is only the label ("Lesen Sie auch", "Related:") heads
      // an embedded box of links inside the body, whose links are dropped; the label goes too.
      if (!contact && (b.len - m[0].length <= SECTION_LABEL_REST || b.otherStoriesLabel)) labels.add(b);
    }
    if (isContentBlock(b)) {
      before += b.len;
      parents.add(b.path[b.path.length - 2]);
    }
  }
  // (Code in `<pre>` without links stays too, round 15 ext15c: a how-to closing on short commands.)
  const keepTail = (b: Block) => isContentBlock(b) || b.datum || /^h[2-6]$/.test(b.tag) || (LIST_ITEM.has(b.tag) && b.linkLen === 0 && !CELL_DATELINE.test(b.text)) || b.len >= 60 ||
    (b.tag === 'p' && b.len >= 20 && b.linkLen === 0) || ((b.pre || b.tag === 'pre') && b.linkLen === 0);
  // The last lines of a paragraph or list cut by <br> (a numbered list set as lines, short
  // directions under each link) stay when an earlier line of the same element stays.
  const tailOwners = new Set<unknown>();
  for (let i = first; i <= last; i++) if (brLines.has(kept[i].path) && keepTail(kept[i])) tailOwners.add(kept[i].path);
  // (A line that fails keepTail while its element is in tailOwners has that kept line before it.)
  // A closing date or byline line ("Last updated 12 June 2001") is no list line.
  const tailLine = (b: Block) => tailOwners.has(b.path) && !CELL_DATELINE.test(b.text) && !BYLINE_LINE.test(b.text);
  // A short line ending in a colon as the last of the text ("Like this? You might also be
  // interested in:", "Weitere Links:") introduces what followed it, and that was dropped (a link
  // list, an embed): the label goes with it, as Readability drops a link list's heading with the list.
  const danglingLabel = (b: Block) => b.len <= SECTION_END_MAX && /[:：]$/.test(b.text) && !tailLine(b);
  while (last > first && ((!keepTail(kept[last]) && !tailLine(kept[last])) || danglingLabel(kept[last]))) last--;
  // A trailing heading with nothing after it introduces boilerplate ("Related", "Comments");
  // one that is a sentence (a post set in heading tags, a closing call in bold) is text.
  // Only right after the body's own text in the same element: a rating question or a login
  // notice under a heading of its own after the body is not.
  let run = last;
  while (run > first && /^h[2-6]$/.test(kept[run].tag)) run--;
  const parentOf = (b: Block) => b.path[b.path.length - 2];
  const tailText = run < last && isContentBlock(kept[run]) ? parentOf(kept[run]) : null;
  // Two or more long sentences in a row of headings, and only those, are items of a post set in
  // headings (a listicle: `section > h2` + picture per item), not labels of boxes after the body
  // (round 17, ext17a: onedio kept one paragraph of five).
  let listRun = last - run >= 2;
  for (let i = run + 1; i <= last && listRun; i++) listRun = kept[i].len >= LIST_HEADING_MIN && isSentenceHeading(kept[i]);
  while (!listRun && last > first && /^h[2-6]$/.test(kept[last].tag) && !(tailText && isSentenceHeading(kept[last]) && parentOf(kept[last]) === tailText)) last--;
  for (let i = first; i <= last; i++) {
    // A byline or a bare date right after the first content block (the standfirst, set in the
    // article's header above them: "von Hanne Petersen, Radio Nord", "12 January 2026") is no text.
    if (i > first && i <= first + 2 && kept[i].len <= BYLINE_MAX && (BYLINE_LINE.test(kept[i].text) || CELL_DATELINE.test(kept[i].text)) && !SENTENCE_END.test(kept[i].text)) continue;
    if (!labels.has(kept[i]) && !kept[i].otherStoriesLabel) out.push(kept[i]);
  }
  return dropReaderCalls(out);
}

/** A short line that only labels what followed it: a related-links label ("関連エントリ", "Related:") or any line ending in a colon. */
function isClosingLabel(b: Block): boolean {
  if (b.len > SECTION_END_MAX) return false;
  const m = SECTION_END.exec(b.text);
  return (m !== null && b.len - m[0].length <= SECTION_LABEL_REST) || /[:：]$/.test(b.text);
}

/** A short line opening with "by" in the languages of DATELINE and a few more (it, nl, sv/no/da). */
const BYLINE_LINE = /^(by|von|par|por|di|door|av|af|автор)\s+\p{Lu}/iu;
/** Longest byline line dropped after the first content block, in characters. */
const BYLINE_MAX = 80;

/** Joins blocks into the output text: "\n" within one list or table row, "\n\n" between paragraphs. */
export function joinBlocks(blocks: Block[]): string {
  let s = '';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (i > 0) {
      const p = blocks[i - 1];
      const sameList = LIST_ITEM.has(b.tag) && LIST_ITEM.has(p.tag) && b.path[b.path.length - 2] === p.path[p.path.length - 2];
      s += sameList || b.sep === '\n' ? '\n' : '\n\n';
    }
    s += b.text;
  }
  return s;
}
