/**
 * firstNonUtf8Byte (src/config/utf8.ts) against the well-formed table of RFC 3629 §4: the offset
 * of the first byte that starts no well-formed sequence, -1 for UTF-8. Each case agrees with
 * Node's own validator (`isUtf8`), which knows no offset.
 */
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstNonUtf8Byte, utf8FileProblem, utf8Problem } from '../../src/config/utf8.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('firstNonUtf8Byte', () => {
  it.each([
    ['ASCII', b(0x61, 0x62), -1],
    ['two, three and four bytes (é, €, 𝄞)', Uint8Array.from(Buffer.from('é€𝄞', 'utf8')), -1],
    ['a UTF-8 byte order mark', b(0xef, 0xbb, 0xbf, 0x61), -1],
    ['a Latin-1 é after ASCII', b(0x61, 0x62, 0xe9, 0x61), 2],
    ['a UTF-16LE byte order mark', b(0xff, 0xfe, 0x61, 0x00), 0],
    ['an overlong slash (C0 AF)', b(0x61, 0xc0, 0xaf), 1],
    ['an overlong three-byte form (E0 80 AF)', b(0xe0, 0x80, 0xaf), 0],
    ['a surrogate (ED A0 80)', b(0x61, 0xed, 0xa0, 0x80), 1],
    ['past U+10FFFF (F4 90 80 80)', b(0xf4, 0x90, 0x80, 0x80), 0],
    ['F5', b(0xf5, 0x80, 0x80, 0x80), 0],
    ['a sequence cut by the end', b(0x61, 0xe2, 0x82), 1],
    ['a continuation byte alone', b(0x61, 0x80), 1],
    ['a lead byte followed by ASCII', b(0xc3, 0x61), 0],
  ])('%s', (_what, bytes, at) => {
    expect(firstNonUtf8Byte(bytes)).toBe(at);
    expect(isUtf8(bytes)).toBe(at === -1);
  });

  it('utf8Problem names the byte, its offset, line and byte in the line', () => {
    expect(utf8Problem(Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'))).toBe('not UTF-8: byte 0xE9 at byte offset 11 (line 2, byte 7 of the line) is not valid UTF-8; save the file as UTF-8');
    expect(utf8Problem(Buffer.from('a: é\n'))).toBeNull();
  });
});

describe('utf8FileProblem (a file read in chunks)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'utf8-file-'));
  const file = (name: string, bytes: Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };

  it('gives utf8Problem\'s sentence with offsets and lines from the file start, whatever the chunk size', () => {
    // multi-byte letters on every chunk border for chunks of 1 to 7 bytes, a bad byte on line 4
    const bytes = Buffer.concat([Buffer.from('ab\nՀայ\nцd\nxy'), Buffer.from([0xe9]), Buffer.from('z\n')]);
    const whole = utf8Problem(bytes);
    expect(whole).toBe('not UTF-8: byte 0xE9 at byte offset 16 (line 4, byte 3 of the line) is not valid UTF-8; save the file as UTF-8');
    const f = file('bad.txt', bytes);
    for (const chunk of [1, 2, 3, 4, 5, 7, 1 << 20]) expect(utf8FileProblem(f, chunk)).toBe(whole);
  });

  it('null for a UTF-8 file split anywhere, a UTF-16 byte order mark named, a sequence cut at the end found', () => {
    const good = file('good.txt', Buffer.from('\uFEFFhttps://x.example/Հայաստան 2026-01-01\r\nhttps://x.example/ö\n'));
    for (const chunk of [1, 2, 3, 5, 1 << 20]) expect(utf8FileProblem(good, chunk)).toBeNull();
    expect(utf8FileProblem(file('u16.txt', Buffer.from([0xff, 0xfe, 0x68, 0x00])), 3)).toContain('the UTF-16LE byte order mark FF FE');
    expect(utf8FileProblem(file('cut.txt', Buffer.from([0x61, 0x0a, 0xd5])), 2)).toBe(utf8Problem(Buffer.from([0x61, 0x0a, 0xd5])));
  });
});
