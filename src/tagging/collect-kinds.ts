/**
 * Kind bits of lexicon entries for collect's one pre-pass (round 17, tagspeed17b): collect walked an
 * article's matches five times before its main loop, each time reading every entry of every match
 * (`entries.some((ei) => entries[ei].kind === ...)`). One bit mask per entry, OR-ed per match,
 * answers all of those questions in one pass with one byte read per entry instead of an object.
 */
import type { LexEntry } from './lexicon.js';

/** A role word ("president"): kind `role`. */
export const KIND_ROLE = 1;
/** A term that names officials ("foreign ministers"): `role` set. */
export const KIND_ROLE_TERM = 2;
/** A talks term: kind `term` with weight > 0. */
export const KIND_TERM = 4;
/** A truce term: a talks term (KIND_TERM) with `truce` set (round 10). */
export const KIND_TRUCE = 8;
/** A plain place: kind `places`, neither a stand-in capital nor a building (round 7). */
export const KIND_PLAIN_PLACE = 16;
/** Any place: kind `places` (round 14's index of places joined by "and"). */
export const KIND_PLACE = 32;
/** A captive word: kind `captive` (its sentence's negative words count as captive ones). */
export const KIND_CAPTIVE = 64;

/**
 * The kind bits (KIND_*) of one entry, from its kind and fields as collect's pre-passes tested
 * them. Pure; never throws.
 */
export function entryKind(e: LexEntry): number {
  let k = 0;
  if (e.kind === 'role') k |= KIND_ROLE;
  if (e.role) k |= KIND_ROLE_TERM;
  if (e.kind === 'term' && (e.weight ?? 0) > 0) k |= e.truce ? KIND_TERM | KIND_TRUCE : KIND_TERM;
  if (e.kind === 'places') k |= !e.standIn && !e.building ? KIND_PLACE | KIND_PLAIN_PLACE : KIND_PLACE;
  if (e.kind === 'captive') k |= KIND_CAPTIVE;
  return k;
}

const cache = new WeakMap<readonly LexEntry[], Uint8Array>();

/**
 * The kind bits of every entry of a lexicon, by entry index (a byte each). Computed once per
 * entries array and again when it has grown (lexicon.ts `extendLexicon` appends); entries are
 * never changed in place once compiled. Never throws.
 */
export function entryKinds(entries: readonly LexEntry[]): Uint8Array {
  let kinds = cache.get(entries);
  if (kinds === undefined || kinds.length !== entries.length) {
    kinds = new Uint8Array(entries.length);
    for (let i = 0; i < entries.length; i++) kinds[i] = entryKind(entries[i]!);
    cache.set(entries, kinds);
  }
  return kinds;
}
