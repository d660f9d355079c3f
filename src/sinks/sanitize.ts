/**
 * Makes a record storable in PostgreSQL, by a fixed, documented rule (docs/sinks.md):
 *
 * 1. Every string anywhere in the record loses its NUL characters (U+0000): PostgreSQL
 *    `text` and `jsonb` reject them ("invalid byte sequence" / "unsupported Unicode escape
 *    sequence", PostgreSQL docs 8.3 and 8.14). Flag `nul-stripped`.
 * 2. Lone UTF-16 surrogates become U+FFFD: they are not valid UTF-8, and `jsonb` rejects the
 *    `\udXXX` escape JSON.stringify writes for them. Flag `surrogate-replaced`.
 * 3. `text` is cut to MAX_TEXT_CHARS, every other string to MAX_STRING_CHARS, never inside a
 *    surrogate pair. Flags `text-truncated`, `field-truncated`. `wordCount` and `contentHash`
 *    keep describing the full text (they identify the version, not the stored copy).
 *
 * Pure: returns a new record and the flags; the input is not changed.
 */
import type { ArticleRecord } from '../types.js';

/** Cap on `text`, UTF-16 code units (~1 MB of Latin text, ~2-3 MB as UTF-8 Cyrillic/Armenian). */
export const MAX_TEXT_CHARS = 1_000_000;
/** Cap on every other string (title, summary, URLs, names), UTF-16 code units. */
export const MAX_STRING_CHARS = 10_000;

/** Notes on what sanitizing changed, stored in the row's `sink_flags`. */
export type SanitizeFlag = 'nul-stripped' | 'surrogate-replaced' | 'text-truncated' | 'field-truncated';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cuts `s` to at most `max` code units without splitting a surrogate pair. */
export function cutString(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

function cleanString(s: string, max: number, flags: Set<SanitizeFlag>, truncFlag: SanitizeFlag): string {
  let out = s;
  if (out.includes('\u0000')) {
    out = out.replaceAll('\u0000', '');
    flags.add('nul-stripped');
  }
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(out)) {
    out = out.replace(LONE_SURROGATE, '\uFFFD');
    flags.add('surrogate-replaced');
  }
  if (out.length > max) {
    out = cutString(out, max);
    flags.add(truncFlag);
  }
  return out;
}

function cleanValue(v: unknown, flags: Set<SanitizeFlag>): unknown {
  if (typeof v === 'string') return cleanString(v, MAX_STRING_CHARS, flags, 'field-truncated');
  if (Array.isArray(v)) return v.map((x) => cleanValue(x, flags));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[cleanString(k, MAX_STRING_CHARS, flags, 'field-truncated')] = cleanValue(x, flags);
    return out;
  }
  // NaN and Infinity would be written as null by JSON.stringify: the same happens here, explicitly.
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** The record after the rule above, and the flags of what changed (empty when nothing did). */
export function sanitizeRecord(record: ArticleRecord): { record: ArticleRecord; flags: SanitizeFlag[] } {
  const flags = new Set<SanitizeFlag>();
  const { text, ...rest } = record;
  const out = cleanValue(rest, flags) as Omit<ArticleRecord, 'text'>;
  const cleanText = typeof text === 'string' ? cleanString(text, MAX_TEXT_CHARS, flags, 'text-truncated') : '';
  return { record: { ...out, text: cleanText } as ArticleRecord, flags: [...flags].sort() };
}
