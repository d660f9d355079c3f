/**
 * Fault kinds of issue 13, round 2 (tests/fixtures/extract/kinds/, written for these tests:
 * they keep the markup shape that made real pages of trafilatura's evaluation set fail, not their text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const extract = (name: string) => extractArticle(read(name), 'https://gazette.example/local/footbridge-reopens');

describe('ruby annotations', () => {
  it('the base text is read without the readings (rt) or their parentheses (rp)', () => {
    const x = extract('ruby-annotations.html');
    expect(x.text).toContain('川の町に新しい橋ができました。土曜日の朝、町長が橋を渡りました。');
    expect(x.text).toContain('店の人たちは、お客さんが増えることを楽しみにしています。');
    expect(x.text).not.toMatch(/あたら|かわ|[()]/);
  });
});

describe('teaser page with the whole story in its own JSON-LD', () => {
  it('a standfirst and a caption visible, articleBody holding the story: the story is the text', () => {
    const x = extract('teaser-with-json-ld-body.html');
    expect(x.text).toContain('The mayor of the river town opened the new footbridge on Saturday morning');
    expect(x.text).toContain('Engineers said the deck rests on four concrete piers');
    expect(x.text).toContain('a plaque naming the volunteers');
    expect(x.text.split('\n\n')).toHaveLength(6);
    expect(x.warnings).toContain('text-from-json-ld');
  });

  it('a page whose visible article is long keeps it, even when its JSON-LD body is longer', () => {
    const visible = Array.from({ length: 12 }, (_, i) => `<p>Visible paragraph ${i} says the ferry ran every hour while the bridge was closed, and the ferryman kept a tally of his passengers.</p>`).join('');
    const html = read('teaser-with-json-ld-body.html')
      .replace('<div class="locked"><p>Subscribe to read the whole story.</p></div>', visible)
      .replace('is being cast.', `is being cast.${' More words of the data copy.'.repeat(300)}`);
    const x = extractArticle(html, 'https://gazette.example/local/footbridge-reopens');
    expect(x.text).toContain('Visible paragraph 11 says the ferry ran every hour');
    expect(x.text).not.toContain('More words of the data copy');
    expect(x.warnings).not.toContain('text-from-json-ld');
  });
});

describe('"commentary" names an opinion piece, not reader comments', () => {
  it('an article whose classes say commentary is the text; the comment thread is not', () => {
    const x = extract('commentary-opinion.html');
    expect(x.text).toContain('For two years the town argued about the footbridge');
    expect(x.text).toContain('The traders on Mill Lane should now be given the cycle lane');
    expect(x.text).not.toContain('I walked across on Sunday morning');
    expect(x.text).not.toContain('Its weekly market');
  });
});

describe('reader comments that outweigh a short story', () => {
  it('the story is the text; the thread (more text than the story) is not a wrapper of it', () => {
    const x = extract('comments-outweigh-story.html');
    expect(x.text).toContain('The mayor of the river town opened the new footbridge on Saturday morning');
    expect(x.text).toContain('Shop owners on both banks hope the crossing will bring back');
    expect(x.text).not.toContain('Please register and keep to our house rules');
    expect(x.text).not.toContain('I cross the river twice a day');
  });
});
