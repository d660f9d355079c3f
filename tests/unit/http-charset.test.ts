import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBody, declaredCharset, isValidUtf8WithMultibyte, normalizeCharset } from '../../src/http/charset.js';
import { CHARSET_CASES } from '../helpers/fault-server.js';

const RU = 'Переговоры в Алматы';
const FR = 'Négociations à Genève';

describe('decodeBody', () => {
  it.each(Object.entries(CHARSET_CASES))('%s', (_name, c) => {
    const d = decodeBody(c.body, c.contentType, c.kind);
    expect(d.text).toContain(c.expected);
    expect(d.text).not.toMatch(/\uFFFD|Ð|Ã©/);
  });

  it('BOM beats the header, the header beats the document, the document beats the default', () => {
    const bom = decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<p>${RU}</p>`)]), 'text/html; charset=koi8-r', 'html');
    expect(bom).toMatchObject({ charset: 'utf-8', source: 'bom', text: `<p>${RU}</p>` });
    const header = decodeBody(iconv.encode(`<meta charset="koi8-r"><p>${RU}</p>`, 'windows-1251'), 'text/html; charset=windows-1251', 'html');
    expect(header).toMatchObject({ charset: 'windows-1251', source: 'header' });
    expect(header.text).toContain(RU);
    const meta = decodeBody(iconv.encode(`<meta charset="koi8-r"><p>${RU}</p>`, 'koi8-r'), 'text/html', 'html');
    expect(meta).toMatchObject({ charset: 'koi8-r', source: 'declaration' });
    const none = decodeBody(Buffer.from('<p>plain</p>'), null, 'html');
    expect(none).toMatchObject({ charset: 'utf-8', source: 'default', text: '<p>plain</p>' });
  });

  it('a latin-1 declaration decodes as windows-1252 (WHATWG), so 0x80-0x9F are typographic characters', () => {
    const d = decodeBody(Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x68, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80]), 'text/html; charset=iso-8859-1', 'html');
    expect(d.text).toBe('<p>\u201chi\u201d \u2013 \u20ac');
  });

  it('a UTF-8 page declaring windows-1251 or latin-1 is read as UTF-8', () => {
    for (const ct of ['text/html; charset=windows-1251', 'text/html; charset=latin1']) {
      const d = decodeBody(Buffer.from(`<p>${RU} ${FR}</p>`), ct, 'html');
      expect(d).toMatchObject({ charset: 'utf-8', source: 'utf8-bytes', text: `<p>${RU} ${FR}</p>` });
    }
  });

  it('real windows-1251 bytes are not mistaken for UTF-8', () => {
    const d = decodeBody(iconv.encode(`<p>${RU}</p>`, 'windows-1251'), 'text/html; charset=windows-1251', 'html');
    expect(d.charset).toBe('windows-1251');
    expect(d.text).toBe(`<p>${RU}</p>`);
  });

  it('UTF-16 XML without a BOM is found by its first bytes', () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>${RU}</title></channel></rss>`;
    expect(decodeBody(Buffer.from(xml, 'utf16le'), null, 'xml').text).toBe(xml);
    expect(decodeBody(Buffer.from(xml, 'utf16le').swap16(), null, 'xml').text).toBe(xml);
  });

  it('a UTF-16 declaration on ASCII-compatible bytes means UTF-8', () => {
    const d = decodeBody(Buffer.from(`<?xml version="1.0" encoding="utf-16"?><rss><title>${RU}</title></rss>`), null, 'xml');
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain(RU);
  });

  it('an unknown label falls through to the next source', () => {
    const d = decodeBody(iconv.encode(`<meta charset="windows-1251"><p>${RU}</p>`, 'windows-1251'), 'text/html; charset=x-bogus', 'html');
    expect(d).toMatchObject({ charset: 'windows-1251', source: 'declaration' });
  });

  it('a <meta> inside a comment or in the body is not a declaration; one after byte 1024 in the head is', () => {
    expect(declaredCharset('<!-- <meta charset="koi8-r"> --><head><title>x</title></head><body><meta charset="koi8-r">', 'html')).toBeNull();
    expect(declaredCharset(`<head><script>${'x'.repeat(3000)}</script><meta charset="windows-1251"></head>`, 'html')).toBe('windows-1251');
    expect(declaredCharset('<meta http-equiv="Content-Type" content="text/html;charset=KOI8-R">', 'html')).toBe('koi8-r');
  });

  it('feeds read the XML declaration, not <meta> tags in their content', () => {
    expect(declaredCharset('<?xml version="1.0" encoding=\'ISO-8859-5\'?><rss>', 'xml')).toBe('iso-8859-5');
    expect(declaredCharset('<rss><description>&lt;meta charset="koi8-r"&gt; <meta charset="koi8-r"></description>', 'xml')).toBeNull();
  });
});

