/**
 * The fault server in a process of its own, so the arrival times it stamps are not delayed
 * by the test runner's own work. Prints `{"origin": ...}` on stdout when listening; on a
 * `dump` line on stdin prints `{"requests": [{path, at}]}` and exits.
 *   tsx tests/helpers/fault-server-process.ts
 */
import readline from 'node:readline';
import { startFaultServer } from './fault-server.js';

const srv = await startFaultServer();
console.log(JSON.stringify({ origin: srv.origin }));
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim() === 'dump') {
    console.log(JSON.stringify({ requests: srv.requests.map((r) => ({ path: r.path, at: r.at })) }));
    await srv.close();
    process.exit(0);
  }
}
