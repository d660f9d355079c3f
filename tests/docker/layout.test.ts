/**
 * The Docker files without a Docker engine, statically (the full build-and-run check is
 * `npm run check:docker`, tests/docker/check-layout.ts, run by .ci/run):
 * - docker-compose.yml is valid against the Compose specification's JSON schema, the copy
 *   that the dclint package ships (schemas/compose.schema.json, compose-spec, Apache-2.0;
 *   read from node_modules, not committed here), and its worker healthcheck, port, config and
 *   volume agree with config/docker.yaml and the Dockerfile;
 * - every COPY source of the Dockerfile exists and is not excluded by .dockerignore, and every
 *   relative import of a TypeScript file the build stage copies resolves to a file it copies
 *   (the fault that broke the image: bench/ imported tests/helpers/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dockerignoreMatcher, parseDockerfile, type Stage } from './dockerfile.js';

const ROOT = join(import.meta.dirname, '../..');
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const ignored = dockerignoreMatcher(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; volumes?: string[]; ports?: string[]; healthcheck?: { test: string[] } }>;
};

function composeValidator() {
  const pkg = createRequire(import.meta.url).resolve('dclint/package.json');
  const { $schema, ...schema } = JSON.parse(readFileSync(join(dirname(pkg), 'schemas/compose.schema.json'), 'utf8')) as { $schema: string };
  // Draft-07, named by an https URL that Ajv's bundled meta-schema id (http://…#) does not match.
  expect($schema).toMatch(/draft-07/);
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

/** Context files a stage's COPY lines bring in (relative paths), walking directories. */
function copiedFiles(stage: Stage): Set<string> {
  const out = new Set<string>();
  const walk = (rel: string): void => {
    if (ignored(rel)) return;
    const abs = join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) for (const e of readdirSync(abs)) walk(`${rel}/${e}`);
    else out.add(rel);
  };
  for (const s of stage.steps) if (s.kind === 'copy' && s.from === null) for (const src of s.srcs) walk(src.replace(/^\.\//, ''));
  return out;
}

/** Relative imports of the copied .ts files that do not resolve to a copied file: `from -> to`. */
function unresolvedImports(files: Set<string>): string[] {
  const bad: string[] = [];
  for (const f of files) {
    if (!f.endsWith('.ts')) continue;
    const text = readFileSync(join(ROOT, f), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = normalize(join(dirname(f), m[1]));
      const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts'), `${target}.ts`, join(target, 'index.ts')];
      if (!candidates.some((c) => files.has(c))) bad.push(`${f} -> ${m[1]}`);
    }
  }
  return bad;
}

describe('docker-compose.yml', () => {
  const validate = composeValidator();

  it('is valid against the Compose specification schema', () => {
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is not vacuous: an unknown healthcheck key and a bad depends_on condition are refused', () => {
    const broken = structuredClone(compose) as Record<string, any>;
    broken.services.worker.healthcheck.every = '30s';
    broken.services.worker.depends_on.redis.condition = 'service_ready';
    expect(validate(broken)).toBe(false);
    expect((validate.errors ?? []).map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/services/worker/healthcheck', '/services/worker/depends_on/redis/condition']));
  });

  it("gives the worker a healthcheck on the ops listener's /healthz, on the port config/docker.yaml listens on", () => {
    const worker = compose.services.worker;
    const docker = parse(readFileSync(join(ROOT, 'config/docker.yaml'), 'utf8')) as { ops?: { listen: string } };
    const port = docker.ops?.listen.split(':').pop();
    expect(port).toMatch(/^\d+$/);
    expect(worker.healthcheck?.test[0]).toBe('CMD');
    expect(worker.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/healthz`);
    // Inside the container the healthcheck reaches the listener on loopback: no token needed.
    // (Off loopback the listener refuses to start without NEWS_INGEST_OPS_TOKEN.)
    expect(docker.ops?.listen).toBe(`127.0.0.1:${port}`);
  });

  it("points the worker at a config file and a data volume the image has", () => {
    const worker = compose.services.worker;
    const runtime = stages[stages.length - 1];
    const cfg = worker.environment?.NEWS_INGEST_CONFIG ?? '';
    expect(cfg.startsWith(`${runtime.workdir}/config/`)).toBe(true);
    expect(existsSync(join(ROOT, cfg.slice(runtime.workdir.length + 1)))).toBe(true);
    expect(runtime.steps.some((s) => s.kind === 'copy' && s.srcs.includes('config'))).toBe(true);
    expect(worker.volumes).toEqual([`./data:${runtime.volumes[0]}`]);
  });
});

describe('Dockerfile', () => {
  const [build] = stages;
  const runtime = stages[stages.length - 1];

  it('runs as a non-root user, with exec-form ENTRYPOINT and CMD', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.user).toBe('node');
    expect(runtime.entrypoint).toEqual(['node', 'bin/news-ingest.js']);
    expect(runtime.cmd).toEqual(['start']);
    expect(runtime.env.NODE_ENV).toBe('production');
    expect(runtime.steps.some((s) => s.kind === 'run' && /npm ci --omit=dev/.test(s.cmd))).toBe(true);
  });

  it("limits the main thread's young generation (the worker's memory figures assume it: docs/pipeline-cost.md round 5)", () => {
    expect(runtime.env.NODE_OPTIONS).toMatch(/(^|\s)--max-semi-space-size=\d+(\s|$)/);
  });

  it("caps the main thread's old generation and glibc's arenas (the worker's peak RSS figures assume them: docs/pipeline-cost.md round 7)", () => {
    expect(runtime.env.NODE_OPTIONS).toMatch(/(^|\s)--max-old-space-size=\d+(\s|$)/);
    expect(runtime.env.MALLOC_ARENA_MAX).toBe('2');
    expect(Number(runtime.env.MALLOC_TRIM_THRESHOLD_)).toBeGreaterThan(0);
  });

  it('copies only sources that exist and that .dockerignore lets through', () => {
    for (const stage of stages) {
      for (const s of stage.steps) {
        if (s.kind !== 'copy' || s.from !== null) continue;
        for (const src of s.srcs) {
          expect(existsSync(join(ROOT, src)), `${src} (Dockerfile line ${s.line})`).toBe(true);
          expect(ignored(src), `${src} is excluded by .dockerignore (Dockerfile line ${s.line})`).toBe(false);
        }
      }
    }
  });

  it('keeps local state and secrets out of the build context', () => {
    for (const p of ['node_modules', 'node_modules/pino/package.json', 'data/articles.jsonl', '.env', '.git/config', 'dist/src/cli.js']) expect(ignored(p), p).toBe(true);
    for (const p of ['src/cli.ts', 'package.json', 'config/docker.yaml', 'schema/record.v1.json']) expect(ignored(p), p).toBe(false);
  });

  it('the build stage copies every file its TypeScript imports, and builds what tsconfig.build.json includes', () => {
    const files = copiedFiles(build);
    expect(files.has('src/cli.ts')).toBe(true);
    expect(unresolvedImports(files)).toEqual([]);
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    for (const dir of tsconfig.include) expect([...files].some((f) => f.startsWith(`${dir}/`)), dir).toBe(true);
    expect(build.steps.some((s) => s.kind === 'run' && s.cmd === 'npm run build')).toBe(true);
    expect((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build).toBe('tsc -p tsconfig.build.json');
  });

  it('the import check catches the fault that broke the image: bench/ copied without tests/', () => {
    const withBench: Stage = { ...build, steps: [...build.steps, { kind: 'copy', from: null, srcs: ['bench'], dest: './bench', line: 0 }] };
    const noIgnore = copiedFiles(withBench);
    // .dockerignore keeps bench/ out of the context today; read it as the old image did.
    for (const f of readdirRecursive('bench')) noIgnore.add(f);
    expect(unresolvedImports(noIgnore)).toEqual(expect.arrayContaining([expect.stringMatching(/^bench\/.*-> \.\.\/tests\/helpers\//)]));
  });
});

function readdirRecursive(rel: string): string[] {
  return readdirSync(join(ROOT, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? readdirRecursive(`${rel}/${e.name}`) : [`${rel}/${e.name}`]));
}
