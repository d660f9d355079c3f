/**
 * Round 19 (ext19c; tests/fixtures/extract/kinds/r19c-*, written for these tests in the markup
 * shape of trafilatura dev pages where the kind was found, not their text):
 * - a prompt to the reader to write in ("We want to hear what you think …", "Submit your letter
 *   to the editor …"), set as a line of its own inside the story, was kept as text;
 * - a box set between the story's paragraphs as a custom element (`<xy-inline-teaser>`, named
 *   only by its tag name) was kept: tag names were never read as box names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { READER_PROMPT } from '../../src/extract/phrases.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2024/ferry');

describe('round 19 (ext19c)', () => {
  it('drops prompts to write in, keeps the story around them', () => {
    const x = extract('r19c-reader-prompts.html');
    expect(x.text).toContain('persuaded the council to keep paying for it until next year.');
    expect(x.text).toContain('Fares will rise by twenty cents in March');
    expect(x.text).not.toContain('We want to hear what you think');
    expect(x.text).not.toContain('Submit your letter');
    // A sentence reporting on letters or comments is no prompt.
    expect(READER_PROMPT.test('Readers sent more than 300 letters to the editor about the ferry.')).toBe(false);
    expect(READER_PROMPT.test('Verraten Sie uns gerne in den Kommentaren, was Sie davon halten.')).toBe(true);
  });

  it('drops a teaser box named only by its custom element tag, keeps the paragraphs after it', () => {
    const x = extract('r19c-custom-element-teaser.html');
    expect(x.text).toContain('Dokumentation innerhalb von zwei Wochen');
    expect(x.text).toContain('Übergangszeit bis zum Ende des Quartals');
    expect(x.text).not.toContain('Häufige Fragen zu Nachweisen');
    expect(x.text).not.toContain('Antworten auf die wichtigsten Fragen');
  });
});
