/**
 * Strict UTF-8 for the files an operator writes (the config, topic files, the stories tables):
 * `readFileSync(file, 'utf8')` turns every byte that is not UTF-8 into U+FFFD in silence, so a
 * Latin-1 or UTF-16 config came out as an unknown key `"��feeds"` or a URL with `�` in it
 * (docs/review.md, Round 9 (new user)). These functions find the first such byte instead.
 */
import { readFileSync } from 'node:fs';
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
  const bom = buf[0] === 0xff && buf[1] === 0xfe ? ' (it starts with the UTF-16LE byte order mark FF FE: the file is UTF-16)' : buf[0] === 0xfe && buf[1] === 0xff ? ' (it starts with the UTF-16BE byte order mark FE FF: the file is UTF-16)' : '';
  const byte = buf[at].toString(16).toUpperCase().padStart(2, '0');
  return `not UTF-8: byte 0x${byte} at byte offset ${at} (line ${line}, byte ${at - lineStart + 1} of the line) is not valid UTF-8${bom}; save the file as UTF-8`;
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
