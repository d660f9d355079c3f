/**
 * Site rules: a small data table for sites the generic pass gets wrong. A rule names the
 * host (the registrable domain or a subdomain of it), an optional selector of the element
 * that holds the article (`keep`) and selectors of elements to drop before scoring. Rules
 * are dated (`since`) so a rule for an old layout can be retired rather than edited
 * (Fundus's practice). Rules never name hosts of the Zyte benchmark's pages: the generic
 * pass carries the benchmark score.
 */

/** One site rule. */
export interface SiteRule {
  /** Host suffix, lower case ("news.am" matches "news.am" and "www.news.am"). */
  host: string;
  /** CSS selector of the article container; the first match is used when present. */
  keep?: string;
  /** CSS selectors of elements removed before scoring. */
  drop?: string[];
  /** First day (UTC, YYYY-MM-DD) the layout was seen. */
  since: string;
  /** Why the rule exists. */
  note: string;
}

/** The table. Hosts are feeds this project follows (config/feeds.yaml), not benchmark pages. */
export const SITE_RULES: readonly SiteRule[] = [
  {
    host: 'news.am',
    keep: '.article-text, .article-body',
    drop: ['.article-text .banner', '.similar-news'],
    since: '2023-01-01',
    note: 'Article text sits in .article-text next to a longer "latest news" column of teaser paragraphs.',
  },
  {
    host: 'azatutyun.am',
    keep: '#article-content .wsw, .body-container .wsw',
    drop: ['.media-block-wrap', '.embed-player-only'],
    since: '2023-01-01',
    note: 'RFE/RL Pangea layout: .wsw is the story text; related-media boxes inside it carry long captions.',
  },
  {
    host: 'apa.az',
    drop: ['.links_block', '.news_in_main'],
    since: '2023-01-01',
    note: '"Read also" link blocks inside the article body.',
  },
];

/**
 * The rule for a page URL, or null.
 * @param url the page URL (absolute)
 */
export function ruleFor(url: string): SiteRule | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const r of SITE_RULES) if (host === r.host || host.endsWith(`.${r.host}`)) return r;
  return null;
}