describe('charset helpers', () => {
  it('charsetFromContentType reads the parameter only', () => {
    expect(charsetFromContentType('text/html; charset="Windows-1251"')).toBe('windows-1251');
    expect(charsetFromContentType('text/html;charset=utf-8')).toBe('utf-8');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });

  it('normalizeCharset maps WHATWG labels and rejects unknown ones', () => {
    expect(normalizeCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeCharset('x-cp1251')).toBe('windows-1251');
    expect(normalizeCharset('gb2312')).toBe('gbk');
    expect(normalizeCharset('KOI8-R')).toBe('koi8-r');
    expect(normalizeCharset('no-such-charset')).toBeNull();
    expect(normalizeCharset('x-mac-cyrillic')).toBe('x-mac-cyrillic');
    expect(normalizeCharset(' "Shift_JIS" ')).toBe('shift_jis');
    // Not in the Encoding Standard: ignored, as a browser does.
    for (const l of ['utf-7', 'UTF-7', 'csUnicode11UTF7', 'utf-32', 'binary', 'iso-2022-kr']) expect(normalizeCharset(l), l).toBeNull();
  });

  it('ignores a charset=utf-7 header or declaration: the page is not decoded as UTF-7', () => {
    // UTF-7 would turn "+ADw-script+AD4-" into "<script>" (the reason browsers dropped it).
    const page = Buffer.from('<p>Talks +ADw-script+AD4-alert(1)+ADw-/script+AD4- resumed</p>', 'ascii');
    const viaHeader = decodeBody(page, 'text/html; charset=utf-7', 'html');
    expect(viaHeader).toMatchObject({ charset: 'utf-8', source: 'default' });
    expect(viaHeader.text).toContain('+ADw-script+AD4-');
    expect(viaHeader.text).not.toContain('<script>');
    const viaMeta = decodeBody(Buffer.concat([Buffer.from('<meta charset="utf-7">'), page]), null, 'html');
    expect(viaMeta).toMatchObject({ charset: 'utf-8', source: 'default' });
    const viaXml = decodeBody(Buffer.from('<?xml version="1.0" encoding="UTF-7"?><rss><channel><title>+ADw-b+AD4-</title></channel></rss>'), 'application/rss+xml', 'xml');
    expect(viaXml.text).toContain('+ADw-b+AD4-');
    // A real legacy charset next to it still works: the header's utf-7 is skipped, the meta is used.
    const ru = decodeBody(Buffer.concat([Buffer.from('<meta charset="koi8-r">'), iconv.encode('<p>Переговоры</p>', 'koi8-r')]), 'text/html; charset=utf-7', 'html');
    expect(ru).toMatchObject({ charset: 'koi8-r', source: 'declaration', text: '<meta charset="koi8-r"><p>Переговоры</p>' });
    // iso-2022-jp is a WHATWG encoding iconv-lite lacks: decoded by TextDecoder.
    const jp = decodeBody(Buffer.from([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42]), 'text/html; charset=iso-2022-jp', 'html');
    expect(jp).toMatchObject({ charset: 'iso-2022-jp', text: '日本' });
  });

  it('isValidUtf8WithMultibyte', () => {
    expect(isValidUtf8WithMultibyte(Buffer.from('plain ascii'))).toBe(false);
    expect(isValidUtf8WithMultibyte(Buffer.from(RU))).toBe(true);
    expect(isValidUtf8WithMultibyte(iconv.encode(RU, 'windows-1251'))).toBe(false);
    expect(isValidUtf8WithMultibyte(iconv.encode(FR, 'latin1'))).toBe(false);
    // Overlong encodings (0xC0 0xAF) are not valid UTF-8.
    expect(isValidUtf8WithMultibyte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(false);
  });
});
