/**
 * Fault kinds of issue 13, round 7 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape of pages of the dev split of trafilatura's set that lost text, not their text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/extract/parse.js';
import { findFirst, type DomElement } from '../../src/extract/dom.js';
import { classNameLevel } from '../../src/extract/blocks.js';
import { extractArticle } from '../../src/extract/index.js';
import { isLabelValueList } from '../../src/extract/tables.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const extract = (name: string) => extractArticle(read(name), 'https://catalogue.example/item/k3');

describe('a page whose data is a label/value list (product facts, a register entry)', () => {
  it('keeps the labels and values of rows of two <div> cells, not only the notice after them', () => {
    const x = extract('label-value-facts.html');
    for (const s of ['Frame material', 'Ash wood, oiled, with galvanised steel rungs', 'About three metres with the tripod leg fully out',
      'Assembly notes', 'No assembly leaflet supplied by the workshop']) expect(x.text).toContain(s);
    expect(x.text).toContain('Registered traders can see trade prices');
    expect(x.text).not.toContain('Farmstore catalogue pages are for information only');
    expect(x.text.indexOf('Frame material')).toBeLessThan(x.text.indexOf('No assembly leaflet'));
  });

  it('keeps the terms and descriptions of a <dl>', () => {
    const x = extract('definition-list-facts.html');
    for (const s of ['Altitude', 'Two thousand one hundred metres above the valley lake', 'Keys', 'Kept at the farm at the foot of the path'])
      expect(x.text).toContain(s);
    expect(x.text).not.toContain('Previous hut');
  });

  it('leaves a facts list beside a story out of the text', () => {
    const x = extract('facts-beside-story.html');
    expect(x.text.startsWith('We bought the ladder for the old pear trees')).toBe(true);
    expect(x.text).toContain('heavy to carry to the far end of the rows.');
    expect(x.text).not.toContain('Eleven kilograms');
  });

  it('isLabelValueList: three rows of a short label and a value; a <dl> of three terms', () => {
    const root = parseHtml(read('label-value-facts.html')).document as unknown as DomElement;
    const facts = findFirst(root, 'main')!;
    let pane: DomElement | null = null;
    for (const k of facts.children) for (const j of (k as DomElement).children ?? []) if ((j as DomElement).attribs?.id === 'facts') pane = j as DomElement;
    expect(pane).not.toBeNull();
    expect(isLabelValueList(pane!)).toBe(true);
    const dl = findFirst(parseHtml(read('definition-list-facts.html')).document as unknown as DomElement, 'dl')!;
    expect(isLabelValueList(dl)).toBe(true);
    const two = parseHtml('<div><div><b>A</b><i>one</i></div><div><b>B</b><i>two</i></div></div>').document as unknown as DomElement;
    expect(isLabelValueList(findFirst(two, 'div')!)).toBe(false);
    const widgets = parseHtml('<ul><li><h2>Topics</h2><ul><li>a</li></ul></li><li><h2>Archive</h2><ul><li>b</li></ul></li><li><h2>Meta</h2><ul><li>c</li></ul></li></ul>').document as unknown as DomElement;
    expect(isLabelValueList(findFirst(widgets, 'ul')!)).toBe(false);
    const prose = parseHtml('<div><p>First paragraph.</p><p>Second.</p><p>Third.</p></div>').document as unknown as DomElement;
    expect(isLabelValueList(findFirst(prose, 'div')!)).toBe(false);
  });
});

describe('letters written in decomposed form (combining accents, Bengali nukta letters)', () => {
  const decomposed = 'cafe\u0301';
  it('the text, paragraphs, title and summary come out in Unicode NFC', () => {
    const html = read('decomposed-letters.html');
    expect(html).toContain(decomposed); // the fixture really holds the decomposed spelling
    expect(html).toContain('\u09df'); // and the precomposed Bengali YYA that NFC decomposes
    const x = extract('decomposed-letters.html');
    expect(x.text).toContain('The caf\u00e9 by the ferry');
    expect(x.text).toContain('na\u00efve bookkeeping');
    expect(x.text).not.toContain(decomposed);
    expect(x.text).toContain('\u09af\u09bc');
    expect(x.text).not.toContain('\u09df');
    expect(x.text).toBe(x.text.normalize('NFC'));
    expect(x.paragraphs?.join('\n\n')).toBe(x.text);
    expect(x.title).toBe('Caf\u00e9 notes from the river market');
    expect(x.summary).toBe(x.summary!.normalize('NFC'));
  });
});

describe('print-stylesheet utility classes', () => {
  it('name how an element prints, not a print button: no boilerplate level', () => {
    for (const c of ['print-full', 'col-md-5 print-full', 'd-print-block', 'visible-print-block', 'hidden-print', 'show-for-print']) expect(classNameLevel(c), c).toBe(0);
    for (const c of ['print', 'print-link', 'btn-print']) expect(classNameLevel(c), c).toBe(1);
    expect(classNameLevel('share-print')).toBe(2);
  });

  it("a recipe's ingredient column marked print-full is kept beside the method", () => {
    const x = extract('print-utility-columns.html');
    for (const s of ['300 g wholemeal rye flour', '1 teaspoon salt and a pinch of sugar', 'Stir the flour, salt, sugar and caraway together',
      'stack them under a cloth']) expect(x.text).toContain(s);
    expect(x.text.indexOf('wholemeal rye flour')).toBeLessThan(x.text.indexOf('Stir the flour'));
    expect(x.text).not.toContain('Print recipe');
    expect(x.text).not.toContain('tested twice');
  });
});
