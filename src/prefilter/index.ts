/**
 * Pre-filter (`prefilter: true` on a feed): before an item's page is fetched, its title and
 * summary are tagged against the topics; the page is fetched only when they can be relevant,
 * i.e. the tagger finds them relevant or finds a mention of a party (Armenia or Azerbaijan, an
 * actor unless only other countries are named, a place of the region) or of the process (a term). Mediators alone do not count: a mediator appears in many
 * other stories. An item with neither title nor summary is always fetched (nothing to judge).
 * For general world feeds, where a handful of hundreds of daily items concern the talks.
 */
import type { Topic } from '../tagging/index.js';
import { tagArticle } from '../tagging/tag.js';

/** The parties, as the tagger names countries (canonical English names of the topic file). */
const PARTIES = new Set(['Armenia', 'Azerbaijan']);

/** The verdict on one item and the signals behind it. */
export interface PrefilterVerdict {
  fetch: boolean;
  /** Why: `relevant`, `mentions` (a party or the process is named), `no-text`, or `no-mention` (skipped). */
  why: 'relevant' | 'mentions' | 'no-text' | 'no-mention';
}

/**
 * Decides whether an item's page is worth fetching.
 * @param item the feed item's title and summary (plain text)
 * @param topics the compiled topics of the config
 */
export function prefilterItem(item: { title: string | null; summary: string | null }, topics: readonly Topic[]): PrefilterVerdict {
  const title = item.title?.trim() || null;
  const text = item.summary?.trim() ?? '';
  if (!title && !text) return { fetch: true, why: 'no-text' };
  for (const topic of topics) {
    // `und` (undetermined, BCP 47): skips the tagger's role-introduced names ("CEO Tim Cook"), which
    // would count any named person as an actor; lexicon matches do not depend on the language.
    const m = tagArticle({ title, text, language: 'und' }, topic);
    if (m.relevant) return { fetch: true, why: 'relevant' };
    const s = m.signals;
    const party = s.countries.some((c) => PARTIES.has(c));
    // An actor counts unless the only countries named are others (a US president in a US story).
    const actor = s.actors.length > 0 && (s.countries.length === 0 || party);
    if (party || actor || s.places.length || s.terms.length) return { fetch: true, why: 'mentions' };
  }
  return { fetch: false, why: 'no-mention' };
}
