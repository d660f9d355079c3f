// A worker on the `feeds` queue whose processor never returns for one feed: a test
// SIGKILLs it while the job is active. Args: REDIS_URL PREFIX FEED_ID
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [url, prefix, feedId] = process.argv.slice(2);
const connection = new Redis(url, { maxRetriesPerRequest: null });
new Worker(
  'feeds',
  async (job) => {
    if (job.data.feedId === feedId) {
      console.log(`ACTIVE ${job.id}`);
      await new Promise(() => {});
    }
  },
  { connection, prefix, concurrency: 5 },
);
