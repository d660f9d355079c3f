/**
 * Child process of tests/unit/sinks-jsonl-lock-turn.test.ts: a JsonlSink alone in a process,
 * so that the file-system requests it makes are the only ones there. After one first write
 * (which opens and reads the file), it writes `SINGLES` records one after another (each alone:
 * a group of one) while an async_hooks hook counts the thread-pool file requests made
 * (FSREQCALLBACK, FSREQPROMISE) and a setImmediate loop looks, at every event-loop turn, whether
 * the file's lock folder exists; then `GROUPED` records at once. Prints one JSON line:
 *   { fsRequests, turns, turnsLocked, locksSingles, locksGrouped, lines }
 *   node --import tsx tests/helpers/jsonl-turns-process.ts FILE SINGLES GROUPED
 */
import { createHook } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { JsonlSink } from '../../src/sinks/jsonl.js';
import { makeRecord } from './sink-fixtures.js';

const [file, singles, grouped] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const sink = new JsonlSink(file, 'all');
await sink.write(makeRecord({ n: 0 }));

let fsRequests = 0;
const hook = createHook({
  init(_id, type) {
    if (type === 'FSREQCALLBACK' || type === 'FSREQPROMISE') fsRequests++;
  },
});
let turns = 0;
let turnsLocked = 0;
let watching = true;
const watch = () => {
  if (!watching) return;
  turns++;
  if (existsSync(`${file}.lock`)) turnsLocked++;
  setImmediate(watch);
};
const locks0 = sink.lockTakes ?? 0;
hook.enable();
setImmediate(watch);
for (let n = 1; n <= singles; n++) {
  await sink.write(makeRecord({ n }));
  await new Promise((r) => setImmediate(r)); // a turn between writes: the watch runs at least once per write
}
hook.disable();
watching = false;
const locksSingles = (sink.lockTakes ?? 0) - locks0;
const locks1 = sink.lockTakes ?? 0;
await Promise.all(Array.from({ length: grouped }, (_, i) => sink.write(makeRecord({ n: 1000 + i }))));
const locksGrouped = (sink.lockTakes ?? 0) - locks1;
await sink.close();
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
process.stdout.write(`${JSON.stringify({ fsRequests, turns, turnsLocked, locksSingles, locksGrouped, lines })}\n`);
