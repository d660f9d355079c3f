/**
 * Fault kinds of issue 13, round 14 (tests/fixtures/extract/kinds14/, written for these tests:
 * they keep the markup shape of trafilatura's dev-split pages where the kind was found, not their
 * text). The first, second and fourth tests fail on main as it was before round 14; the third is the guard of
 * the rule (a how-to told in the imperative keeps its last step).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds14');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k14');

describe('calls to the reader in the imperative or the publisher\'s voice after a third-person story (round 14)', () => {
  it('drops a closing "Follow … on Twitter … Send us a message" line that writes no "you"', () => {
    const x = extract('imperative-call-after-story.html');
    expect(x.text).toContain('Two people were taken to hospital on Sunday evening');
    expect(x.text).toContain('until the new surface had settled.');
    expect(x.text).not.toContain('Follow the Western Ledger');
    expect(x.text).not.toContain('Send us a message');
  });

  it('drops a closing "HAZTE MIEMBRO" membership call (Spanish imperative, capitals)', () => {
    const x = extract('membership-call-es.html');
    expect(x.text).toContain('La autoridad portuaria aprobó el martes');
    expect(x.text).toContain('según el calendario presentado por la autoridad.');
    expect(x.text).not.toContain('HAZTE MIEMBRO');
  });

  it('keeps the last step of a how-to told in the imperative throughout (guard)', () => {
    const x = extract('imperative-howto-guard.html');
    expect(x.text).toContain('Mark the height of the shelf');
    expect(x.text).toContain('Support the shelf from below for a day while the glue sets, then load it with books.');
  });
});

describe('a disclaimer line on its own (round 14)', () => {
  it('drops "(Alle Angaben ohne Gewähr)" as a line, keeps a sentence that ends in the same words', () => {
    const x = extract('disclaimer-line.html');
    expect(x.text).toContain('Die Länder haben ihre Verordnungen');
    expect(x.text).not.toContain('(Alle Angaben ohne Gewähr)');
    expect(x.text).toContain('die Preise bleiben gleich, alle Angaben ohne Gewähr.');
    expect(x.text).toContain('das Personal vor der Öffnung zu schulen.');
  });
});
