/**
 * Round 20 (ext20a): a related-stories heading set among the story's own paragraphs (fixture
 * tests/fixtures/extract/kinds/r20a-read-also-box-mid-story.html, written for this test after a
 * commentary page whose "Auch interessant" card stood between its paragraphs). A heading that
 * opens a related-links section ended the text whenever less than 35% of the body followed it;
 * when the heading shares its parent with the body's paragraphs and the story goes on after the
 * box, it now cuts only as such a line set as a paragraph does (≤ 15% of the text beside the
 * body's paragraphs follows), and goes as a label with its box.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const file = path.resolve(import.meta.dirname, '../fixtures/extract/kinds/r20a-read-also-box-mid-story.html');
const URL = 'https://coast.example/harbour/dredging';

describe('round 20 (ext20a): a related box heading between the story paragraphs', () => {
  it('keeps the paragraphs after the box and drops the box', () => {
    const x = extractArticle(fs.readFileSync(file, 'utf8'), URL);
    expect(x.paragraphs ?? []).toHaveLength(8);
    expect(x.text).toContain('Most of it is clean enough to rebuild the dunes north of the harbour.');
    expect(x.text.endsWith('Fishermen welcomed the plan but want the works finished before the summer season.')).toBe(true);
    expect(x.text).not.toContain('You might also like');
    expect(x.text).not.toContain('Why the harbour fees should not rise');
  });

  it('guard: the same heading after the last paragraph still ends the text', () => {
    const html = fs.readFileSync(file, 'utf8').replace(/(<h4>You might also like<\/h4>[\s\S]*?<\/div>\n)([\s\S]*?)(<\/div><\/div>)/, '$2$1<p>Harbour fees: a short look at the numbers behind the plan.</p>\n$3');
    const x = extractArticle(html, URL);
    expect(x.text).not.toContain('Harbour fees: a short look');
    expect(x.text.endsWith('Fishermen welcomed the plan but want the works finished before the summer season.')).toBe(true);
  });
});
