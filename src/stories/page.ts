/**
 * The /stories page: a server-rendered HTML page for a person following the talks (no
 * script, no build step). Coverage per day as an inline SVG bar chart (stacked by language
 * or by source), a search box, and the latest stories with their articles, outlets and
 * signals, each article linking to its page.
 *
 * `handleStoriesRequest(req, res, deps)` answers `GET /stories` (query: `q` text, `lang`,
 * `days` 1..365 (default 14), `until` the window's last day, YYYY-MM-DD, UTC, included (default now), `by` =
 * `language` | `source`); any other method gets 405. A value the page cannot use (`days=abc`,
 * `days=99999`, `until=nope`, `lang=english`, `by=nope`, a parameter given twice) gets 400
 * naming the parameter and what it accepts (pageQuery). The ops
 * listener mounts it on `/stories`; it reads records through a `RecordStore` (PostgreSQL or
 * JSONL, src/search/store.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { groupByStory, type StoryGroup } from '../search/results.js';
import type { SearchHit } from '../search/query.js';
import type { RecordStore } from '../search/store.js';

/** What the page needs. */
export interface StoriesPageDeps {
  store: RecordStore;
  /** Clock, epoch ms (tests pin it). */
  now?: () => number;
  /** Stories listed at most (default 30). */
  maxStories?: number;
}

const DAY = 86_400_000;
/** Records the chart and the story list read at most (the newest in the window); older ones are left out. */
const PAGE_MAX_RECORDS = 5000;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** HTML-escapes text for element content and quoted attributes. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page's query, validated (pageQuery: a bad value is refused, not replaced by its default). */
export interface PageQuery {
  q: string;
  lang: string | null;
  days: number;
  /** End of the window, epoch ms: the last millisecond of the `until` day (UTC), or null for now. */
  until: number | null;
  by: 'language' | 'source';
}

/** Longest window of the page, days (the page's "the last 365 days" link, the README's ops table). */
export const PAGE_MAX_DAYS = 365;

/** The query parameters of /stories; any other is ignored (a browser or a link tracker may add its own). */
export const PAGE_PARAMS = ['q', 'lang', 'days', 'until', 'by'] as const;
/** Longest `q` the page searches for, characters (the search box's maxlength). */
export const PAGE_MAX_QUERY = 200;

/**
 * A query parameter of /stories the page refuses (`param`, the value as sent); the handler
 * answers 400 with `message` and logs `stories.bad-query` with reason `bad-query`.
 */
export class PageQueryError extends Error {
  override name = 'PageQueryError';
  constructor(readonly param: (typeof PAGE_PARAMS)[number], readonly value: string, message: string) {
    super(message);
  }
}

/**
 * Reads the page's query from a request URL. An absent or empty parameter takes its default
 * (`q` none, `lang` every language, 14 days, until now, by language).
 * @throws PageQueryError naming the parameter when one is given more than once, `days` is not a
 *   whole number in 1..PAGE_MAX_DAYS, `until` is not a calendar date YYYY-MM-DD, `lang` is not a
 *   language code (2 or 3 letters, ISO 639-1/-3 as records carry them), `by` is neither
 *   `language` nor `source`, or `q` is longer than PAGE_MAX_QUERY characters
 */
export function pageQuery(url: URL): PageQuery {
  const shown = (raw: string) => JSON.stringify(raw.slice(0, 40));
  for (const param of PAGE_PARAMS) {
    const all = url.searchParams.getAll(param);
    if (all.length > 1) throw new PageQueryError(param, all.join(','), `${param}: given ${all.length} times (${all.map(shown).join(', ')}); give it once`);
  }
  const daysRaw = url.searchParams.get('days') ?? '';
  const days = daysRaw === '' ? 14 : /^\d+$/.test(daysRaw.trim()) ? Number(daysRaw) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > PAGE_MAX_DAYS) {
    throw new PageQueryError('days', daysRaw, `days: not a whole number of days from 1 to ${PAGE_MAX_DAYS}: ${shown(daysRaw)}`);
  }
  const untilRaw = url.searchParams.get('until') ?? '';
  let until: number | null = null;
  if (untilRaw !== '') {
    // A day only: a time after it was taken and ended the window at that instant (round 10 leftover).
    until = /^\d{4}-\d{2}-\d{2}$/.test(untilRaw) ? Date.parse(untilRaw) : Number.NaN;
    // Date.parse rolls a day the month lacks over (2026-02-30 is 2 March): not a date either
    if (!Number.isNaN(until) && new Date(until).toISOString().slice(0, 10) !== untilRaw) until = Number.NaN;
    // the named day is the window's last: the window ends at its last millisecond (UTC)
    if (!Number.isNaN(until)) until += DAY - 1;
    if (Number.isNaN(until)) throw new PageQueryError('until', untilRaw, `until: not a date YYYY-MM-DD (the window's last day; absent for now): ${shown(untilRaw)}`);
  }
  const langRaw = url.searchParams.get('lang') ?? '';
  const lang = langRaw.trim().toLowerCase();
  if (lang !== '' && !/^[a-z]{2,3}$/.test(lang)) {
    throw new PageQueryError('lang', langRaw, `lang: not a language code (2 or 3 letters, ISO 639, as records carry them: en, hy, az, ru; absent for every language): ${shown(langRaw)}`);
  }
  const byRaw = url.searchParams.get('by') ?? '';
  if (byRaw !== '' && byRaw !== 'language' && byRaw !== 'source') {
    throw new PageQueryError('by', byRaw, `by: "language" or "source" (what the chart's bars are split by; absent for language): ${shown(byRaw)}`);
  }
  const q = url.searchParams.get('q') ?? '';
  if (q.length > PAGE_MAX_QUERY) throw new PageQueryError('q', q, `q: longer than ${PAGE_MAX_QUERY} characters (${q.length}): ${shown(q)}…`);
  return { q, lang: lang || null, days, until, by: byRaw === 'source' ? 'source' : 'language' };
}

