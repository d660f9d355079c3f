/**
 * Feed dates to instants. Feeds write dates in RFC 822/1123 (RSS `pubDate`), RFC 3339 /
 * ISO 8601 (Atom, JSON Feed, `dc:date`) and a long tail of near-misses; the forms handled
 * here are the ones found in ../shared/corpus/feeds (see docs/feeds.md, "Dates").
 *
 * A date that carries no zone is read as wall-clock time in the feed's configured IANA zone
 * (the per-feed `timezone` key; UTC when absent), computed with `Intl`, never with the
 * process's TZ.
 */

/** Zone abbreviations and their fixed offsets in minutes. RFC 822 §5.1 names UT/GMT/Z and the
 * North American zones; abbreviations are taken literally (EST is -05:00 even in summer,
 * as miniflux/v2#290 and the date-tz-formats case require). The rest are common in feeds. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, AMT: 240, AZT: 240, GET: 240, TRT: 180, JST: 540, KST: 540, HKT: 480, SGT: 480,
  AWST: 480, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  // Python feedparser's table (_parse_date_rfc822): the generic North American zone names
  // read as standard time, like the abbreviations above.
  AT: -240, ET: -300, CT: -360, MT: -420, PT: -480,
};

/** Month names: English (short and full) and the other languages seen in feeds
 * (Portuguese "Set"/"Out" in UOL's feed; German, French, Spanish, Italian abbreviations), plus
 * Russian, Azerbaijani and Turkish, the languages of the region this service follows. A name
 * not listed is matched by its first three letters ("июня" -> "июн", "Sept." -> "sep"). */
