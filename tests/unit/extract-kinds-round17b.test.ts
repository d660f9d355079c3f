/**
 * Old markup, round 17 (ext17b; tests/fixtures/extract/kinds17b/, written for these tests in the
 * shape of 1990s–2000s pages). Start tags close elements left open the way a browser's tree
 * builder does: `<p><font>text<p>` gives sibling paragraphs, not each nested in the one before
 * (htmlparser2 alone closes an open `<p>` only when it is the newest open element). Both tests
 * fail on main.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { parseHtml } from '../../src/extract/parse.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds17b');

/** Element children of the first element named `name`, as tag names. */
function childTags(html: string, name: string): string[] {
  const { document } = parseHtml(html);
  const find = (n: { children?: unknown[] }): Element | null => {
    for (const c of (n.children ?? []) as Element[]) {
      if (c.type === 'tag' && c.name === name) return c;
      const f = find(c);
      if (f) return f;
    }
    return null;
  };
  const el = find(document);
  return el ? (el.children as Element[]).filter((c) => c.type === 'tag').map((c) => c.name) : [];
}

describe('elements left open in old pages (round 17b)', () => {
  it('closes an open <p>, <li> or cell through inline elements left open in it, as a browser does', () => {
    expect(childTags('<body><div><p><font size=2>one<p><font size=2>two<h3>three</h3></div></body>', 'div')).toEqual(['p', 'p', 'h3']);
    expect(childTags('<body><ul><li><font>one<li><b><i>two<li>three</ul></body>', 'ul')).toEqual(['li', 'li', 'li']);
    expect(childTags('<body><table><tr><td><font color=white><a href=/>menu</a><td><div>story<td>more</table></body>', 'tr')).toEqual(['td', 'td', 'td']);
    expect(childTags('<body><table><tr><td><font>a<tr><td>b</table></body>', 'table')).toEqual(['tr', 'tr']);
    // guards: a nested table's cells stay in it; a block between <p> and the new tag stops the search
    expect(childTags('<body><table><tr><td><table><tr><td>in</table><td>out</table></body>', 'tr')).toEqual(['td', 'td']);
    expect(childTags('<body><div><p>one<blockquote><font>q<p>two</blockquote></div></body>', 'blockquote')).toEqual(['font']);
  });

  it('keeps the report\'s heading above paragraphs set as <P><FONT> left open', () => {
    const html = fs.readFileSync(path.join(dir, 'unclosed-font-paragraphs.html'), 'utf8');
    const want = fs.readFileSync(path.join(dir, 'unclosed-font-paragraphs.txt'), 'utf8').trim().split('\n');
    const x = extractArticle(html, 'http://allotments.example/minutes/1999-04.html');
    expect(x.text.split('\n').filter(Boolean)).toEqual(want);
  });
});
