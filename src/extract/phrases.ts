/**
 * The words of the text pass (text.ts `filterBlocks`): phrases that mark a short block as
 * boilerplate wherever it stands (ads, share and follow calls, credits, paywall and newsletter
 * calls, consent placeholders, disclosures, copyright and licence notices), the headings that
 * open a section of links or notes after the story, and the shapes of bylines and datelines.
 * Each constant says the longest block it is tried on; the rules that apply them, and where,
 * are in text.ts. Languages: those of the story (en, ru, hy, az, fr, de) and of the sets we
 * measure on (es, pt, it, ja, zh, ko for the section labels).
 */
// Short blocks that are boilerplate wherever they stand, in the story's languages (en, ru, hy,
// az, fr, de) and the generic forms used by the seed corpus's sites. Matched only on blocks
// shorter than 120 characters.
export const BOILER_PHRASE = new RegExp([
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
export const CAPTION_CREDIT = /^.{20,}?(?:[\s.|(])(?:fotos?|bild(?:er|rechte|quelle)?|photos?|image|picture|kuva|billede|fotograf[ií]a|crédit photo)\s*:\s*[^.!?:]{2,80}\)?$|^.{20,}\((?:AFP|AP|Reuters|dpa|EPA|ANP|NTB|TT)\s*\/\s*[^()]{2,60}\)$/iu;
/** Longest paragraph read as a caption by its credit (chars). */
export const CAPTION_CREDIT_MAX = 300;

// Calls to action that end many articles; dropped in blocks shorter than 200 characters.
export const CALL_TO_ACTION = /\b(subscribe to|sign up for|have a tip\?|follow (us|him|her|them) on|in your inbox|download (our|the)( \w+)? apps?\b)|\bfollow\b.{0,40}\bon (twitter|facebook|instagram|telegram|whatsapp|linkedin|youtube|tiktok)\b|(^|[\s¡¿])(s[ií]guenos|suivez-nous|folgen sie uns|folgt uns|seguici|siga-nos|segue-nos)\b|\b(canal|channel|kanal) (de |on |auf |bei )?(telegram|whatsapp)\b/i;

// Round 19: a prompt to the reader to write in, set as a line of its own after or inside the
// story ("We want to hear what you think about this article.", "Submit your letter to the editor
// via this form", "Tell us in the comments", "Verraten Sie gerne in den Kommentaren:", "Dites-nous
// en commentaire", "Cuéntanos en los comentarios"), en/de/fr/es; dropped in blocks shorter than
// 200 characters, like CALL_TO_ACTION. Found on trafilatura's dev split (three sites).
export const READER_PROMPT = /\b(we want to hear (what you think|from you)|submit (your|a) letter|(tell|let) us (know )?in the comments|share your thoughts in the comments|(verraten|schreiben|sagen) sie (uns )?(gerne |es )?in (den|die) kommentare|(verratet|schreibt|sagt) (uns|mir|es) (gerne )?in (den|die) kommentare|dites-(nous|le) en commentaires?|(cu[ée]ntanos|d[ée]janos|dinos) (en|tu opini[oó]n en) (los|el) comentarios?)/i;

// Calls to subscribe, log in or give that close a paywalled or charity page ("Instant access to the
// full article PDF.", "Pour accéder en illimité", "… und Vorteile sichern!", "Jede kleine Spende
// hilft"), in en/de/fr/es/pt/it; dropped in blocks shorter than 160 characters.
export const PAYWALL_CALL = /\b(instant|unlimited|full|unbegrenzten?|vollen) (digital )?(access|zugriff|zugang)\b|\bpreview of subscription content\b|\blog ?in to (check|get|continue|read)\b|acc[ée]der en illimit[ée]|\b(abonnez-vous|suscr[ií]bete|abbonati|assine já)\b|\bjetzt (abonnieren|abonnent werden|testen und)\b|\bvorteile sichern\b|\b(jede|ihre) (kleine )?spende\b.{0,30}\bhilft\b|\b(donate|spenden sie) (now|jetzt|today|heute)\b|\b(la suite est r[ée]serv[ée]e aux abonn[ée]s|(is )?reserved for (subscribers|members)|nur f[üu]r abonnenten|riservat[oa] agli abbonati|exclusivo para (suscriptores|socios))\b|\bil vous reste \d+([.,]\d+)? ?% de cet article\b|\b(jederzeit (wieder )?abmelden|unsubscribe (at )?any ?time|vous d[ée]sinscrire à tout moment|darte de baja en cualquier momento)\b/i;

// A reader appeal for donations or support ("Will you help us to continue this work?", "I would
// like to donate:", "If you also value what we do, please support us.", "Unterstützen Sie unsere
// Arbeit", "Faites un don"), in en/de/fr/es/it/pt: the box a non-profit or reader-funded site sets
// before or after the story (round 19, ext19b: a video page whose one paragraph lost to the appeal
// and the newsletter box). Dropped in blocks shorter than 160 characters, like PAYWALL_CALL.
export const DONATION_APPEAL = /\bwill you (help|support) us\b|\bplease (support|help) us\b|\b(i would|i'd) like to (donate|give|contribute)\b|\bdonations? from (readers|people) like\b|\bif you (also )?value (what we do|our (work|journalism|reporting))\b|\byour (ongoing |continued |generous )?(support|donation|contribution) (is (essential|vital|crucial)|helps us|makes (this|our work) possible|keeps us)\b|\b(make|give) a (one-off |one-time |monthly |small )?(donation|contribution)\b|\bsupport (our|independent|quality) (journalism|work|reporting)\b|\bselect (an |your )?amount\b|\bbecome a (patron|supporter|sustaining member)\b|\bunterstützen sie (uns|unsere arbeit|unabhängigen journalismus)\b|\bsoutenez(-nous| notre (travail|journalisme))\b|\bfaites un don\b|\b(apoya|apóyanos|apoye) (nuestro|el periodismo|nuestra labor)|\bhaz una donación\b|\bsostienici\b|\bfai una donazione\b|\bapoie (o|nosso) (jornalismo|trabalho)\b|\bfaça uma doação\b/i;

// A newsletter named without a call ("The Morning newsletter", "Our weekly newsletter"): a call
// to sign up in a short line or outside the body's paragraphs; a sentence of 100+ characters
// among three or more body paragraphs of one parent ("on a Linux newsletter no less!") is text.
export const NEWSLETTER = /\bnewsletters?\b/i;
/** Length under which a line naming a newsletter is a call to sign up (chars). */
export const NEWSLETTER_LINE = 100;

// Placeholders of embeds waiting for consent ("Externer Inhalt", "Empfohlener redaktioneller Inhalt",
// "we do not connect to Twitter without your consent"); dropped in blocks shorter than 300 characters.
export const CONSENT = /^(externer inhalt|empfohlener (redaktioneller )?inhalt|external content|contenu externe|contenido externo)$|\b(ohne (dein|ihr)e?n? (einverständnis|zustimmung)|(ich bin|bin ich) damit einverstanden, dass|externe inhalte (angezeigt|laden)|without your consent|(accept|enable) (all )?(cookies|third[- ]party (content|cookies))|to (view|see|display) this (content|video|tweet|post),? (you|please))/i;

// Advertising and affiliate disclosures ("Dieser Beitrag enthält Werbung", "This post contains affiliate
// links"); dropped in blocks shorter than 300 characters. ("We may earn a commission" stays: the Zyte
// truth keeps such a disclosure as part of the article.)
export const DISCLOSURE = /\b((enthält|beinhaltet) (unbezahlte )?(werbung|affiliate|anzeige|werbelinks)|(unbezahlte|unbeauftragte) werbung|werbung (wegen|durch|aufgrund) (verlinkung|markennennung|nennung)|affiliate[- ]links?\b.{0,80}\b(provision|commission)|(this|the) (post|article|page|story) (contains|may contain|includes) (affiliate|sponsored|paid)|contient des liens (affiliés|sponsorisés)|contiene (enlaces|links) de afiliados)/i;

// Copyright and reprint notices (en, de, fr, es, pt, it); dropped in blocks shorter than 300 characters.
// (A block merely starting with "©" may be a photo credit run into the first paragraph.)
export const NOTICE = /\b(all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|vervielfältigung nur mit (genehmigung|erlaubnis)|copyrighted property of|without (the )?(prior )?written permission)/i;

/**
 * Rights and reprint notices in more languages than NOTICE, for scoring only (weights.ts
 * `isLegalNotice`): nl, pl, cs, tr, and after the ASCII `\b` group ru/uk, el, zh, ja, ko, ar,
 * he. Found on old portal pages (round 20, ext20b: a Chinese portal's reprint disclaimer,
 * "版权所有", "未经授权不得转载", a Greek paper's "ΑΠΑΓΟΡΕΥΕΤΑΙ η αναδημοσίευση", a Russian
 * site's "Все права защищены. При использовании материалов ссылка обязательна") whose footers
 * read as sentences and outweighed a short story. Not used by the text pass: a notice at the
 * end of a story stays when the container holds it, as the Zyte and Readability truths keep
 * such lines there ("저작권자 ⓒ … 무단전재 및 재배포금지", "未经授权，不得转载"). "版权所有人/者"
 * (a copyright holder, in a story) is no notice.
 */
export const RIGHTS_NOTICE = new RegExp(NOTICE.source.replace('(all rights reserved|', '(all rights reserved|alle rechten voorbehouden|wszelkie prawa zastrzeżone|všechna práva vyhrazena|tüm hakları saklıdır|') +
  '|вс[еёі] права (защищены|захищені)|(перепечатка|использование|копирование|передрук)( материалов)?[^.]{0,40}(запрещен|разрешен[ао]? только|возможн[ао]? только|допускается только|заборонен)' +
  '|(при|в случае) (полном или частичном )?(использовании|копировании|перепечатке|воспроизведении|цитировании).{0,200}?(ссылк|гиперссылк|указани).{0,100}?обязательн' +
  '|при (використанні|копіюванні|передруку).{0,200}?посилання.{0,60}?обов.язков' +
  '|απαγορε[υύ]εται (η|ρητ[ωώ]ς)[^.]{0,20}(αναδημοσ[ιί]ευση|αναπαραγωγ[ηή])|με την επιφ[υύ]λαξη παντ[οό]ς δικαι[ωώ]ματος' +
  '|[版權权]{2}所有(?![人者权權])|(不得|禁止|严禁|嚴禁|请勿|請勿)(转载|轉載|复制|複製|转贴|轉貼)|未[经經][^。，,]{0,20}(授权|授權|许可|許可|同意)[^。]{0,12}(不得|禁止|严禁|嚴禁)|(转载|轉載)[请請]注明' +
  '|無断(転載|複製|複写|使用)|무단\\s?(전재|복제|배포)|جميع الحقوق محفوظة|כל הזכויות שמורות', 'i');

// Licence notices of the page's own text ("Dieser Text wurde veröffentlicht unter der Lizenz
// CC-BY-NC-ND", "Content on this site is licensed under CC BY 4.0", "Sofern nicht anders
// ausgewiesen, stehen Inhalte dieser Website unter CC-BY"): a Creative Commons code and words
// naming this text, post or site; dropped in blocks shorter than 300 characters like NOTICE. A
// line about a licence that does not name the page itself (a CC explainer's list) stays.
export const LICENCE_CODE = /\bCC[- ]?(BY|0)\b|\bcreative commons\b/i;
export const THIS_TEXT = /\b(dies(e[rsmn]?)?|this|ce|cet|cette|este|esta|questo|questa) (text|texte|texto|testo|artikel|article|artículo|articolo|beitrags?|post|inhalte?|content|contenu|contenido|website|site|seite|page|werk|work|blog)\b|\binhalte dieser\b|\bon this (site|website|blog)\b/i;

/**
 * A whole line that heads the reader comments or a guestbook after a post, on pages that name
 * the thread by no class (old blogs and home pages, round 19, ext19b): "Comments", "3 Comments",
 * "Comments (3)", WordPress's classic "2 Responses to “Title”" and "One thought on “Title”",
 * "Leave a Reply", "Post a comment", "Guestbook", and the same in de, fr, es, pt, it, nl, pl, ru.
 * Plural "comments" only: a lone "Comment" is an opinion piece's kicker. Part of SECTION_END, so
 * it ends the text only when less body text follows it than `SECTION_END_AFTER` of what precedes.
 */
const COMMENTS_HEAD = '^(?:(?:\\d+|no|one|two|three)\\s+)?(?:readers?\'?\\s+|user\\s+)?(?:comments|kommentare|commentaires|comentarios|comentários|commenti|reacties|komentarze|комментарии)(?:\\s*\\(\\d+\\))?\\s*[:：]?$' +
  '|^(?:\\d+|one|two|three)\\s+(?:responses?|comments?|replies|reply|thoughts?|reactions?)\\s+(?:to|on)\\s+.{1,160}$' +
  '|^(?:leave|post|add|write)\\s+a\\s+(?:reply|comment|response)|^(?:kommentar|einen kommentar) (?:schreiben|hinterlassen)|^laisser un commentaire|^(?:deja|dejar) un comentario|^deixe (?:um|seu) comentário|^lascia un commento' +
  '|^(?:sign (?:my|the|our) )?guest ?book$|^gästebuch$|^livre d\'or$';
/** COMMENTS_HEAD alone: such a line passes the boilerplate-line drop (BOILER_PHRASE has "comments") to reach the section-end cut. */
export const COMMENTS_LINE = new RegExp(COMMENTS_HEAD, 'i');

/**
 * Headings that open a section of links or notes after the story ("Read also", "Mehr zum Thema",
 * "Das könnte Sie auch interessieren", "Contenido relacionado", "Explore further"), in the
 * languages of the sets we measure on (en, de, fr, es, pt, it, ru). A short block matching one,
 * after the body's first paragraph, ends the text when less body text follows it than precedes
 * it (filterBlocks). Phrases after trafilatura's and Readability's lists of related-content names.
 */
export const SECTION_END = new RegExp('^(?:' + [
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
].join('|') + ')(?=[\\s:!.?…»-]|$)|^(?:関連(記事|エントリー?|ニュース|情報|リンク|コンテンツ)|おすすめ(記事|の記事)|あわせて読みたい|こちらもおすすめ|相[关關](文章|阅读|閱讀|新闻|新聞|报道|報導)|延伸[阅閱][读讀]|推荐阅读|관련\\s?(기사|뉴스|글)|함께\\s?(보면|읽으면))\\s*[:：]?$|' + COMMENTS_HEAD, 'i');

/** A press release's contact label ("Pressekontakt:", "Media contact"): never inside a story, so it ends the text also when set as a plain paragraph. */
export const CONTACT_END = /^((presse)?kontakt(e)?(?= *:|$)|ansprechpartner(in|\*innen)?(?= *:|$)|(media|press) (contacts?|enquiries|inquiries)|contacts? (presse|médias?)|contacto de prensa)/i;

/** A short line that is a date or a byline ("By Jane Doe", "Nov. 19, 2019 10:00 AM", "22 de janeiro de 2018"). */
export const DATELINE = /^(by|von|par|por|автор)\s|^.{0,40}\b(19|20)\d\d\b.{0,30}$|^(last )?(updated|modified|published|posted)\b/i;

/** A byline, an update note or a bare date in a cell or list item (old markup sets them in table cells beside the story); narrower than DATELINE, which would also take a results table's "Name, 1993". */
export const CELL_DATELINE = /^(by|von|par|por|автор)\s|^(last )?(updated|modified|published|posted)\b|^(\d{1,2}\.?\s*)?[a-zä]{3,9}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+(19|20)\d\d$|^\d{1,2}\.?\s+[a-zä]{3,9}\.?\s+(19|20)\d\d$|^\d{1,2}[./-]\d{1,2}[./-](19|20)?\d\d$/i;
