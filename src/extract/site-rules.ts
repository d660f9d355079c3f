/**
 * Site rules: data, not code. config/site-rules.yaml (next to config/topics/; the working
 * directory's, else the package's own) lists, per host, an optional selector of the element
 * that holds the article (`keep`) and selectors of elements to drop before scoring, each with
 * the date range in which the site's layout holds (`since`, `until`), as Fundus versions its
 * parsers: a new layout is a new rule, the old one keeps its range.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const day = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) {
    ctx.addIssue({ code: 'custom', message: `not a day (YYYY-MM-DD): ${s}` });
    return z.NEVER;
  }
  return s;
});

const SiteRuleSchema = z.strictObject({
  /** Host suffix, lower case ("news.am" matches "news.am" and "www.news.am"). */
  host: z.string().regex(/^[a-z0-9.-]+$/, 'host: lower-case host name'),
  /** CSS selector of the article container; the first match is used when present. */
  keep: z.string().min(1).optional(),
  /** CSS selectors of elements removed before scoring. */
  drop: z.array(z.string().min(1)).optional(),
  /** First day (UTC, YYYY-MM-DD) the layout was seen. */
  since: day,
  /** First day the layout no longer holds; absent while it is current. */
  until: day.optional(),
  /** Why the rule exists. */
  note: z.string().min(1),
});

/** One site rule (config/site-rules.yaml). */
export type SiteRule = z.infer<typeof SiteRuleSchema>;

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The rules file used: `config/site-rules.yaml` of the working directory, else the package's. */
export function siteRulesPath(): string {
  return existsSync('config/site-rules.yaml') ? 'config/site-rules.yaml' : join(PACKAGE_ROOT, 'config/site-rules.yaml');
}

/**
 * Parses and validates a rules document.
 * @throws Error naming the file and the path of the key at fault (`rules[2].since: not a day`)
 */
export function parseSiteRules(text: string, file: string): SiteRule[] {
  const res = z.strictObject({ rules: z.array(SiteRuleSchema) }).safeParse(parse(text));
  if (!res.success) throw new Error(`${file}: ${res.error.issues.map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')}: ${i.message}`).join('; ')}`);
  for (const r of res.data.rules) if (r.until && r.until <= r.since) throw new Error(`${file}: rule for ${r.host}: until ${r.until} is not after since ${r.since}`);
  return res.data.rules;
}

let loaded: SiteRule[] | null = null;

/** The rules, read once per process. @throws as parseSiteRules, or the fs error */
export function siteRules(): readonly SiteRule[] {
  if (!loaded) {
    const file = siteRulesPath();
    loaded = existsSync(file) ? parseSiteRules(readFileSync(file, 'utf8'), file) : [];
  }
  return loaded;
}

/**
 * The rule for a page URL valid on a day, or null.
 * @param url the page URL (absolute)
 * @param at the day the HTML was captured (fetched or archived; default today): the layout it
 *   was served in. Not the publication date: a site serves its old articles in its current
 *   layout (Fundus picks its parser version by the crawl date for the same reason). A day before
 *   a host's first rule takes that first rule.
 * @param rules the rules to search (default: siteRules())
 */
export function ruleFor(url: string, at: Date = new Date(), rules: readonly SiteRule[] = siteRules()): SiteRule | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const d = Number.isNaN(at.getTime()) ? new Date().toISOString().slice(0, 10) : at.toISOString().slice(0, 10);
  for (const r of rules) {
    if (host !== r.host && !host.endsWith(`.${r.host}`)) continue;
    if (d < r.since && rules.some((o) => o !== r && o.host === r.host && o.since <= d)) continue;
    if (r.until && d >= r.until) continue;
    return r;
  }
  return null;
}
