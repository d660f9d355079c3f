/**
 * Decks in the story's header band, round 17 (ext17d; tests/fixtures/extract/kinds17d/, written
 * for these tests in the markup shape of the pages where the kind was found, not their text).
 * The first test fails on main before the round (a deck set as an unnamed `<p>` beside the `<h1>`
 * in the story's own `<header>`, with a byline and share row between it and the body, was
 * dropped); the second is a guard that passes on main too: a date line and a byline in that
 * header stay out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds17d');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k17d');

describe('decks in the header band (round 17d)', () => {
  it('keeps an unnamed paragraph set beside the headline in the story\'s <header> as the standfirst', () => {
    const x = extract('header-band-deck.html');
    expect(x.text.startsWith('Crossings between the two island piers will run every forty minutes')).toBe(true);
    expect(x.text).toContain('The harbour company published its winter plan on Monday.');
    expect(x.text).toContain('said the chair of the island council after the plan was published.');
    expect(x.text).not.toContain('By Ilse Marandi');
    expect(x.text).not.toContain('facebook');
    expect(x.text).not.toContain('Ferry timetable doubles for the winter season');
  });

  it('still leaves a date line and a byline in that header out', () => {
    const x = extract('header-band-guard.html');
    expect(x.text.startsWith('The town library will open its doors on Sundays')).toBe(true);
    expect(x.text).not.toContain('Updated 14 December');
    expect(x.text).not.toContain('Tomas Reinholt');
  });
});