/**
 * The coverage chart: one stacked bar per UTC day from `since` to `now`, segments by key.
 * Returns SVG markup; each bar segment is a `<rect class="bar" data-day data-key data-count>`.
 */
export function coverageSvg(hits: readonly SearchHit[], by: 'language' | 'source', since: number, now: number): string {
  const days: string[] = [];
  for (let t = Math.floor(since / DAY) * DAY; t <= now; t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const h of hits) {
    const d = h.at.slice(0, 10);
    const k = (by === 'language' ? h.language : h.source) ?? '?';
    totals.set(k, (totals.get(k) ?? 0) + 1);
    let m = counts.get(d);
    if (!m) counts.set(d, (m = new Map()));
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  // the 9 largest keys get their own colour, the rest are "other"
  const keys = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const shown = keys.slice(0, 9);
  const colour = (k: string) => PALETTE[shown.indexOf(k)] ?? PALETTE[9];
  const max = Math.max(1, ...days.map((d) => [...(counts.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0)));
  const W = 720, H = 160, pad = 24, bw = (W - pad) / days.length;
  const parts: string[] = [];
  days.forEach((d, i) => {
    let y = H - pad;
    const m = counts.get(d);
    for (const k of keys) {
      const n = m?.get(k) ?? 0;
      if (!n) continue;
      const h = ((H - 2 * pad) * n) / max;
      y -= h;
      parts.push(`<rect class="bar" x="${(pad + i * bw + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(k)}" data-day="${d}" data-key="${esc(k)}" data-count="${n}"><title>${d} ${esc(k)}: ${n}</title></rect>`);
    }
    if (days.length <= 31 && (i % Math.ceil(days.length / 10) === 0)) parts.push(`<text x="${(pad + i * bw).toFixed(1)}" y="${H - 6}" font-size="10">${d.slice(5)}</text>`);
  });
  parts.push(`<text x="2" y="${pad}" font-size="10">${max}</text><line x1="${pad}" x2="${W}" y1="${H - pad}" y2="${H - pad}" stroke="#999"/>`);
  const legend = shown.map((k) => `<span class="key"><i style="background:${colour(k)}"></i>${esc(k)} (${totals.get(k)})</span>`).join(' ') + (keys.length > shown.length ? ` <span class="key"><i style="background:${PALETTE[9]}"></i>other</span>` : '');
  return `<svg id="coverage" role="img" aria-label="articles per day by ${by}" viewBox="0 0 ${W} ${H}" width="100%" height="${H}">${parts.join('')}</svg><div class="legend">${legend}</div>`;
}

function storyHtml(g: StoryGroup, signals: { actors: string[]; places: string[] }): string {
  const arts = g.articles
    .map((a) => `<li class="article"><time datetime="${esc(a.at)}">${esc(a.at.slice(0, 16).replace('T', ' '))}</time> <span class="lang">${esc(a.language ?? '?')}</span> <span class="source">${esc(a.source ?? '?')}</span> <a href="${esc(a.url)}" rel="noopener">${esc(a.title)}</a>${a.duplicateOf ? ' <span class="copy">copy</span>' : ''}</li>`)
    .join('');
  const sig = [...signals.actors.map((s) => `<span class="sig actor">${esc(s)}</span>`), ...signals.places.map((s) => `<span class="sig place">${esc(s)}</span>`)].join(' ');
  return `<article class="story" data-story="${esc(g.storyId)}"><h2>${esc(g.title)}</h2>
<p class="meta">first seen ${esc(g.firstAt.slice(0, 16).replace('T', ' '))} · <b class="count">${g.articles.length}</b> articles · ${esc(g.languages.join(', '))} · ${esc(g.sources.join(', '))}</p>
<p class="signals">${sig}</p><ul>${arts}</ul></article>`;
}

/** Renders the whole page for a query (exported for tests without HTTP). */
export async function renderStoriesPage(deps: StoriesPageDeps, pq: PageQuery): Promise<string> {
  const now = pq.until ?? deps.now?.() ?? Date.now();
  const since = now - pq.days * DAY;
  const all = await deps.store.search({ text: '', since, until: now, language: pq.lang, maxHits: PAGE_MAX_RECORDS });
  const hits = pq.q.trim() ? await deps.store.search({ text: pq.q, since, until: now, language: pq.lang }) : all;
  const groups = groupByStory(hits, await deps.store.storyAliases?.()).slice(0, deps.maxStories ?? 30);
  const stories = groups
    .map((g) => {
      const actors = new Map<string, number>(), places = new Map<string, number>();
      for (const a of g.articles) {
        for (const x of a.actors) actors.set(x, (actors.get(x) ?? 0) + 1);
        for (const x of a.places) places.set(x, (places.get(x) ?? 0) + 1);
      }
      const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([k]) => k);
      return storyHtml(g, { actors: top(actors), places: top(places) });
    })
    .join('\n');
  const until = pq.until !== null ? new Date(pq.until).toISOString().slice(0, 10) : null;
  const byLink = (by: string) => `?${new URLSearchParams({ ...(pq.q ? { q: pq.q } : {}), ...(pq.lang ? { lang: pq.lang } : {}), days: String(pq.days), ...(until ? { until } : {}), by })}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stories · news-ingest</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin:.2rem 0}form{margin:1rem 0}input[type=search]{width:22rem;padding:.3rem}
.story{border-top:1px solid #ddd;padding:.6rem 0}.meta{color:#555;margin:.2rem 0}.story ul{margin:.2rem 0;padding-left:1.2rem}
.lang,.source{color:#666;font-size:.85em}.copy{background:#eee;font-size:.75em;padding:0 .3em}.sig{background:#eef3fb;border-radius:3px;padding:0 .3em;font-size:.85em}
.sig.place{background:#eef8ee}.legend .key{margin-right:.8rem;font-size:.85em}.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.25em}
</style></head>
<body><h1>Armenia–Azerbaijan talks: stories of the ${pq.days} days ${until ? `until ${until}` : 'until now'}</h1>
<form method="get" action="/stories" role="search"><input type="search" name="q" maxlength="${PAGE_MAX_QUERY}" value="${esc(pq.q)}" placeholder="search every language: Mirzoyan, Мирзоян, Միրզոյան…" aria-label="search">
<input type="text" name="lang" value="${esc(pq.lang ?? '')}" size="3" placeholder="lang" aria-label="language"><input type="hidden" name="days" value="${pq.days}">${until ? `<input type="hidden" name="until" value="${until}">` : ''}<input type="hidden" name="by" value="${pq.by}">
<button type="submit">Search</button></form>
<section><h2>Coverage per day, by ${pq.by} <small>(<a href="${esc(byLink(pq.by === 'language' ? 'source' : 'language'))}">by ${pq.by === 'language' ? 'source' : 'language'}</a>)</small></h2>
${coverageSvg(all, pq.by, since, now)}</section>
<section id="stories"><h2>${pq.q ? `Stories matching “${esc(pq.q)}”` : 'Latest stories'}: <span id="story-count">${groups.length}</span></h2>
${stories || `<p class="empty">No stories in these ${pq.days} days${pq.days < 365 ? `: <a href="${esc(`?${new URLSearchParams({ ...(pq.q ? { q: pq.q } : {}), ...(pq.lang ? { lang: pq.lang } : {}), days: String(PAGE_MAX_DAYS), ...(until ? { until } : {}), by: pq.by })}`)}">the last 365 days</a>` : ''}.</p>`}
</section></body></html>`;
}

/**
 * Answers a request for /stories (see the module comment). A refused `days`/`until` gives a
 * 400 naming the parameter and what it accepts (passed to `onBadQuery` for the log); errors
 * reading the store give a 500 page naming the problem (and are passed to `onError`).
 */
export async function handleStoriesRequest(req: IncomingMessage, res: ServerResponse, deps: StoriesPageDeps & { onError?: (err: Error) => void; onBadQuery?: (err: PageQueryError) => void }): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  let pq: PageQuery;
  try {
    pq = pageQuery(new URL(req.url ?? '/stories', 'http://localhost'));
  } catch (err) {
    if (!(err instanceof PageQueryError)) throw err;
    deps.onBadQuery?.(err);
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : `bad query: ${err.message}\n`);
    return;
  }
  try {
    const html = await renderStoriesPage(deps, pq);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
    res.end(req.method === 'HEAD' ? undefined : html);
  } catch (err) {
    deps.onError?.(err as Error);
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`stories page failed: ${(err as Error).message}\n`);
  }
}
