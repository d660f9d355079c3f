/**
 * Round 19 (tagact19b): persons named without an office, for Latin-script text.
 *
 * 1. Nouns of a person's trade or part that introduce a name the way a title does ("his lawyer
 *    Avraam X", "aktrisa Ruhiyyə X", "el jefe del Estado Mayor, Igor X", "təşəbbüsün iştirakçısı
 *    Narek X"): real coverage names lawyers, journalists, activists, experts, directors and
 *    participants this way, and the guideline counts every named person (corpus README, actors).
 *    They are not offices: a state's name before one ("an Azerbaijani journalist") does not make
 *    the state act (position.ts isOfficial keeps to the offices of names.ts).
 * 2. Photo credits ("REUTERS/Loren X", "Tigran X, PAN Photo via AP", "Foto: Anna X/AFP"): the
 *    photographer is a named person of the page (guideline, actors; real19d en and it items).
 */

/** Trade and part nouns (en fr de es it pl tr az), each also capitalised (a sentence's first word). */
const PERSON_NOUNS = new Set(
  (
    'lawyer attorney advocate journalist reporter correspondent photographer activist actress actor writer ' +
    'professor researcher expert director head participant ' +
    'avocat avocate journaliste correspondant correspondante militant militante actrice acteur écrivain professeur ' +
    'chercheur chercheuse directeur directrice chef ' +
    'Anwalt Anwältin Rechtsanwalt Rechtsanwältin Journalist Journalistin Korrespondent Korrespondentin Aktivist ' +
    'Aktivistin Schauspieler Schauspielerin Schriftsteller Schriftstellerin Professorin Experte Expertin Direktor ' +
    'Direktorin Leiter Leiterin ' +
    'abogado abogada periodista corresponsal activista actriz escritor escritora profesor profesora investigador ' +
    'investigadora experto experta directora jefe jefa viceministro viceministra viceministros ' +
    'avvocato avvocata giornalista corrispondente attivista attrice attore scrittore scrittrice professore ' +
    'professoressa ricercatore ricercatrice esperto esperta direttore direttrice ' +
    'adwokat adwokatka prawnik prawniczka dziennikarz dziennikarka korespondent aktywista aktywistka aktorka aktor ' +
    'pisarz pisarka profesor ekspert ekspertka dyrektor dyrektorka prezes prezeska szefowa uczestnik uczestniczka ' +
    'avukat avukatı gazeteci muhabiri aktivist oyuncu yazar profesör uzmanı müdürü ' +
    'vəkil vəkili jurnalist müxbir müxbiri fəal aktrisa aktyor yazıçı ekspert direktor direktoru müdiri rəhbəri ' +
    'iştirakçısı iştirakçı komandan komandanı komandiri general generale général generalny generalna'
  )
    .split(' ')
    .flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]),
);

/** True for a noun of a person's trade or part that may introduce a name ("lawyer", "aktrisa"). */
export function isPersonNoun(word: string): boolean {
  return PERSON_NOUNS.has(word);
}

/** One capitalised name word (Latin script, a hyphened or apostrophised part allowed), or one in capitals ("PAP/EPA/JANE DOE"). */
const W = "(?:\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)?|\\p{Lu}{2,}(?:-\\p{Lu}{2,})?)";
/** Two or three name words. */
const NAME = `(${W}(?: ${W}){1,2})`;
/** Agencies and photo desks a credit names (their own words are never the person). */
const AGENCY = 'REUTERS|Reuters|AFP|AP Photo|AP|EPA-EFE|EPA|EFE|ANSA|dpa|DPA|PAP|Getty Images|Getty|TASS|ТАСС|Sputnik|Anadolu|AA|Xinhua|Imago|IMAGO|LaPresse|Shutterstock|Pool|POOL';
const CREDITS: RegExp[] = [
  // "REUTERS/Loren X", "AP Photo/Jane X", "EPA-EFE/John X"
  new RegExp(`(?:^|[\\s(/:])(?:${AGENCY})\\s?/\\s?${NAME}(?=$|[\\s).,;|/])`, 'gmu'),
  // "Jane X/AFP", "Jane X / Getty Images"
  new RegExp(`(?:^|[\\s(:])${NAME}\\s?/\\s?(?:${AGENCY})(?=$|[\\s).,;|/])`, 'gmu'),
  // "Tigran X, PAN Photo via AP" (a line of its own, or a caption's end)
  new RegExp(`(?:^|[\\s(])${NAME}, [^\\n,]{1,30} via (?:${AGENCY})\\b`, 'gmu'),
  // "Photo: Jane X", "Foto: Jane X", "Fot. Jane X", "Photo by Jane X", "Crédit photo : Jane X"
  new RegExp(`(?:^|[\\s(])(?:Photo|Foto|Fot\\.|Fotó|Crédit photo|Photo credit|Photograph)(?: by|\\s?:|\\s?©)\\s?${NAME}(?=$|[\\s).,;|/])`, 'gmu'),
];
/** The agencies' own words in capitals ("AP PHOTO", "EPA"): never part of a person's name. */
const AGENCY_WORDS = new Set(AGENCY.split(/[| -]/).map((w) => w.toUpperCase()));
/** Words that make a credit's capitalised run an agency or a desk, not a person. */
const NOT_PERSON = new Set(
  (
    'Photo Foto Images Image Press News Agency Service Pool Archive Archiv Handout Reuters Getty Office Ministry ' +
    'Presidential Government Twitter Facebook Telegram Instagram Wikimedia Commons Railway Railways Regierung ' +
    'Ministerium Bundesregierung Gouvernement Ministère Gobierno Ministerio Governo Ministero Rząd Ministerstwo ' +
    'Kancelaria Parliament Council Committee Embassy Administration University Museum Company Group Foundation ' +
    'Centre Center Bank Armenpress Azertac Report Trend Kremlin Pressestelle Pressedienst Kremlin'
  ).split(' '),
);

