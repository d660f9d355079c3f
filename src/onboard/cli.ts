/**
 * Onboarding commands: `feed discover <site-url>`, `feeds import <file.opml> [--write]`,
 * `feeds export`, and the hint `feed` adds when it refuses a document as `not-a-feed`
 * (a sitemap, an OPML file or an HTML page: which command takes it).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_PATH, userAgentOf } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { IngestError } from '../errors.js';
import { checkHttpUrlArg } from '../cli/input.js';

/** What the commands need from the CLI. */
export interface OnboardDeps {
  config(cmd: Command): Config;
}

/**
 * Adds the hint to a `not-a-feed` refusal of `feed <target>`: reads the document again (the
 * file, or the URL as plain text) and names what it is and the command that takes it.
 * @returns the error to throw: the original one, or a `not-a-feed` IngestError with the hint appended
 */
export async function explainNotAFeed(err: unknown, target: string, cfg: Config, allowPrivateNetworks: boolean): Promise<unknown> {
  if (!(err instanceof IngestError) || err.code !== 'not-a-feed') return err;
  const { identifyDocument, hintFor } = await import('./identify.js');
  const { fetchResource } = await import('../http/fetch.js');
  let body: Buffer;
  try {
    if (/^https?:\/\//i.test(target)) {
      const res = await fetchResource(target, { http: { ...cfg.http, allowPrivateNetworks: allowPrivateNetworks || cfg.http.allowPrivateNetworks }, userAgent: userAgentOf(cfg), kind: 'text' });
      body = res.body;
    } else if (existsSync(target)) body = await readFile(target);
    else return err;
  } catch {
    return err;
  }
  const hint = hintFor(identifyDocument(body), target);
  return hint ? new IngestError('not-a-feed', `${err.message}: ${hint}`, { cause: err }) : err;
}

/** Adds `feed discover` under `feed`, and the `feeds import|export` command. */
export function registerOnboardCommands(program: Command, deps: OnboardDeps): void {
  const feed = program.commands.find((c) => c.name() === 'feed');
  if (!feed) throw new Error('the feed command must be defined before the onboarding commands');
  feed
    .command('discover <site-url>')
    .description("list a site's feeds (<link rel=alternate>, common paths, robots.txt sitemaps), each checked, with a config snippet")
    .option('--json', 'print JSON')
    .option('--allow-private-networks', 'lift the SSRF guard for this call')
    .action(async (site: string, o: { json?: boolean; allowPrivateNetworks?: boolean }, cmd: Command) => {
      checkHttpUrlArg('feed discover', site);
      const cfg = deps.config(cmd);
      const { discoverFeeds, formatDiscovered } = await import('./discover.js');
      const { fetchResource } = await import('../http/fetch.js');
      const http = { ...cfg.http, allowPrivateNetworks: Boolean(o.allowPrivateNetworks) || cfg.http.allowPrivateNetworks };
      const found = await discoverFeeds(site, { http, userAgent: userAgentOf(cfg), fetch: fetchResource });
      process.stdout.write(o.json ? `${JSON.stringify(found, null, 2)}\n` : formatDiscovered(site, found));
      if (!found.some((f) => f.ok)) process.exitCode = 1;
    });

  const feeds = program.command('feeds').description('convert the feeds of a config file to and from OPML 2.0');
  feeds
    .command('import <file>')
    .description('read an OPML file: print the feeds it adds as YAML, or add them to the config file with --write (comments kept)')
    .option('--write', 'add the new feeds to the config file in place')
    .action(async (file: string, o: { write?: boolean }, cmd: Command) => {
      const cfg = deps.config(cmd);
      const { importOpml } = await import('./opml.js');
      const { checkInputFile } = await import('../cli/input.js');
      checkInputFile(file);
      const configFile = (cmd.optsWithGlobals() as { config?: string }).config ?? (process.env.NEWS_INGEST_CONFIG || undefined) ?? DEFAULT_CONFIG_PATH;
      const { text, result } = importOpml(file, cfg, { configFile, write: o.write });
      process.stdout.write(text);
      process.stderr.write(`feeds import: ${result.added.length} new, ${result.skipped.length} skipped\n`);
    });
  feeds
    .command('export')
    .description("print the config's feeds as an OPML 2.0 document")
    .action(async (_o, cmd: Command) => {
      const { exportOpml } = await import('./opml.js');
      process.stdout.write(exportOpml(deps.config(cmd)));
    });
}
