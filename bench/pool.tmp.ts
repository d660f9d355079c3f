import { ExtractPool } from '../src/queue/extract-pool.js';
const t0 = Date.now();
const pool = new ExtractPool(1, ['armenia-azerbaijan-talks'], undefined, 10000);
const body = Buffer.from('<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet in Geneva</h1>' + '<p>The foreign ministers of Armenia and Azerbaijan met in Geneva on Monday to discuss the peace treaty and border delimitation.</p>'.repeat(5) + '</article></body></html>');
try { const r = await pool.run({ body, contentType: 'text/html', url: 'http://x/a', finalUrl: 'http://x/a', fetchedAt: new Date() }); console.log('ok', r.title, Date.now() - t0, 'ms'); } catch (e) { console.log('err', (e as Error).message, Date.now() - t0); }
await pool.close();
