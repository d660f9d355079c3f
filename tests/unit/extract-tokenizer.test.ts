/**
 * The skipping tokenizer (src/extract/tokenizer.ts) must build the same tree as htmlparser2's own
 * Tokenizer: same elements, attributes, text nodes and comments, whatever the chunking. Markup
 * below is written for this test and mixes what the skips jump over (text, quoted attribute values,
 * script/style bodies, comments) with what must stop them ("<", "&", quotes, end tags).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomHandler, type ChildNode, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/extract/parse.js';
import { SkippingTokenizer } from '../../src/extract/tokenizer.js';

/** A plain-data copy of a tree: type, name, attributes, data, children. */
function shape(nodes: ChildNode[]): unknown[] {
  return nodes.map((n) => {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') return { t: n.type, name: n.name, attribs: n.attribs, kids: shape(n.children) };
    if ('data' in n) return { t: n.type, data: n.data };
    if ('children' in n) return { t: n.type, kids: shape(n.children as ChildNode[]) };
    return { t: (n as ChildNode).type };
  });
}

function parse(html: string, opts: { skipping: boolean; chunk: number }): Document {
  const handler = new DomHandler(undefined, { xmlMode: false });
  const parser = new Parser(handler, { xmlMode: false, decodeEntities: true, ...(opts.skipping ? { Tokenizer: SkippingTokenizer } : {}) } as ConstructorParameters<typeof Parser>[1]);
  for (let i = 0; i < html.length; i += opts.chunk) parser.write(html.slice(i, i + opts.chunk));
  parser.end();
  return handler.root;
}

const PAGES = [
  '<p>Plain words, then an entity &amp; another &eacute;t&eacute; and a bare & sign; a &lt;tag&gt; written out.</p>',
  '<div class="a &quot;b&quot;" title=\'single &amp; quoted\' data-x=unquoted&amp;more id="">x</div><a href="/p?a=1&b=2">link</a>',
  '<script>if (a < b && c > d) { s = "</scr" + "ipt>"; }</script><p>after script</p><style>p > a { color: red }</style>',
  '<!-- a comment - with -- dashes --><p>one</p><!----><p>two<!-- unclosed',
  '<title>Title &amp; more</title><textarea>raw <b>not bold</b> &amp;</textarea><p>tail text without end',
  '<p>Text ending in an entity at the very end &amp',
  '<div data-json="{&quot;k&quot;: &quot;v < w&quot;}">x &#x41;&#66; &notin; &notit;</div><br/><img src="a.png" alt="a > b">',
  '<p>Japanese テキスト と &copy; 記号</p><![CDATA[ cdata ]]><?php echo 1 ?><p>end</p>',
];

describe('the skipping tokenizer', () => {
  for (const [i, html] of PAGES.entries()) {
    it(`builds the base tokenizer's tree for markup ${i + 1}, whole and cut into small chunks`, () => {
      const base = shape(parse(html, { skipping: false, chunk: html.length }).children);
      for (const chunk of [html.length, 7, 3, 1]) {
        expect(shape(parse(html, { skipping: true, chunk }).children)).toEqual(base);
      }
    });
  }

  it("builds the base tokenizer's tree for the extraction fixtures", () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const html = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(shape(parse(html, { skipping: true, chunk: 4096 }).children), f).toEqual(shape(parse(html, { skipping: false, chunk: 4096 }).children));
    }
  });

  it('is what parseHtml uses: the depth-bounded parse gives the base tree', () => {
    const html = PAGES.join('\n');
    expect(shape(parseHtml(html).document.children)).toEqual(shape(parse(html, { skipping: false, chunk: html.length }).children));
  });
});
