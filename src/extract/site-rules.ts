/**
 * Site rules: data, not code. config/site-rules.yaml (next to config/topics/; the working
 * directory's, else the package's own) lists, per host, an optional selector of the element
 * that holds the article (`keep`) and selectors of elements to drop before scoring, each with
 * the date range in which the site's layout holds (`since`, `until`), as Fundus versions its
 * parsers: a new layout is a new rule, the old one keeps its range.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One site rule (config/site-rules.yaml). */
export interface SiteRule {
  /** Host suffix, lower case ("news.am" matches "news.am" and "www.news.am"). */
  host: string;
  /** CSS selector of the article container; the first match is used when present. */
  keep?: string;
  /** CSS selectors of elements removed before scoring. */
  drop?: string[];
  /** First day (UTC, YYYY-MM-DD) the layout was seen. */
  since: string;
  /** First day the layout no longer holds; absent while it is current. */
  until?: string;
  /** Why the rule exists. */
  note: string;
}

const RULE_KEYS = new Set(['host', 'keep', 'drop', 'since', 'until', 'note']);

/**
 * A day as `YYYY-MM-DD` (a YAML timestamp, which a YAML 1.1 parser gives as a Date, is taken as its
 * UTC day), or a message saying why not.
 */
function dayOf(v: unknown): { day: string } | { problem: string } {
  if (!(typeof v === 'string' || v instanceof Date)) return { problem: `expected a day (YYYY-MM-DD), got ${v === null ? 'null' : typeof v}` };
  const s = v instanceof Date ? (Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString().slice(0, 10)) : v;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) return { problem: `not a day (YYYY-MM-DD): ${s}` };
  return { day: s };
}

/**
 * Checks one parsed rule (what the YAML gave for `rules[i]`); problems are `path: message` strings
 * (`rules[2].since: not a day`). Written out rather than with zod (the config schema's library)
 * so that the extraction threads, which load this module, do not load zod (issue 17, round 13:
 * ~3 MB of each thread's heap). Returns the rule, or null with `problems` filled.
 */
function checkRule(raw: unknown, at: string, problems: string[]): SiteRule | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${at}: expected an object`);
    return null;
  }
  const o = raw as Record<string, unknown>;
  const before = problems.length;
  const unknown = Object.keys(o).filter((k) => !RULE_KEYS.has(k));
  if (unknown.length) problems.push(`${at}: Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  const text = (key: string, optional: boolean): string | undefined => {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string') problems.push(`${at}.${key}: expected a string, got ${v === undefined ? 'nothing' : v === null ? 'null' : typeof v}`);
    else if (v.length === 0) problems.push(`${at}.${key}: must not be empty`);
    return typeof v === 'string' ? v : undefined;
  };
  const host = text('host', false);
  if (host !== undefined && !/^[a-z0-9.-]+$/.test(host)) problems.push(`${at}.host: lower-case host name`);
  const keep = text('keep', true);
  let drop: string[] | undefined;
  if (o.drop !== undefined) {
    if (!Array.isArray(o.drop)) problems.push(`${at}.drop: expected a list of selectors`);
    else {
      o.drop.forEach((d, j) => {
        if (typeof d !== 'string' || d.length === 0) problems.push(`${at}.drop[${j}]: expected a non-empty string`);
      });
      drop = o.drop as string[];
    }
  }
  const since = dayOf(o.since);
  if ('problem' in since) problems.push(`${at}.since: ${since.problem}`);
  const until = o.until === undefined ? undefined : dayOf(o.until);
  if (until && 'problem' in until) problems.push(`${at}.until: ${until.problem}`);
  const note = text('note', false);
  if (problems.length > before) return null;
  const rule: SiteRule = { host: host!, since: (since as { day: string }).day, note: note! };
  if (keep !== undefined) rule.keep = keep;
  if (drop !== undefined) rule.drop = drop;
  if (until) rule.until = (until as { day: string }).day;
  return rule;
}

/** yaml's `parse`, loaded when a rules file is first read (the package is CommonJS under node: the one module the config loader imports). */
let parseYaml: ((text: string) => unknown) | null = null;
function yamlParse(text: string): unknown {
  parseYaml ??= (createRequire(import.meta.url)('yaml') as { parse: (text: string) => unknown }).parse;
  return parseYaml(text);
}

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
  const doc = yamlParse(text);
  const problems: string[] = [];
  const rules: SiteRule[] = [];
  const list = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
  if (!list) problems.push('(root): expected an object with `rules`');
  else {
    const extra = Object.keys(list).filter((k) => k !== 'rules');
    if (extra.length) problems.push(`Unrecognized key${extra.length > 1 ? 's' : ''}: ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
    if (!Array.isArray(list.rules)) problems.push('rules: expected a list');
    else list.rules.forEach((r, i) => {
      const rule = checkRule(r, `rules[${i}]`, problems);
      if (rule) rules.push(rule);
    });
  }
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  for (const r of rules) if (r.until && r.until <= r.since) throw new Error(`${file}: rule for ${r.host}: until ${r.until} is not after since ${r.since}`);
  return rules;
}

let loaded: readonly SiteRule[] | null = null;

/** The rules, read once per process (or as given to `useSiteRules`). @throws as parseSiteRules, or the fs error */
export function siteRules(): readonly SiteRule[] {
  if (!loaded) {
    const file = siteRulesPath();
    loaded = existsSync(file) ? parseSiteRules(readFileSync(file, 'utf8'), file) : [];
  }
  return loaded;
}

/**
 * Makes `rules` this thread's rules (what `siteRules()` returns from now on): an extraction thread
 * takes the rules its pool read and checked in the main thread (src/queue/extract-pool.ts), so it
 * reads no file and parses no YAML.
 */
export function useSiteRules(rules: readonly SiteRule[]): void {
  loaded = rules;
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
