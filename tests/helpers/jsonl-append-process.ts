/**
 * Child process of tests/unit/sinks-jsonl-enospc.test.ts: appends one line with
 * `appendWholeLine` and prints `{ok}` or `{error: code}` as JSON. Run under a file-size limit
 * (`ulimit -f`), the write stops part-way with EFBIG, as it does with ENOSPC on a full disk.
 *   node --import tsx tests/helpers/jsonl-append-process.ts FILE BYTES
 */
import { appendWholeLine } from '../../src/sinks/jsonl.js';

// Past the limit the kernel sends SIGXFSZ (default: end the process) and the write fails with
// EFBIG; handled, only the error is left, as a full disk gives ENOSPC.
process.on('SIGXFSZ', () => {});
const [file, bytes] = process.argv.slice(2);
const line = `${JSON.stringify({ id: 'big', text: 'x'.repeat(Number(bytes)) })}\n`;
appendWholeLine(file, line).then(
  () => process.stdout.write(JSON.stringify({ ok: true })),
  (err: NodeJS.ErrnoException) => process.stdout.write(JSON.stringify({ error: err.code })),
);
