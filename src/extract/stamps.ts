/**
 * Lines that are page metadata or server output, not the page's text (round 15, ext15b): update
 * stamps, relative times, an ad slot's lead-in, PHP error messages. Used by the scorer
 * (weights.ts `blockWeight`: server output weighs as boilerplate) and the text pass (text.ts
 * `filterBlocks`: such blocks are dropped wherever they stand). See docs/extraction.md, round 15.
 */
import type { Block } from './blocks.js';

/**
 * A line that only says when the page was last changed: an update label ("Aktualisiert am",
 * "Updated:", "Edited", "Stand:", "Mis à jour le", "Actualizado el", en/de/fr/es/pt/it/nl/pl; a
 * Q&A page's "asked"/"answered" stamps too) and a date with its year (a time and up to three
 * words, month or weekday names, may go with it), nothing
 * else. Metadata of the page, not its text, wherever it stands in the container (a header's meta
 * line between byline and body, "Aktualisiert am 17.01.2021." closing a news item after its
 * sources); trafilatura's set lists such lines as unwanted. Publication lines ("Veröffentlicht am
 * …") are not taken: a podcast page of that set expects one; an update note with a time only
 * ("Updated at 1:23 p.m.") is part of a running story in the Zyte truth. Round 15.
 */
const UPDATE_LINE = /^(?:zuletzt |last |dernière )?(?:updated|modified|edited|asked|answered|aktualisiert|geändert|bearbeitet|stand(?=\s*:)|mis à jour|modifié|actualizado|atualizado|aggiornato|bijgewerkt|zaktualizowano)(?:\s+(?:on|am|le|el|em|il|op|dnia))?\s*:?\s*(?=[^]*(?:\b(?:19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b))(?!(?:[^]*?(?<!\p{L})\p{L}{2,}(?!\p{L})){4})(?:\p{L}{1,10}\.?|[\d:.,/-]+|[\s,|–-])+$/iu;
/**
 * A short block opened by an advertising label in capitals and a dash or colon ("ANZEIGE - Heute
 * mal ausgehen? Wie wäre es mit:", "ADVERTISEMENT: …"): an ad slot's own lead-in, set by ad
 * plugins between the story's paragraphs. Capitals only: "Werbung: …" in a sentence's case is
 * a story's word. Round 15.
 */
const AD_LABEL_LEAD = /^(?:ANZEIGE|WERBUNG|ADVERTISEMENT|ADVERTISING|SPONSORED|PUBLICIDAD|PUBLICITÉ|PUBBLICITÀ)\s*[-–—:|]\s*\S/u;
/**
 * A line that is only a relative time, with or without the action it dates: "2 hours ago",
 * "Asked 8 years, 2 months ago", "vor 3 Tagen", "il y a 2 heures", "hace 5 minutos", "há 2 dias"
 * (en/de/fr/es/pt). A label of a comment, an answer, a feed card or a headline, never text.
 * Round 15.
 */
const RELATIVE_TIME_LINE = /^(?:(?:asked|answered|edited|modified|updated|posted|published|commented|active|aktualisiert|veröffentlicht|gepostet|publié|modifié|publicado|actualizado|atualizado)\s+)?(?:(?:(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?,?\s*)+ago|vor\s+(?:(?:\d+|einer?m?)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?),?\s*(?:und\s+)?)+|il y a\s+(?:(?:\d+|une?)\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?),?\s*)+|hace\s+(?:(?:\d+|una?)\s+(?:segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?),?\s*)+|h[áa]\s+(?:(?:\d+|uma?)\s+(?:segundos?|minutos?|horas?|dias?|semanas?|m[êe]s(?:es)?|anos?),?\s*)+)$/iu;
/** Longest update or relative-time line (chars). */
const UPDATE_LINE_MAX = 60;
/** Longest ad slot lead-in (chars). */
const AD_LEAD_MAX = 120;

/**
 * A PHP error message printed into the page ("Warning: Creating default object from empty value
 * in /www/htdocs/…/classes.php on line 407", "Strict Standards: …", "Deprecated: …"): the
 * server's output, never the page's text. Weighs as boilerplate and is dropped by the text pass
 * (round 15; old WordPress installs print dozens above and inside the article).
 */
export function isServerError(b: Block): boolean {
  return b.text.includes(' on line ') && SERVER_ERROR.test(b.text);
}
const SERVER_ERROR = /^(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error|Catchable fatal error)\s*:\s.{0,400}?\sin\s\S+\.(?:php|inc)\son line \d+/;

/** True when the block is an update stamp, a relative time or an ad slot's lead-in (UPDATE_LINE, RELATIVE_TIME_LINE, AD_LABEL_LEAD). */
export function isStampLine(b: Block): boolean {
  if (b.len <= UPDATE_LINE_MAX && (UPDATE_LINE.test(b.text) || RELATIVE_TIME_LINE.test(b.text))) return true;
  return b.len < AD_LEAD_MAX && AD_LABEL_LEAD.test(b.text);
}
