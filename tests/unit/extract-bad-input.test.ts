import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runExtractBatch } from '../../src/extract/batch.js';
import { extractArticle } from '../../src/extract/index.js';
import { sniffBody } from '../../src/http/sniff.js';
import { pageToRecord } from '../../src/pipeline/page.js';

const URL_ = 'https://news.example.org/a';
const PARA = 'Negotiators from both countries met again on Friday to discuss the text of the agreement and the border.';

describe('bad input gives empty text and a warning, never a throw', () => {
  it('empty body', () => {
    const x = extractArticle('', URL_);
    expect(x.text).toBe('');
    expect(x.warnings).toContain('empty-body');
    expect(extractArticle('   \n ', URL_).warnings).toContain('empty-body');
  });
  it('a PDF mistaken for HTML', () => {
    const x = extractArticle('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj', URL_);
    expect(x.text).toBe('');
    expect(x.warnings).toContain('not-html-pdf');
  });
  it('an image mistaken for HTML', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).toString('latin1');
    expect(extractArticle(png, URL_).warnings).toContain('not-html-image');
    const gifAsUtf8 = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0]).toString('utf8');
    expect(extractArticle(gifAsUtf8, URL_).warnings).toContain('not-html-image');
  });
  it('a frameset', () => {
    const x = extractArticle('<html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>', URL_);
    expect(x.text).toBe('');
    expect(x.warnings).toContain('frameset');
    expect(x.title).toBe('Frames');
  });
  it('broken markup still gives the paragraphs', () => {
    const x = extractArticle(`<html><body><div><p>${PARA}<p>${PARA.replace('Friday', 'Monday')}</div></span></b><table><tr><td>`, URL_);
    expect(x.text).toBe(`${PARA}\n\n${PARA.replace('Friday', 'Monday')}`);
  });
  it('an XHTML page served as XML', () => {
    const x = extractArticle(`<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n` +
      `<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="hy"><head><title>XHTML page</title></head><body><div><p>${PARA}</p><p><![CDATA[ignored]]>${PARA}</p></div></body></html>`, URL_);
    expect(x.text.startsWith(PARA)).toBe(true);
    expect(x.language).toBe('hy');
  });
  it('one giant <div> with <br>s becomes paragraphs', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `Line ${i} of the statement, read out by the spokesman at the briefing in full.`);
    const x = extractArticle(`<html><body><div>${lines.join('<br><br>')}</div></body></html>`, URL_);
    expect(x.paragraphs).toHaveLength(2000);
    expect(x.text.split('\n\n')[1999]).toBe(lines[1999]);
  });
  it('markup nested deeper than the call stack (unclosed elements) still gives its text', () => {
    const x = extractArticle(`<html><body>${'<div><span>'.repeat(15000)}<p>${PARA}</p></body></html>`, URL_);
    expect(x.text).toBe(PARA);
  });
  it('a 20 MB page is cut and still answers', () => {
    const chunk = (i: number) => `<div class="item"><p>${i}: ${PARA}</p></div>`;
    const n = Math.ceil((20 * 1024 * 1024) / chunk(0).length);
    const html = `<html><body>${Array.from({ length: n }, (_, i) => chunk(i)).join('')}</body></html>`;
    expect(html.length).toBeGreaterThan(20 * 1024 * 1024);
    const x = extractArticle(html, URL_);
    expect(x.warnings).toContain('truncated');
    expect(x.text.length).toBeGreaterThan(1000);
  });
});

describe('runExtractBatch (eval-extraction protocol)', () => {
  it('answers one JSON line per page, and an error line for an unreadable file and for a line that is not JSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-batch-'));
    const file = path.join(dir, 'p.html');
    fs.writeFileSync(file, `<html lang="en"><head><title>Batch page title here</title><meta name="author" content="Anna Grigoryan"></head><body><article><p>${PARA}</p></article></body></html>`);
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c) => chunks.push(String(c)));
    input.end([JSON.stringify({ id: 'a', path: file, url: URL_ }), 'not json', JSON.stringify({ id: 'b', path: path.join(dir, 'missing.html'), url: URL_ })].join('\n') + '\n');
    const res = await runExtractBatch(input, output);
    fs.rmSync(dir, { recursive: true });
    // the line that is not JSON is answered too (it was skipped without a word): review round 8
    expect(res).toEqual({ pages: 3, errors: 2 });
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 'a', text: PARA, title: 'Batch page title here', byline: 'Anna Grigoryan', lang: 'en' });
    expect(lines[1]).toEqual({ id: null, line: 2, error: expect.stringMatching(/^invalid JSON: /) });
    expect(lines[2]).toEqual({ id: 'b', error: `cannot read ${path.join(dir, 'missing.html')}: ENOENT: no such file or folder` });
  });
});

describe('stray NUL bytes', () => {
  const page = (nul: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Border talks resume</title>${nul}</head><body><article><h1>Border talks resume</h1><p>${PARA}</p><p>${PARA.replace('Friday', 'Monday')}</p></article></body></html>`;

  it('one NUL in the first KiB does not empty the record (at the head, before the doctype, in the text)', () => {
    for (const html of [page('\u0000'), `\u0000${page('')}`, page('').replace('Negotiators', 'Nego\u0000tiators')]) {
      const rec = pageToRecord({ body: Buffer.from(html), contentType: 'text/html', url: URL_, finalUrl: URL_, fetchedAt: new Date('2026-01-01T00:00:00Z') }, []);
      expect(rec.title).toBe('Border talks resume');
      expect(rec.text.split('\n\n')).toHaveLength(2);
      expect(rec.text).toContain('met again on Friday to discuss');
      expect(rec.text.includes('\u0000')).toBe(false);
    }
  });

  it('a body mostly of control bytes is still binary', () => {
    const blob = Buffer.concat([Buffer.from('<html>'), Buffer.alloc(600), Buffer.from('<p>x</p>')]);
    expect(extractArticle(blob.toString('latin1'), URL_).warnings).toContain('not-html-binary');
    expect(sniffBody(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(500, 0)]))).toBe('binary');
    expect(() => pageToRecord({ body: Buffer.concat([Buffer.alloc(64), Buffer.from('<p>x</p>')]), contentType: null, url: URL_, finalUrl: URL_, fetchedAt: new Date() }, [])).toThrow(/binary/);
  });
});
