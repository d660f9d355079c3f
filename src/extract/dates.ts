/**
 * Date parsing for page metadata. Returns ISO 8601 UTC strings; a value without a zone is
 * read as UTC (the convention of the shared evaluator and of most CMS meta tags, which
 * print UTC without a suffix).
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a date as found in meta tags, JSON-LD and `<time datetime>`.
 * Accepts ISO 8601 / RFC 3339 (with or without zone, `T` or space), compact `YYYYMMDD`,
 * RFC 2822 and other forms `Date.parse` reads that name a zone or a month.
 * @returns ISO string in UTC (`2023-06-29T18:14:00.000Z`) or null; years outside 1990..2100 give null
 */
export function parseDate(value: string | null | undefined): string | null {
  if (!value || typeof value !== 'string') return null;
  const v = value.trim();
  if (!v) return null;
  let ms: number;
  const m = ISO.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    ms = Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0, frac ? Math.round(+`0.${frac}` * 1000) : 0);
    if (zone && /^[+-]/.test(zone)) {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const off = (+digits.slice(0, 2)) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0);
      ms -= sign * off * 60_000;
    }
  } else if (/^\d{8}$/.test(v)) {
    ms = Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8));
  } else if (/^\d{10}(\d{3})?$/.test(v)) {
    ms = v.length === 10 ? +v * 1000 : +v;
  } else if (/[a-z]{3}/i.test(v) && /\d{4}/.test(v)) {
    // RFC 2822 and "November 19, 2019 10:00 AM EST"; Date.parse reads a missing zone as local time,
    // so add UTC when no zone is named.
    const hasZone = /(\b(GMT|UTC|Z|[ECMP][SD]T)\b|[+-]\d{4}\b)/.test(v);
    ms = Date.parse(hasZone ? v : `${v} UTC`);
    if (Number.isNaN(ms)) ms = Date.parse(v);
  } else {
    return null;
  }
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return new Date(ms).toISOString();
}