const MONTHS: Record<string, number> = {};
(
  [
    ['jan', 'january', 'janeiro', 'januar', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'jän', 'jänner'],
    ['feb', 'february', 'fev', 'fevereiro', 'februar', 'fév', 'févr', 'février', 'febrero', 'febbraio'],
    ['mar', 'march', 'março', 'marco', 'mär', 'märz', 'maerz', 'mars', 'marzo'],
    ['apr', 'april', 'abr', 'abril', 'avr', 'avril', 'aprile'],
    ['may', 'mai', 'maio', 'mayo', 'mag', 'maggio'],
    ['jun', 'june', 'junho', 'juni', 'juin', 'junio', 'giu', 'giugno'],
    ['jul', 'july', 'julho', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio'],
    ['aug', 'august', 'ago', 'agosto', 'aoû', 'août', 'aout'],
    ['sep', 'sept', 'september', 'set', 'setembro', 'septembre', 'septiembre', 'settembre'],
    ['oct', 'october', 'out', 'outubro', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre'],
    ['nov', 'november', 'novembro', 'novembre', 'noviembre'],
    ['dec', 'december', 'dez', 'dezembro', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dicembre'],
  ] as const
).forEach((names, i) => names.forEach((n) => (MONTHS[n] = i)));
(
  [
    // Russian (nominative and genitive share their first three letters; "мая" is listed)
    ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
    // Azerbaijani
    ['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avq', 'sen', 'okt', 'noy', 'dek'],
    // Turkish
    ['oca', 'şub', 'mar', 'nis', 'may', 'haz', 'tem', 'ağu', 'eyl', 'eki', 'kas', 'ara'],
  ] as const
).forEach((names) => names.forEach((n, i) => (MONTHS[n] ??= i)));
// Azerbaijani June/July share "iyu"; Russian "мая" is May's genitive.
Object.assign(MONTHS, { iyun: 5, iyul: 6, мая: 4 });
// Greek (feedparser's _parse_date_greek: nominative and genitive forms, read without accents;
// June and July need four letters).
(['ιαν', 'φεβ', 'μαρ', 'απρ', 'μαι', 'ιουν', 'ιουλ', 'αυγ', 'σεπ', 'οκτ', 'νοε', 'δεκ'] as const).forEach((n, i) => (MONTHS[n] = i));
Object.assign(MONTHS, { μαϊ: 4, ιον: 5, ιολ: 6 });
// Every key also without diacritics ("fév" -> "fev", "ağu" -> "agu", "μάι" -> "μαι").
for (const [k, v] of Object.entries(MONTHS)) MONTHS[stripMarks(k)] ??= v;

/** Lower case without combining marks (NFD): "Ιούν" -> "ιουν", "Fév" -> "fev". */
function stripMarks(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/ş/g, 's').replace(/ğ/g, 'g');
}

interface Fields {
  y: number;
  mo: number; // 0-based
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Offset from UTC in minutes, or null when the string names no zone. */
  offset: number | null;
  /** An IANA zone the string names ("America/Los_Angeles"), read at the wall time; with offset null. */
  zone?: string;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  // RFC 2822 §4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999.
  return n < 50 ? 2000 + n : 1900 + n;
}

/** Offset in minutes of a zone token (`+0400`, `+04:00`, `-05`, `EST`, `Z`), undefined if unknown. */
function zoneOffset(tok: string | undefined): number | null | undefined {
  if (!tok) return null;
  let t = tok.replace(/^\(|\)$/g, '');
  // IANA's Etc/GMT+5 is five hours BEHIND UTC (POSIX sign); Etc/GMT, Etc/UTC are UTC.
  const etc = /^Etc\/(?:GMT|UTC|UCT|Zulu|Universal|Greenwich)([+-]\d{1,2})?$/i.exec(t);
  if (etc) return etc[1] ? -Number(etc[1]) * 60 : 0;
  if (/^Etc\//i.test(t)) return undefined;
  t = t.trim();
  const num = /^(?:(?:GMT|UTC|UT)?)([+-])(\d{1,2}):?(\d{2})?$/i.exec(t);
  if (num) {
    const m = Number(num[2]) * 60 + Number(num[3] ?? 0);
    if (Number(num[2]) > 14 || Number(num[3] ?? 0) > 59) return undefined;
    return num[1] === '-' ? -m : m;
  }
  const up = t.toUpperCase();
  if (up in ZONES) return ZONES[up];
  // RFC 1123 §5.2.14: RFC 822's one-letter military zones had their signs wrong; read as -0000.
  if (/^[A-IK-Y]$/.test(up)) return 0;
  return undefined;
}

// A zone only after a time: "2013-01-27-01" is not a date with a -01:00 offset (feedparser).
const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)|Z)?$/i;
// W3C-DTF reduced precision (https://www.w3.org/TR/NOTE-datetime): "2003-12", "2003".
const YEAR_MONTH = /^(\d{4})(?:-(\d{2}))?$/;
// Korean (feedparser's _parse_date_onblog / _parse_date_nate): "2004년 05월 28일 01:31:15",
// "2004-05-25 오후 11:23:17" (오전 AM, 오후 PM), Korea Standard Time.
const KOREAN = /^(\d{4})(?:년\s*|-)(\d{1,2})(?:월\s*|-)(\d{1,2})일?\s+(?:(오전|오후)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function parseYearMonth(s: string): Fields | null | undefined {
  const m = YEAR_MONTH.exec(s);
  if (!m) return undefined;
  return { y: Number(m[1]), mo: m[2] ? Number(m[2]) - 1 : 0, d: 1, h: 0, mi: 0, s: 0, ms: 0, offset: null };
}

function parseKorean(s: string): Fields | null | undefined {
  const m = KOREAN.exec(s);
  if (!m) return undefined;
  let h = Number(m[5]);
  if (m[4] === '오후' && h < 12) h += 12;
  if (m[4] === '오전' && h === 12) h = 0;
  return { y: Number(m[1]), mo: Number(m[2]) - 1, d: Number(m[3]), h, mi: Number(m[6]), s: Number(m[7] ?? 0), ms: 0, offset: 540 };
}

function parseIso(s: string): Fields | null | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const offset = m[8] ? zoneOffset(m[8].toUpperCase() === 'Z' ? 'Z' : m[8]) : null;
  if (offset === undefined) return null;
  return {
    y: Number(m[1]), mo: Number(m[2]) - 1, d: Number(m[3]),
    h: Number(m[4] ?? 0), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0),
    ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0,
    offset,
  };
}

