/**
 * What an extraction thread loads (issue 17, round 12): every module a thread imports is held in
 * its own heap, and the thread's peak counts towards the worker's RSS goal. The thread loads
 * topics but no config, so the config schema (and node's HTTP/TLS stack, which the schema pulls
 * in through the proxy check) must stay out of its import graph: ~2 MB of the thread's heap.
 * The graph is read from the sources' static imports (`import type` left out: erased at build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');

/** Modules reached from `entry` by value imports: repo files relative to src/, packages by name. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(src, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    const rel = relative(src, file);
    if (files.has(rel)) continue;
    files.add(rel);
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    for (const st of sf.statements) {
      if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier) continue;
      if (ts.isImportDeclaration(st) && st.importClause?.isTypeOnly) continue;
      if (ts.isExportDeclaration(st) && st.isTypeOnly) continue;
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(target)) todo.push(target);
    }
  }
  return { files, packages };
}

describe('extraction thread modules', () => {
  const { files, packages } = importGraph('queue/extract-thread.ts');

  it('reads the graph (the extractor and the tagger are in it)', () => {
    expect(files).toContain(join('pipeline', 'page.ts'));
    expect(files).toContain(join('tagging', 'tag.ts'));
    expect(files).toContain(join('tagging', 'topic-compile.ts'));
    expect(packages).toContain('htmlparser2');
  });

  it('does not load the config loader or its schema', () => {
    expect([...files].filter((f) => f.startsWith('config') && !/package\.ts$|utf8\.ts$/.test(f))).toEqual([]);
  });

  // Round 13: the pool reads and validates the topic files and the site rules in the main thread
  // (which loads yaml and zod for the config anyway) and hands the threads plain data: yaml and zod
  // cost ~4 MB of heap in each thread (round 12's per-module measure).
  it('does not load yaml or zod (the topic files and site rules arrive as checked data)', () => {
    expect([...packages].filter((p) => p === 'yaml' || p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    expect([...files].filter((f) => f === join('tagging', 'topic.ts') || f === join('tagging', 'index.ts'))).toEqual([]);
  });

  it("does not load node's HTTP, TLS or socket modules", () => {
    expect([...packages].filter((p) => /^node:(http|https|http2|tls|net)$/.test(p))).toEqual([]);
  });
});
