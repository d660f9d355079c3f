/**
 * Round 19 (ext19b; tests/fixtures/extract/kinds/r19b-*, written for these tests in the markup
 * shape of the pages where the kind was found, not their text):
 * - a documentation page whose every part carries `h1-related`/`h2-related` (JetBrains
 *   Writerside: the part belongs to that heading) came out empty, `related` read as a box of
 *   links to other stories (defuddle's fixtures);
 * - an old blog post whose comments are headed "2 Responses to …" and "Leave a Reply" with no
 *   class on the thread kept the comments as text (own old-markup pages);
 * - an article's two paragraphs around a table of linked archive names beside plain values: the
 *   linked cells weighed as a link list and the last paragraph alone was chosen (defuddle);
 * - a video page of one paragraph under a donation appeal and a newsletter box, whose lines read
 *   as sentences and outweighed it (magic-html's articles);
 * - a forum thread whose posts are repeated `div.post-box > div.post-content` units with author
 *   links between them: one answer was taken (magic-html's forum pages);
 * - an old home page set in one cell of a layout table: a greeting, headings, a list of linked
 *   projects, a contact line; the contact line alone was taken (defuddle's table-layout pages);
 * - a consent dialog under random class names, known only by the framework's purpose lines,
 *   whose legal paragraphs outweighed a short story (magic-html's articles);
 * - an embedded video module (`<aside>` inside the named article body) whose transcript outweighs
 *   the story and made the aside its wrapper: the transcript was kept (magic-html's articles);
 * - an old layout table with a narrow news column (`<TD WIDTH=180>`) of dated notices beside the
 *   story cell kept the notices with the story.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { SECTION_END } from '../../src/extract/phrases.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://site.example/page/17');

describe('round 19 (ext19b)', () => {
  it('keeps a chapter whose class ties it to a heading (h1-related), still drops a related-links box', () => {
    const x = extract('r19b-heading-scoped-related.html');
    expect(x.text).toContain('The exporter writes a project to plain text');
    expect(x.text).toContain('A single web page with a table of contents at the top.');
    expect(x.text).toContain('Choose the folder format when the project has more than a few hundred pages.');
    expect(x.text).not.toContain('Import settings');
  });

  it('ends an old blog post at its comments heading named by no class', () => {
    const x = extract('r19b-comments-heading-old-blog.html');
    expect(x.text).toContain('so the rest can wait until next year.');
    expect(x.text).not.toContain('I learned that the hard way');
    expect(x.text).not.toContain('bow saw');
    // Whole lines only: a heading that starts with the word goes on as text, a lone "Comment" is a kicker.
    for (const line of ['Comments', '3 Comments', 'Comments (3)', 'One thought on “Pruning”', 'Leave a Reply', 'Guestbook', 'Kommentare']) expect(SECTION_END.test(line), line).toBe(true);
    for (const line of ['Comment', 'Comments from the minister', 'Guestbook entries show a long history']) expect(SECTION_END.test(line), line).toBe(false);
  });

  it('takes the story cell of a layout table over a narrow news column beside it', () => {
    const x = extract('r19b-layout-narrow-news-cell.html');
    expect(x.text).toContain('Quince cheese is a stiff fruit paste');
    expect(x.text).toContain('cut it into blocks and wrap them in paper.');
    expect(x.text).not.toContain('stock count');
    expect(x.text).not.toContain('harvest market');
  });

  it('keeps an article whose table of linked values stands between its paragraphs', () => {
    const x = extract('r19b-linked-value-table.html');
    expect(x.text).toContain('The table lists every tile set we publish');
    expect(x.text).toContain('sets/harbour-grid32-v1');
    expect(x.text).toContain('since small tiles blur there.');
    expect(x.text).not.toContain('Privacy');
  });

  it('takes a short film page\'s paragraph over a donation appeal and a newsletter box', () => {
    const x = extract('r19b-donation-appeal-video.html');
    expect(x.text).toContain('This short film follows one family through a summer');
    expect(x.text).not.toContain('Will you help us');
    expect(x.text).not.toContain('please support us');
    expect(x.text).not.toContain('unsubscribe anytime');
  });

  it('keeps every post of a thread set as repeated units, not the longest one', () => {
    const x = extract('r19b-thread-sibling-posts.html');
    expect(x.text).toContain('run the board software on an old laptop');
    expect(x.text).toContain('Could you say a bit more about which steps you tried');
    expect(x.text).toContain('The search index is built in the temporary folder');
  });

  it('takes the one text cell of a home page laid out in a table, not its last paragraph', () => {
    const x = extract('r19b-home-page-one-cell.html');
    expect(x.text).toContain('Nice of you to drop by.');
    expect(x.text).toContain('by post at the old mill.');
  });

  it('leaves out a consent dialog known only by its purpose lines', () => {
    const x = extract('r19b-consent-purposes-by-text.html');
    expect(x.text).toContain('ran a club record on Saturday');
    expect(x.text).toContain('aim for the national indoor meeting in February.');
    expect(x.text).not.toContain('trusted partners');
    expect(x.text).not.toContain('Link different devices');
  });

  it('leaves out the transcript of a video module set as an aside inside the story', () => {
    const x = extract('r19b-aside-video-transcript.html');
    expect(x.text).toContain('sleep better, a survey of four thousand adults');
    expect(x.text).toContain('a trial is planned for next year.');
    expect(x.text).not.toContain('roll your ankles');
  });
});