// [Day,] DD Mon YYYY [HH:MM[:SS] | HHMM] [zone]; the day name may be in any language.
// The day name may be glued to the comma ("Fri,24 Nov"), the month followed by a comma
// ("13 Feb, 2012"), the month numeric in Korean ("24 11월 2023"), the zone an Etc/ name.
const RFC822 =
  /^(?:[^\d\s,]+\.?(?:,\s*|\s+))?(\d{1,2})[\s-]+([^\d\s,.-]+|\d{1,2}[월月])\.?,?[\s-]+(\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?|\s+(\d{2})(\d{2}))?(?:\s*(Etc\/[A-Za-z]+(?:[+-]\d{1,2})?|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|\([A-Za-z]+\)))?(?:\s+\([^)]*\))?$/;
// Mon DD YYYY HH:MM:SS zone (JavaScript's Date.toString, asctime) and "Mon DD, YYYY".
const MDY =
  /^(?:[^\d\s,]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}|GMT[+-]\d{4}))?(?:\s+\([^)]*\))?(?:\s+(\d{4}))?$/;
// YYYY/MM/DD [HH:MM[:SS]] [zone]
const SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(Z|[A-Za-z]{2,5}|[+-]\d{2}:?\d{2}))?$/;

function monthOf(name: string): number | undefined {
  // Korean and Chinese/Japanese numeric months: "11월", "11月".
  const numeric = /^(\d{1,2})[월月]$/.exec(name);
  if (numeric) return Number(numeric[1]) >= 1 && Number(numeric[1]) <= 12 ? Number(numeric[1]) - 1 : undefined;
  const n = name.toLowerCase();
  const bare = stripMarks(n);
  return MONTHS[n] ?? MONTHS[bare] ?? (bare.length > 4 ? MONTHS[bare.slice(0, 4)] : undefined) ?? (bare.length > 3 ? MONTHS[bare.slice(0, 3)] : undefined);
}

function parseRfc822(s: string): Fields | null | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const mo = monthOf(m[2]);
  if (mo === undefined) return null;
  const offset = zoneOffset(m[9]);
  if (offset === undefined) return null;
  return {
    y: fullYear(m[3]), mo, d: Number(m[1]),
    h: Number(m[4] ?? m[7] ?? 0), mi: Number(m[5] ?? m[8] ?? 0), s: Number(m[6] ?? 0), ms: 0,
    offset,
  };
}

function parseMdy(s: string): Fields | null | undefined {
  const m = MDY.exec(s);
  if (!m) return undefined;
  const mo = monthOf(m[1]);
  const year = m[3] ?? m[8];
  if (mo === undefined || !year) return null;
  const offset = zoneOffset(m[7]?.replace(/^GMT(?=[+-])/, ''));
  if (offset === undefined) return null;
  return { y: Number(year), mo, d: Number(m[2]), h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0), ms: 0, offset };
}

function parseSlash(s: string): Fields | null | undefined {
  const m = SLASH.exec(s);
  if (!m) return undefined;
  const offset = zoneOffset(m[7]);
  if (offset === undefined) return null;
  return { y: Number(m[1]), mo: Number(m[2]) - 1, d: Number(m[3]), h: Number(m[4] ?? 0), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0), ms: 0, offset };
}

function valid(f: Fields): boolean {
  return f.mo >= 0 && f.mo < 12 && f.d >= 1 && f.d <= 31 && f.h <= 24 && f.mi < 60 && f.s <= 60 && f.y >= 1000 && f.y < 10000;
}

/**
 * The long tail, read token by token (the approach of araddon/dateparse, which Miniflux uses):
 * day names in any language and ordinals ("16th") ignored, a month name or abbreviation
 * ("Nov.", "Novembre", "juil."), a day, a year, a time with am/pm ("1:55 PM", "10:57 a.m.")
 * and a zone (offset, "GMT-07:00", an abbreviation, an IANA name); or a numeric date
 * (US `MM/DD/YYYY` unless the first number cannot be a month, European `DD.MM.YY`); or epoch
 * seconds (10 digits). A word after the time that is no zone makes it no date, as does a
 * dashed ISO-like string the strict parser refused ("2013-01-27-01").
 */
