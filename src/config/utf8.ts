/**
 * Strict UTF-8 for the files an operator writes (the config, topic files, the stories tables,
 * `backfill --urls` lists: `utf8FileProblem`, chunk by chunk):
 * `readFileSync(file, 'utf8')` turns every byte that is not UTF-8 into U+FFFD in silence, so a
 * Latin-1 or UTF-16 config came out as an unknown key `"��feeds"` or a URL with `�` in it
 * (docs/review.md, Round 9 (new user)). These functions find the first such byte instead.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/**
 * The byte offset of the first byte that does not start a well-formed UTF-8 sequence, or -1
 * when `buf` is all UTF-8. Well-formed is RFC 3629 §4 (Unicode's table 3-7): no overlong forms
 * (C0, C1, E0 80–9F, F0 80–8F), no surrogates (ED A0–BF), nothing past U+10FFFF (F4 90–, F5–FF).
 */
export function firstNonUtf8Byte(buf: Uint8Array): number {
  if (isUtf8(buf)) return -1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/**
 * What is wrong with `buf` as UTF-8, in one line: the byte, its offset, its line and column
 * (1-based, counted in bytes), and a UTF-16 byte order mark when the file starts with one; null
 * when it is UTF-8.
 */
export function utf8Problem(buf: Uint8Array): string | null {
  const at = firstNonUtf8Byte(buf);
  if (at < 0) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return describe(buf[at], at, line, at - lineStart + 1, buf);
}

/** utf8Problem's sentence for the bad `byte` at `offset` (line and byte in the line, 1-based). */
function describe(byte: number, offset: number, line: number, column: number, head: Uint8Array): string {
  const bom = head[0] === 0xff && head[1] === 0xfe ? ' (it starts with the UTF-16LE byte order mark FF FE: the file is UTF-16)' : head[0] === 0xfe && head[1] === 0xff ? ' (it starts with the UTF-16BE byte order mark FE FF: the file is UTF-16)' : '';
  return `not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at byte offset ${offset} (line ${line}, byte ${column} of the line) is not valid UTF-8${bom}; save the file as UTF-8`;
}

/** Where a chunk may be cut without splitting a UTF-8 sequence begun in its last 3 bytes. */
function wholeSequencesEnd(buf: Uint8Array): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 3); i--) {
    const b = buf[i];
    if (b < 0x80) return buf.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return buf.length - i < need ? i : buf.length;
    }
  }
  return buf.length;
}

/**
 * utf8Problem over a whole file read in chunks of `chunkBytes` (memory stays at one chunk
 * whatever the size: a URL list of millions of lines), with the same sentence, offsets and
 * lines counted from the file's start.
 * @throws the fs error when the file cannot be read (callers check it first)
 */
export function utf8FileProblem(file: string, chunkBytes = 1 << 20): string | null {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(chunkBytes);
    let head: Uint8Array | null = null;
    let carry: Uint8Array = new Uint8Array(0);
    let base = 0;
    let line = 1;
    let lineStart = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      const buf = Buffer.concat([carry, chunk.subarray(0, n)]);
      head ??= buf.subarray(0, 2);
      const end = n === 0 ? buf.length : wholeSequencesEnd(buf);
      const part = buf.subarray(0, end);
      const at = firstNonUtf8Byte(part);
      const upTo = at < 0 ? end : at;
      for (let i = 0; i < upTo; i++) {
        if (part[i] === 0x0a) {
          line++;
          lineStart = base + i + 1;
        }
      }
      if (at >= 0) return describe(part[at], base + at, line, base + at - lineStart + 1, head);
      if (n === 0) return null;
      base += end;
      carry = Uint8Array.prototype.slice.call(buf, end);
    }
  } finally {
    closeSync(fd);
  }
}

/** `file` is not UTF-8 (`message` from utf8Problem, without the file's name). */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a text file that must be UTF-8 (a UTF-8 byte order mark is allowed and kept: the YAML
 * parser skips it).
 * @throws the fs error when the file cannot be read (ENOENT, EISDIR, EACCES: callers name it)
 * @throws NotUtf8Error naming the file and the first byte that is not UTF-8
 */
export function readUtf8File(file: string): string {
  const buf = readFileSync(file);
  const problem = utf8Problem(buf);
  if (problem) throw new NotUtf8Error(file, problem);
  return buf.toString('utf8');
}
