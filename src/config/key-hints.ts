/**
 * The wording of an unknown-key problem of the config (round 16, fresh16): zod says
 * `Unrecognized key: "concurency"` and lists every unknown key on one line, so a typo got no
 * hint and a file that is no config at all (`-c docker-compose.yml`, `-c /etc/passwd`) printed
 * all its keys. Here the nearest key the schema knows at that place is suggested, and the list
 * is cut after MAX_LISTED keys.
 */
import type { z } from 'zod';

/** Unknown keys named in one problem line; the rest are counted. */
export const MAX_LISTED = 5;

/** zod 4's internal definition, the fields walked here. */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  options?: Schema[];
  shape?: Record<string, Schema>;
  values?: unknown[];
}
type Schema = { _zod: { def: Def } };

/** Through optional/default/nullable/readonly/catch/prefault wrappers and pipes (transforms), and into the union option that fits `data` (by a literal `type`). */
function unwrap(s: Schema, data: unknown): Schema {
  for (let guard = 0; guard < 20; guard++) {
    const def = s._zod.def;
    if (def.innerType && ['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'union' && def.options) {
      const kind = (data as { type?: unknown } | null)?.type;
      const fit = def.options.find((o) => {
        const t = unwrap(o, data)._zod.def.shape?.type?._zod.def;
        return t?.values?.includes(kind);
      });
      if (!fit) return s;
      s = fit;
    } else return s;
  }
  return s;
}

/** The keys the schema knows for the object at `path` of `data`, or null when it cannot tell. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], data: unknown): string[] | null {
  let s = schema as unknown as Schema;
  let d = data;
  for (const seg of path) {
    s = unwrap(s, d);
    const def = s._zod.def;
    if (def.type === 'object' && def.shape && typeof seg === 'string' && def.shape[seg]) s = def.shape[seg];
    else if (def.type === 'array' && def.element) s = def.element;
    else return null;
    d = (d as Record<PropertyKey, unknown> | null)?.[seg];
  }
  const def = unwrap(s, d)._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : null;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for short keys. */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The known key nearest to `key` (case-insensitive, within a third of its length, at least 1), or null. */
export function nearestKey(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const dd = distance(key.toLowerCase(), k.toLowerCase());
    if (dd < bestD) [best, bestD] = [k, dd];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : null;
}

/**
 * The problem text of an `unrecognized_keys` issue: the keys (at most MAX_LISTED, then a count),
 * each with `did you mean "<key>"?` when a known key at that place is near.
 * @param keys the unknown keys, as zod gives them
 * @param known the keys the schema has there (`knownKeysAt`), or null
 */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[] | null): string {
  const shown = keys.slice(0, MAX_LISTED).map((k) => {
    const near = known ? nearestKey(k, known) : null;
    return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
  });
  const more = keys.length > MAX_LISTED ? ` and ${keys.length - MAX_LISTED} more` : '';
  return `Unrecognized key${keys.length > 1 ? 's' : ''}: ${shown.join(', ')}${more}`;
}
