/**
 * Child of tests/integration/redis-closed-socket-timer.test.ts: a worker's Redis client
 * (`createRedis`, the class BullMQ's duplicates share) to the URL in argv[2]. Prints `ready`
 * once connected; when its server has gone (status `reconnecting`) it disconnects, and on the
 * next turn of the event loop prints the kinds of handle still keeping the process alive
 * (`process.getActiveResourcesInfo()`, as JSON), then nothing else of its own holds it.
 */
import { createRedis } from '../../src/queue/connection.js';

const client = createRedis(process.argv[2]!, 'closed-socket-child');
client.on('error', () => {});
client.once('ready', () => process.stdout.write('ready\n'));
const poll = setInterval(() => {
  if (client.status !== 'reconnecting') return;
  clearInterval(poll);
  client.disconnect();
  setImmediate(() => process.stdout.write(`${JSON.stringify(process.getActiveResourcesInfo())}\n`));
}, 20);
