/**
 * A reader for the subset of Dockerfile syntax this repository uses (FROM … AS, WORKDIR, ENV,
 * COPY [--from=stage], RUN, USER, VOLUME, ENTRYPOINT, CMD; `\` line continuations, comments),
 * and a .dockerignore matcher. Used by the Docker layout check (tests/docker/check-layout.ts)
 * and its static test: no Docker engine runs on the project's machines.
 * Reference: https://docs.docker.com/reference/dockerfile/ and
 * https://docs.docker.com/build/concepts/context/#dockerignore-files
 */

/** One COPY or RUN of a stage, in order. */
export type Step = { kind: 'copy'; from: string | null; srcs: string[]; dest: string; line: number } | { kind: 'run'; cmd: string; line: number };

/** One build stage. `workdir` is absolute ("/" until a WORKDIR). */
export interface Stage {
  index: number;
  name: string | null;
  from: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  volumes: string[];
  entrypoint: string[];
  cmd: string[];
  steps: Step[];
}

/**
 * Parses a Dockerfile.
 * @throws Error naming the line of an instruction outside the supported subset, or a shell-form
 *   ENTRYPOINT/CMD (exec form is required so signals reach node)
 */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical: { line: number; text: string }[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!buf && (t === '' || t.startsWith('#'))) return;
    if (!buf) start = i + 1;
    if (t.endsWith('\\')) {
      buf += `${t.slice(0, -1)} `;
      return;
    }
    logical.push({ line: start, text: buf + t });
    buf = '';
  });
  for (const { line, text: l } of logical) {
    const m = /^(\w+)\s+([\s\S]*)$/.exec(l);
    if (!m) throw new Error(`Dockerfile line ${line}: cannot read "${l}"`);
    const op = m[1].toUpperCase();
    const arg = m[2].trim();
    const cur = stages[stages.length - 1];
    if (op !== 'FROM' && !cur) throw new Error(`Dockerfile line ${line}: ${op} before FROM`);
    switch (op) {
      case 'FROM': {
        const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(arg);
        if (!f) throw new Error(`Dockerfile line ${line}: FROM "${arg}"`);
        stages.push({ index: stages.length, name: f[2] ?? null, from: f[1], workdir: '/', env: {}, user: null, volumes: [], entrypoint: [], cmd: [], steps: [] });
        break;
      }
      case 'WORKDIR':
        cur.workdir = arg.startsWith('/') ? arg : `${cur.workdir.replace(/\/$/, '')}/${arg}`;
        break;
      case 'ENV':
        for (const kv of arg.match(/[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|\S*)/g) ?? []) {
          const i = kv.indexOf('=');
          cur.env[kv.slice(0, i)] = kv.slice(i + 1).replace(/^"|"$/g, '');
        }
        break;
      case 'COPY': {
        const parts = arg.split(/\s+/);
        let from: string | null = null;
        while (parts[0]?.startsWith('--')) {
          const flag = parts.shift()!;
          if (flag.startsWith('--from=')) from = flag.slice(7);
          else throw new Error(`Dockerfile line ${line}: COPY flag ${flag} is not supported by the layout check`);
        }
        if (parts.length < 2) throw new Error(`Dockerfile line ${line}: COPY needs a source and a destination`);
        cur.steps.push({ kind: 'copy', from, srcs: parts.slice(0, -1), dest: parts[parts.length - 1], line });
        break;
      }
      case 'RUN':
        cur.steps.push({ kind: 'run', cmd: arg, line });
        break;
      case 'USER':
        cur.user = arg;
        break;
      case 'VOLUME':
        cur.volumes = arg.startsWith('[') ? (JSON.parse(arg) as string[]) : arg.split(/\s+/);
        break;
      case 'ENTRYPOINT':
      case 'CMD': {
        if (!arg.startsWith('[')) throw new Error(`Dockerfile line ${line}: ${op} must use the exec form (a JSON array) so SIGTERM reaches node`);
        const v = JSON.parse(arg) as string[];
        if (op === 'CMD') cur.cmd = v;
        else cur.entrypoint = v;
        break;
      }
      default:
        throw new Error(`Dockerfile line ${line}: ${op} is not supported by the layout check (tests/docker/dockerfile.ts)`);
    }
  }
  if (!stages.length) throw new Error('Dockerfile: no FROM');
  return stages;
}

/** The stage a `COPY --from=` names: by name or by index. */
export function stageByRef(stages: Stage[], ref: string): Stage {
  const s = stages.find((x) => x.name === ref) ?? (/^\d+$/.test(ref) ? stages[Number(ref)] : undefined);
  if (!s) throw new Error(`Dockerfile: COPY --from=${ref} names no earlier stage`);
  return s;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

/**
 * A matcher for .dockerignore lines: `true` when a context path (relative, `/`-separated) is
 * excluded. Patterns are anchored at the context root (Docker's rule, unlike .gitignore);
 * `!` re-includes; the last matching line wins.
 */
export function dockerignoreMatcher(text: string): (rel: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ negate: l.startsWith('!'), re: globToRegExp(l.replace(/^!/, '').replace(/^\/+/, '').replace(/\/+$/, '')) }));
  return (rel) => {
    let out = false;
    for (const r of rules) if (r.re.test(rel)) out = !r.negate;
    return out;
  };
}
