/**
 * Boilerplate kinds found by the Readability-disagreement harness, round 16 (ext16c;
 * tests/fixtures/extract/kinds16c/, written for these tests in the markup shape of the pages where
 * the kind was found, not their text). The first and third tests fail on main before the round:
 * a consent manager's dialog, and a site footer's disclosure paragraphs, after a short story held
 * more than half the story's text and were kept as the page's wrapper. The second is a guard that
 * passes on main too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds16c');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/03/k16c');

describe('consent dialogs that outweigh a short story (round 16c)', () => {
  it('keeps the story and drops the consent categories of a dialog after it', () => {
    const x = extract('consent-dialog-outweighs-story.html');
    expect(x.text).toContain('On Sunday shortly before midnight, two people tried to force the front door');
    expect(x.text).toContain('is asked to ring 01632 960 415.');
    expect(x.text).not.toContain('Storing or reading data');
    expect(x.text).not.toContain('We use technologies such as cookies');
    expect(x.text).not.toContain('Marketing');
  });

  it('still keeps a story whose only wrapper is named for a modal, when no other text stands beside it', () => {
    const x = extract('modal-wrapped-story-guard.html');
    expect(x.text).toContain('The village hall will reopen on Saturday');
    expect(x.text).toContain('the roof was finished a week early.');
  });
});

describe('page footers that outweigh half a story (round 16c)', () => {
  it('keeps the story and drops a site footer of long disclosure paragraphs', () => {
    const x = extract('long-footer-beside-story.html');
    expect(x.text).toContain('A well-known market columnist told a television interviewer');
    expect(x.text).toContain('a duty the young market had not yet written into any rule.');
    expect(x.text).not.toContain('Some links on this website');
    expect(x.text).not.toContain('Our authors may hold');
    expect(x.text).not.toContain('has followed the digital currency market');
  });
});
