#!/usr/bin/env node
// Launcher: runs the compiled CLI when `npm run build` has been run, else the TypeScript
// sources through tsx (a dependency), so `npx news-ingest` works from a fresh clone.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/src/cli.js', import.meta.url);
let mod;
if (existsSync(dist)) {
  mod = await import(dist.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(new URL('../src/cli.ts', import.meta.url).href);
}
process.exitCode = await mod.main(process.argv);
