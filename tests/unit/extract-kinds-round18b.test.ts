/**
 * Round 18 (ext18b; tests/fixtures/extract/kinds/r18b-*, written for these tests in the markup
 * shape of the pages where the kind was found, not their text). Both tests fail on main before
 * the round:
 * - a forum post of one short paragraph in a table cell lost to the site's legal notice (a
 *   copyright line and a trademark line cut by `<br>` in a plain `<div>`), which read as two
 *   sentences and outweighed it (magic-html's forum pages);
 * - a story sentence "You simply download the application" dropped as the call to action
 *   "download the app" (the phrase matched inside "application");
 * - the first paragraph of a short post dropped because a footnote mark (`<sup>1</sup>`) after
 *   its full stop hid the sentence end, so the shorter paragraph after it was the story.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { isLegalNotice } from '../../src/extract/weights.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://board.example/t/4411');

describe('round 18 (ext18b)', () => {
  it('keeps a short forum post over the footer\'s copyright and trademark lines', () => {
    const x = extract('r18b-forum-post-legal-footer.html');
    expect(x.text).toContain('Since the last update the game opens larger than my monitor');
    expect(x.text).not.toContain('trademarks');
    expect(x.text).not.toContain('Copyright');
    // The notice is known by its words only under the length limit: an article paragraph about
    // trademarks is text.
    const block = (text: string) => ({ text, len: text.length }) as Parameters<typeof isLegalNotice>[0];
    expect(isLegalNotice(block('© 2025 Harbor Games Ltd. All rights reserved.'))).toBe(true);
    expect(isLegalNotice(block(`The court held that the shoe maker's stripes are trademarks of the company. ${'The ruling ends a dispute of eleven years between the two firms and their lawyers. '.repeat(4)}`))).toBe(false);
  });

  it('keeps a story sentence about downloading an application, still drops "Download our app"', () => {
    const x = extract('r18b-app-story-download.html');
    expect(x.text).toContain('You simply download the application, start it and pick a folder.');
    expect(x.text).toContain('it is an easy choice.');
    expect(x.text).not.toContain('Download our app');
  });

  it('reads a paragraph ending in a footnote mark as a sentence', () => {
    const x = extract('r18b-footnote-mark-short-post.html');
    expect(x.text).toContain('Plenty of good feed readers still cut through the noise of the timeline for us.');
    expect(x.text).toContain('The rest of this note says why we keep coming back.');
  });
});
