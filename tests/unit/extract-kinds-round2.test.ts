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
