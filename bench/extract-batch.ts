/**
 * Runs the extraction batch protocol on stdin/stdout (stand-in for `news-ingest extract --batch`
 * until the CLI wires it). Usage: `npx tsx bench/extract-batch.ts < manifest.jsonl`.
 */
import { runExtractBatch } from '../src/extract/batch.js';

const { pages, errors } = await runExtractBatch(process.stdin, process.stdout);
process.stderr.write(`extract-batch: ${pages} pages, ${errors} errors\n`);
