import { parse as parseYaml } from 'yaml';
import { ConfigSchema, duplicateFeedIdProblems, duplicateJsonlPathProblems, duplicateSinkNameProblems, type Config } from './schema.js';
import { knownKeysAt, unknownKeysMessage } from './key-hints.js';
import { fsErrorText } from '../errors.js';
import { NotUtf8Error, readUtf8File } from './utf8.js';
import { VERSION } from './package.js';

// Re-exported: callers that load a config also find these here (the thread's modules import ./package.js).
export { PACKAGE_ROOT, VERSION, topicsDirOf } from './package.js';

/** Default config path, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/default.yaml';

/**
 * A config that failed to load or validate. `problems` has one line per problem, each
 * naming its path: `feeds[2].url: invalid URL`.
 */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid config ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Renders a zod issue path as `feeds[2].url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(root)';
}

/**
 * Validates a plain object as a config, applies env overrides, and freezes it.
 * Env: `REDIS_URL` (redis.url), `REDIS_CLUSTER_NODES` (redis.cluster, comma-separated), `LOG_LEVEL` (logLevel), `DATABASE_URL` (url of every
 * postgres sink), `NEWS_INGEST_OPS_TOKEN` (ops.token when the file has none). A bad value
 * from a variable is reported under the variable's name (`invalid config environment:
 * REDIS_URL (environment variable, for redis.url): ...`), not as the file's fault.
 * @throws ConfigError with one line per problem.
 */
export function parseConfig(raw: unknown, file = '(inline)', env: NodeJS.ProcessEnv = process.env): Config {
  const obj = (raw ?? {}) as Record<string, unknown>;
  if (typeof obj !== 'object' || Array.isArray(obj)) throw new ConfigError(file, ['(root): expected a mapping of keys']);
  const merged: Record<string, unknown> = { ...obj };
  // Paths whose value came from the environment: a problem there names the variable, not the file.
  const fromEnv = new Map<string, string>();
  if (env.REDIS_URL) {
    merged.redis = { ...((obj.redis as object) ?? {}), url: env.REDIS_URL };
    fromEnv.set('redis.url', 'REDIS_URL');
  }
  if (env.REDIS_CLUSTER_NODES) {
    const nodes = env.REDIS_CLUSTER_NODES.split(',').map((n) => n.trim()).filter(Boolean);
    merged.redis = { ...((merged.redis as object) ?? {}), cluster: nodes };
    fromEnv.set('redis.cluster', 'REDIS_CLUSTER_NODES');
    nodes.forEach((_, i) => fromEnv.set(`redis.cluster[${i}]`, 'REDIS_CLUSTER_NODES'));
  }
  if (env.LOG_LEVEL) {
    merged.logLevel = env.LOG_LEVEL;
    fromEnv.set('logLevel', 'LOG_LEVEL');
  }
  if (env.DATABASE_URL && Array.isArray(obj.sinks)) {
    merged.sinks = (obj.sinks as Record<string, unknown>[]).map((s, i) => {
      if (!(s && s.type === 'postgres')) return s;
      fromEnv.set(`sinks[${i}].url`, 'DATABASE_URL');
      return { ...s, url: env.DATABASE_URL };
    });
  }
  if (env.NEWS_INGEST_OPS_TOKEN && obj.ops && typeof obj.ops === 'object' && !(obj.ops as { token?: unknown }).token) {
    merged.ops = { ...(obj.ops as object), token: env.NEWS_INGEST_OPS_TOKEN };
    fromEnv.set('ops.token', 'NEWS_INGEST_OPS_TOKEN');
  }
  const res = ConfigSchema.safeParse(merged);
  const fileProblems: string[] = [];
  const envProblems: string[] = [];
  for (const i of res.success ? [] : res.error.issues) {
    const path = formatPath(i.path);
    const variable = fromEnv.get(path);
    // a typo's nearest known key, and a bounded list (src/config/key-hints.ts)
    const message = i.code === 'unrecognized_keys' ? unknownKeysMessage(i.keys, knownKeysAt(ConfigSchema, i.path, merged)) : i.message;
    if (variable) envProblems.push(`${variable} (environment variable, for ${path}): ${message}`);
    else fileProblems.push(`${path}: ${message}`);
  }
  fileProblems.push(...duplicateFeedIdProblems(merged), ...duplicateSinkNameProblems(merged), ...duplicateJsonlPathProblems(merged));
  if (fileProblems.length) throw new ConfigError(file, [...fileProblems, ...envProblems]);
  if (envProblems.length) throw new ConfigError('environment', envProblems);
  return deepFreeze(res.data!);
}

/**
 * Reads and validates a YAML config file.
 * Path precedence: the `file` argument (`--config`), `NEWS_INGEST_CONFIG` (when not empty), config/default.yaml.
 * @throws ConfigError naming the file when it cannot be read, is not UTF-8 (the byte offset named), is not YAML, or is invalid.
 */
export function loadConfig(file?: string, env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable is an unset one, as for REDIS_URL and the others (compose's `${VAR}` of an unset VAR is empty)
  const fromEnv = env.NEWS_INGEST_CONFIG || undefined;
  const path = file ?? fromEnv ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = readUtf8File(path);
  } catch (err) {
    if (err instanceof NotUtf8Error) throw new ConfigError(path, [`(file): ${err.message}`]);
    const whose =
      file !== undefined ? '' : fromEnv !== undefined ? ' (the path is $NEWS_INGEST_CONFIG)' : ` (the default, relative to the working directory ${process.cwd()}: pass -c FILE or set NEWS_INGEST_CONFIG)`;
    throw new ConfigError(path, [`(file): cannot read: ${fsErrorText(err)}${whose}`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    // The yaml library's message is one line ending in ':' followed by a code frame; keep the
    // line (it carries the line and column) without the dangling colon.
    const first = (err as Error).message.split('\n')[0].replace(/:\s*$/, '');
    throw new ConfigError(path, [`(file): not valid YAML: ${first}`]);
  }
  return parseConfig(raw, path, env);
}

/** The User-Agent with `<version>` filled in. */
export function userAgentOf(cfg: Config): string {
  return cfg.http.userAgent.replace('<version>', VERSION);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