function parseLoose(input: string): Fields | null | undefined {
  let t = input.trim().replace(/\s+/g, ' ');
  if (/^\d{10}$/.test(t)) {
    const d = new Date(Number(t) * 1000);
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: 0, offset: 0 };
  }
  // An ISO date with an offset and a stray Z ("2020-11-08T16:20:00-05:00Z").
  const isoZ = /^(\d{4}-\d{2}-\d{2}T[\d:.]+[+-]\d{2}:?\d{2})Z$/.exec(t);
  if (isoZ) return parseIso(isoZ[1]);
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(t)) return undefined;
  t = t
    .toLowerCase()
    .replace(/\b([ap])\.m\.?/g, '$1m')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\b(?:at|um|à|a las)\b/g, ' ')
    .replace(/\(.*?\)/g, ' ');
  let y: number | undefined, mo: number | undefined, d: number | undefined;
  let h = 0, mi = 0, sec = 0;
  let offset: number | null = null;
  let zone: string | undefined;
  let timeSeen = false;
  const numbers: number[] = [];
  const numeric = /(?:^|[\s,])(\d{1,4})([/.])(\d{1,2})\2(\d{2,4})(?=$|[\s,])/.exec(t);
  if (numeric) {
    const [a, b, c] = [Number(numeric[1]), Number(numeric[3]), numeric[4]];
    if (numeric[1].length === 4) [y, mo, d] = [a, b - 1, Number(c)];
    else {
      y = fullYear(c);
      // Dots are European (DD.MM.YY); slashes are US (MM/DD/YYYY) unless the first is no month.
      const dayFirst = numeric[2] === '.' || a > 12;
      [d, mo] = dayFirst ? [a, b - 1] : [b, a - 1];
    }
    t = t.replace(numeric[0], ' ');
  }
  const tokens = t.split(/[\s,]+|(?<=[a-zé.])-(?=\s)|\s-\s/).filter(Boolean);
  // A day name can read as a month by its first letters ("Mardi", Spanish "mar."): when two
  // words read as months, the first word of the string is the day name.
  const monthy = tokens.filter((x) => /^[\p{L}]+\.?$/u.test(x) && monthOf(x.replace(/\.$/, '')) !== undefined);
  const skipFirst = monthy.length > 1 && monthy[0] === tokens[0];
  for (const [i, raw] of tokens.entries()) {
    if (i === 0 && skipFirst) continue;
    const tok = raw.replace(/^[-–]+|[.,;]+$/g, '');
    if (!tok || tok === '-') continue;
    const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(am|pm)?$/.exec(tok);
    if (time) {
      [h, mi, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
      if (time[4] === 'pm' && h < 12) h += 12;
      if (time[4] === 'am' && h === 12) h = 0;
      timeSeen = true;
      continue;
    }
    if (tok === 'am' || tok === 'pm') {
      if (tok === 'pm' && h < 12) h += 12;
      if (tok === 'am' && h === 12) h = 0;
      continue;
    }
    if (/^\d+$/.test(tok)) {
      numbers.push(Number(tok));
      continue;
    }
    const month = /^[\p{L}]+\.?$/u.test(tok) ? monthOf(tok.replace(/\.$/, '')) : undefined;
    if (month !== undefined && mo === undefined && !timeSeen) {
      mo = month;
      continue;
    }
    const zoneOff = zoneOffset(tok.toUpperCase().replace(/^GMT(?=[+-])/, ''));
    if (zoneOff !== undefined && zoneOff !== null && (timeSeen || /^[+-]/.test(tok))) {
      offset = zoneOff;
      continue;
    }
    if (tok.includes('/') && isValidTimezone(raw)) {
      zone = raw;
      continue;
    }
    // Any other word: a day name before the date; after the time it is an unknown zone.
    if (timeSeen) return null;
  }
  for (const n of numbers) {
    if (n >= 1000 && y === undefined) y = n;
    else if (n >= 1 && n <= 31 && d === undefined) d = n;
    else if (n >= 1 && n <= 12 && mo === undefined) mo = n - 1;
    else return null;
  }
  if (y === undefined || mo === undefined) return undefined;
  return { y, mo, d: d ?? 1, h, mi, s: sec, ms: 0, offset: zone ? null : offset, ...(zone ? { zone } : {}) };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * IANA names of UTC itself (the default zone of a feed, config `feeds[].timezone` unset): their
 * offset is 0 at every instant, so they are answered without ICU. The first `Intl.DateTimeFormat`
 * a process makes, even for UTC, reads ICU's locale and zone data out of node's binary: +5.9 MiB
 * of resident (file-backed) memory for the life of the process, measured with `/proc/self/smaps`
 * on node 20 (issue 17, round 18: docs/pipeline-cost.md). Other spellings of UTC ("utc",
 * "Etc/GMT") go through ICU as before, with the same answer.
 */
const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC']);

/** Offset of an IANA zone at an instant, in minutes (e.g. +240 for Asia/Yerevan; 0 for UTC, without ICU). */
export function zoneOffsetAt(timezone: string, epochMs: number): number {
  if (UTC_NAMES.has(timezone)) return 0;
  let fmt = offsetFormatters.get(timezone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    offsetFormatters.set(timezone, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(epochMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/**
 * Wall-clock time in an IANA zone to epoch ms. In an overlap (clocks set back) the earlier
 * instant wins; in a gap (clocks set forward) the offset from before the change is used,
 * as Temporal's `disambiguation: 'compatible'` does.
 */
function wallClockToEpoch(wall: number, timezone: string): number {
  const day = 86_400_000;
  const offsets = new Set([zoneOffsetAt(timezone, wall - day), zoneOffsetAt(timezone, wall), zoneOffsetAt(timezone, wall + day)]);
  const fits = [...offsets].map((o) => wall - o * 60_000).filter((t) => zoneOffsetAt(timezone, t) * 60_000 === wall - t);
  if (fits.length) return Math.min(...fits);
  return wall - Math.min(...offsets) * 60_000;
}

/** True when `timezone` is an IANA zone name this runtime knows ("UTC" and "Etc/UTC" without ICU: see UTC_NAMES). */
export function isValidTimezone(timezone: string): boolean {
  if (UTC_NAMES.has(timezone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a date as written in a feed.
 * @param s the element's text (`Thu, 29 Jun 2023 18:00:00 +0400`, `2023-06-29T14:00Z`, ...)
 * @param timezone IANA zone for dates without a zone (default `UTC`); an unknown zone name
 *   throws RangeError (config validation should catch it first)
 * @returns the instant, or null when the text is empty or not a date in a known form
 */
export function parseFeedDate(s: string | null | undefined, timezone = 'UTC'): Date | null {
  if (!s) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  if (!t) return null;
  let f: Fields | null | undefined;
  for (const parse of [parseIso, parseYearMonth, parseRfc822, parseSlash, parseMdy, parseKorean]) {
    f = parse(t);
    if (f !== undefined) break;
  }
  // A form the strict parsers do not know, or refused (an "PM" read as a zone): token by token.
  if (!f) f = parseLoose(t);
  if (!f || !valid(f)) return null;
  const wall = Date.UTC(f.y, f.mo, f.d, f.h, f.mi, f.s, f.ms);
  // Date.UTC maps years 0-99 to 1900+; valid() rejects them, so `wall` is the real year.
  if (new Date(wall).getUTCDate() !== f.d && f.h < 24) return null; // 31 Feb and friends
  const epoch = f.offset === null ? wallClockToEpoch(wall, f.zone ?? timezone) : wall - f.offset * 60_000;
  return Number.isNaN(epoch) ? null : new Date(epoch);
}