/**
 * Persons named in photo credits of a Latin-script body: "REUTERS/Loren X", "Jane X/AFP",
 * "Tigran X, PAN Photo via AP", "Foto: Jane X". Only two or three capitalised words next to an
 * agency's name or a photo word; runs holding a desk word ("Presidential Press Service") are not
 * persons. Cheap: the expressions run only when the body holds "/", " via " or a photo word.
 * @param body the article body
 * @returns names as written, in order, without duplicates
 */
export function creditNames(body: string): string[] {
  const lines = creditLines(body);
  if (lines.length === 0) return [];
  const out: string[] = [];
  for (const line of lines) {
    for (const re of CREDITS) {
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        // a name in capitals is reported in title case ("NATHAN HOWARD" → "Nathan Howard"); a run mixing both is not a name
        const caps = m[1]!.split(/[ -]/).filter((w) => w.length > 1 && w === w.toUpperCase()).length;
        if (caps > 0 && caps < m[1]!.split(/[ -]/).length) continue;
        const name = caps > 0 ? m[1]!.toLowerCase().replace(/(^|[ -])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : m[1]!;
        if (name.split(/[ -]/).some((w) => NOT_PERSON.has(w) || AGENCY_WORDS.has(w.toUpperCase()))) continue;
        if (!out.includes(name)) out.push(name);
      }
    }
  }
  return out;
}

/** An agency's name ending right before a slash, or starting right after one. */
const AGENCY_BEFORE = new RegExp(`(?:${AGENCY})\\s?$`);
const AGENCY_AFTER = new RegExp(`^\\s?(?:${AGENCY})\\b`);
/** Photo words that open a credit ("Fot" stands for Foto and Fot.; "Crédit photo" is found by its expression on a line already read, or not at all). */
const PHOTO_WORDS = ['Photo', 'Fot'];

/**
 * The lines of a body that hold a credit's anchor (a slash next to an agency's name, " via " before
 * one, a photo word): the credit expressions run on these lines only (speed: most bodies have
 * slashes in dates and addresses, few credits).
 */
function creditLines(body: string): string[] {
  const starts = new Set<number>();
  const lineAt = (at: number): void => {
    starts.add(body.lastIndexOf('\n', at) + 1);
  };
  for (let at = body.indexOf('/'); at >= 0; at = body.indexOf('/', at + 1)) {
    // an agency's name ends in a capital or "s" (Images) before the slash, or a capital follows it:
    // slashes of dates, fractions and addresses are passed over without a slice
    const before = body.charCodeAt(at - 1 - (body.charCodeAt(at - 1) === 32 ? 1 : 0));
    const after = body.charCodeAt(at + 1 + (body.charCodeAt(at + 1) === 32 ? 1 : 0));
    const capBefore = (before >= 65 && before <= 90) || before === 115 || before === 0x421;
    const capAfter = (after >= 65 && after <= 90) || after === 0x422;
    if (!capBefore && !capAfter) continue;
    if (AGENCY_BEFORE.test(body.slice(Math.max(0, at - 14), at)) || AGENCY_AFTER.test(body.slice(at + 1, at + 16))) lineAt(at);
  }
  for (let at = body.indexOf(' via '); at >= 0; at = body.indexOf(' via ', at + 1)) if (AGENCY_AFTER.test(body.slice(at + 5, at + 20))) lineAt(at);
  for (const w of PHOTO_WORDS) for (let at = body.indexOf(w); at >= 0; at = body.indexOf(w, at + 1)) lineAt(at);
  const out: string[] = [];
  for (const s of starts) {
    const e = body.indexOf('\n', s);
    out.push(body.slice(s, e < 0 ? body.length : e));
  }
  return out;
}

