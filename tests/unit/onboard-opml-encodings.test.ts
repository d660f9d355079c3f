/**
 * `feeds import` on OPML files in the encodings readers export (found in the review14 trial,
 * docs/review.md "Round 13 (review14)"): a file is read as XML says (BOM, else the
 * declaration's encoding, else UTF-8), and `--write` keeps the config file's byte order mark
 * and CRLF line breaks. The OPML bytes are made here with iconv-lite from text written for
 * the test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { importOpml } from '../../src/onboard/opml.js';
import { tempDir } from '../helpers/worker.js';

const dir = tempDir('opml-enc');

/** An OPML document declaring `encoding` (none when null), with the two outlines given. */
function opml(encoding: string | null, titles: [string, string]): string {
  const decl = encoding ? `<?xml version="1.0" encoding="${encoding}"?>\n` : '';
  return `${decl}<opml version="2.0"><head><title>Подписки</title></head><body>
  <outline type="rss" text="${titles[0]}" xmlUrl="https://one.example/rss"/>
  <outline type="rss" text="${titles[1]}" xmlUrl="https://two.example/feed/"/>
</body></opml>\n`;
}

function configFile(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const plainConfig = 'redis:\n  prefix: opml-enc\nfeeds:\n  - id: old\n    url: https://old.example/rss\n';

/** The titles `feeds import` (dry run) takes from the OPML bytes. */
function importedTitles(name: string, bytes: Buffer): (string | undefined)[] {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const cfg = loadConfig(configFile(`${name}.yaml`, plainConfig), {});
  return importOpml(file, cfg, {}).result.added.map((f) => f.title);
}

describe('feeds import: OPML encodings', () => {
  const ru: [string, string] = ['Новости Армении', 'Азербайджан сегодня'];
  const tr: [string, string] = ['Barış görüşmeleri', 'Güney Kafkasya haberleri: şıkça'];

  it('reads a windows-1251 file by its XML declaration (not U+FFFD titles)', () => {
    expect(importedTitles('cp1251.opml', iconv.encode(opml('windows-1251', ru), 'windows-1251'))).toEqual(ru);
  });

  it('reads an ISO-8859-9 (Turkish) file by its XML declaration', () => {
    expect(importedTitles('latin5.opml', iconv.encode(opml('ISO-8859-9', tr), 'iso-8859-9'))).toEqual(tr);
  });

  it('reads UTF-16 with a byte order mark, and UTF-16BE without one (XML Appendix F)', () => {
    expect(importedTitles('u16le.opml', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(opml('UTF-16', ru), 'utf-16le')]))).toEqual(ru);
    expect(importedTitles('u16be.opml', iconv.encode(opml('UTF-16', tr), 'utf-16be'))).toEqual(tr);
  });

  it('reads UTF-8 with or without a declaration or a byte order mark, as before', () => {
    expect(importedTitles('u8.opml', Buffer.from(opml(null, ru)))).toEqual(ru);
    expect(importedTitles('u8bom.opml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(opml('UTF-8', tr))]))).toEqual(tr);
  });
});

describe('feeds import --write: the config file keeps its form', () => {
  const opmlFile = join(dir, 'write.opml');
  writeFileSync(opmlFile, opml('UTF-8', ['One', 'Two']));

  it('a file with a byte order mark and CRLF line breaks keeps both, and its comments', () => {
    const original = `\uFEFF# Ленты (saved on Windows)\r\nredis:\r\n  prefix: opml-enc\r\nfeeds:\r\n  # kept\r\n  - id: old\r\n    url: https://old.example/rss\r\n`;
    const file = configFile('crlf.yaml', original);
    importOpml(opmlFile, loadConfig(file, {}), { configFile: file, write: true });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF# Ленты (saved on Windows)\r\n')).toBe(true);
    expect(text).toContain('  # kept\r\n');
    expect(text.match(/\n/g)!.length).toBe(text.match(/\r\n/g)!.length);
    expect(text.match(/\r\n/g)!.length).toBeGreaterThan(original.match(/\r\n/g)!.length);
    expect(loadConfig(file, {}).feeds.map((f) => f.url)).toEqual(['https://old.example/rss', 'https://one.example/rss', 'https://two.example/feed/']);
  });

  it('a file with LF line breaks and no byte order mark stays so', () => {
    const file = configFile('lf.yaml', plainConfig);
    importOpml(opmlFile, loadConfig(file, {}), { configFile: file, write: true });
    const text = readFileSync(file, 'utf8');
    expect(text.includes('\r')).toBe(false);
    expect(text.startsWith('redis:')).toBe(true);
    expect(loadConfig(file, {}).feeds).toHaveLength(3);
  });
});
