#!/usr/bin/env node
// Launcher. In a checkout (src/ present) it runs the TypeScript sources through tsx (a
// dependency), so a fresh clone needs no build step and a stale dist/ is never run; in an
// image built without src/ (the Dockerfile) it runs the compiled dist/.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli.ts', import.meta.url);
let mod;
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(src.href);
} else {
  mod = await import(new URL('../dist/src/cli.js', import.meta.url).href);
}
mod.finish(await mod.main(process.argv));