/** Words of a byline that names a desk, not a person ("By Staff Reporter", "By Our Correspondent"). */
const BYLINE_NOT_NAME = new Set(['Redazione', 'Redaktion', 'Rédaction', 'Redacción', 'Staff', 'Reporter', 'Reporters', 'Our', 'Correspondent', 'Correspondents', 'Agencies', 'Agency', 'Editor', 'Editors', 'Editorial', 'News', 'Desk', 'Team', 'Board', 'The', 'Wire', 'Wires', 'Press']);
/** A byline on a line of its own: "By" (fr "Par", de "Von", es "Por", it "di"/"Di": round 20) and two or three capitalised words ("By Tamilla Hasanova"). */
const BYLINE = /^(?:By|Par|Von|Por|di|Di) (\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2})[ \t\r]*$/u;

/**
 * Round 19 (tagact19; moved here by tagact19b): the author of an en, fr, de, es or (round 20) it article named in a byline line ("Par Olivier X") ("By Tamilla
 * Hasanova"): a named person of the text (guideline: every named person in the title or body).
 * Only a line that holds nothing else: "By Friday the two sides..." names nobody.
 * @param body the article's body
 * @returns names as written
 */
export function bylineNames(body: string): string[] {
  const out: string[] = [];
  // only lines that start with a byline word are read by the expression (no scan of every line)
  for (let at = 0; at < body.length; ) {
    while (body.charCodeAt(at) === 32 || body.charCodeAt(at) === 9) at++;
    const c = body.charCodeAt(at);
    if ((c === 66 || c === 80 || c === 86 || c === 68 || c === 100) && (body.startsWith('By ', at) || body.startsWith('Par ', at) || body.startsWith('Von ', at) || body.startsWith('Por ', at) || body.startsWith('di ', at) || body.startsWith('Di ', at))) {
      const end = body.indexOf('\n', at);
      const m = BYLINE.exec(body.slice(at, end < 0 ? body.length : end));
      if (m && !m[1]!.split(/[ -]/).some((w) => BYLINE_NOT_NAME.has(w)) && !out.includes(m[1]!)) out.push(m[1]!);
    }
    const nl = body.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return out;
}

/** Surname endings of the region's names in Latin script (Armenian -yan/-ian/-jan/-uni, Azerbaijani/Russian -ov/-ev/-ova/-eva/-li/-zade, Georgian -shvili/-dze/-ia, Slavic -ski/-ska/-sky). */
const SURNAME_END = /(?:yan|ian|jan|uni|ov|ev|ova|eva|yeva|li|lı|lu|zade|zada|shvili|dze|ski|ska|sky|enko|uk)$/u;
/** A line of two name words, nothing else ("Laman Ismayilova", "Krikor Amirzayan"). */
const NAME_LINE = /^[ \t]*(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)? \p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t\r]*$/u;

/**
 * Round 19 (tagact19b): an author named on a line of its own, without "By", in the first three lines
 * of the body or on its last line ("Laman Ismayilova" under the date, "Krikor Amirzayan" after the
 * text), when the second word ends like a surname of the region (SURNAME_END): other two-word
 * lines are rubrics, teams and headings ("Real Madrid", "Related News").
 * @param body the article's body
 * @param known true for a name word the caller's lexicon already reads (a state, a place, an actor)
 * @returns names as written
 */
export function authorLines(body: string, known: (word: string) => boolean): string[] {
  const out: string[] = [];
  const take = (from: number, to: number): void => {
    // a short line only, read without a split of the body (speed: every Latin-script article passes here)
    if (to - from > 60 || to - from < 5) return;
    const line = body.slice(from, to);
    const m = NAME_LINE.exec(line);
    if (!m) return;
    const [first, last] = m[1]!.split(' ') as [string, string];
    if (!SURNAME_END.test(last) || known(first) || known(last) || NOT_PERSON.has(first) || NOT_PERSON.has(last)) return;
    if (!out.includes(m[1]!)) out.push(m[1]!);
  };
  // the first three lines that hold text
  let at = 0;
  let lines = 0;
  let firstEnds = 0;
  while (at < body.length && lines < 3) {
    let e = body.indexOf('\n', at);
    if (e < 0) e = body.length;
    if (/\S/.test(body.slice(at, Math.min(e, at + 8)))) {
      take(at, e);
      lines++;
    }
    at = e + 1;
    firstEnds = at;
  }
  // the last line that holds text, when it is not among those
  let end = body.length;
  while (end > 0 && /\s/.test(body[end - 1]!)) end--;
  const start = body.lastIndexOf('\n', end - 1) + 1;
  if (start >= firstEnds) take(start, end);
  return out;
}
