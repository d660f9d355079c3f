/**
 * Fault kinds of issue 13, round 8 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape of pages of the dev split of flairNLP/fundus's parser test data whose
 * standfirst was lost, not their text). Each test fails with its rule off (extend.ts `standfirst`,
 * text.ts `BYLINE_LINE`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/01/k8');

describe('a standfirst set apart from the body (round 8)', () => {
  it('keeps the standfirst in the header of an <article> that is itself the container', () => {
    const x = extract('standfirst-in-container-header.html');
    expect(x.text.startsWith('Wenn das Eis kommt, liegen die kleinen Inselfähren still.')).toBe(true);
    expect(x.text).toContain('Im Hafenbecken schwimmen schon die ersten dünnen Schollen.');
    // The byline right after it is no text, and a sub-headline in the header is no standfirst.
    expect(x.text).not.toContain('von Hanne Petersen');
    expect(x.text).not.toContain('Ein Besuch an der Werft am Deich');
    expect(x.text).not.toContain('Stand: 12.01.2026');
  });

  it('keeps a standfirst named as the lead past a summary box, a caption and a byline panel', () => {
    const x = extract('standfirst-far-before-body.html');
    expect(x.text).toContain('Viele Pendler im oberen Tal standen am Montag vergeblich an der Haltestelle.');
    expect(x.text.indexOf('Viele Pendler')).toBeLessThan(x.text.indexOf('Schon um sechs Uhr früh'));
    expect(x.text).toContain('bis dahin soll der Notfahrplan gelten');
    expect(x.text).not.toContain('Tom Berger');
  });

  it('keeps an unnamed standfirst under the story\'s <main> when there is no <article>', () => {
    const x = extract('standfirst-in-main-and-camel.html');
    expect(x.text.startsWith('For forty years the lamp on the point was tended by hand.')).toBe(true);
    expect(x.text).toContain('and that the tower would not last a winter without somebody living at its foot.');
    expect(x.text).not.toContain('12 January 2026');
  });

  it('reads a lead named in a CSS-module class ("Article_elementLead__N3p")', () => {
    const x = extract('standfirst-camel-lead.html');
    expect(x.text.startsWith('Lawinen, Eis und gesperrte Brücken:')).toBe(true);
    expect(x.text).toContain('Die Versicherungen prüfen solche Fälle genau, warnt die Bergrettung.');
    expect(x.text).not.toContain('Von Lea Amrein');
  });
});

describe('standfirst names (round 8)', () => {
  it('reads a preamble as the standfirst, also without a closing full stop', () => {
    const x = extract('standfirst-subtitle-preamble.html');
    expect(x.text.startsWith('Efter tre dygn i packisen nådde isbrytaren')).toBe(true);
    expect(x.text).toContain('strax före midnatt.');
    expect(x.text).not.toContain('Av Karin Lund');
  });

  it('reads a subtitle set as a paragraph, not one set as a heading', () => {
    const x = extract('subtitle-heading-in-header.html');
    expect(x.text.startsWith('Owners of small boats without modern instruments')).toBe(true);
    expect(x.text).not.toContain('satellite navigation has made the old lights unnecessary');
    expect(x.text).toContain('electronic equipment fails most often exactly then.');
  });
});

describe('labels of ad and message slots repeated between paragraphs (round 8)', () => {
  it('drops a short line that stands three or more times between the story\'s paragraphs', () => {
    const x = extract('repeated-slot-labels.html');
    expect(x.text).not.toContain('Article continues after this message');
    expect(x.text).not.toContain('sponsored space');
    expect(x.text).not.toContain('Rather not see these? Hide them');
    expect(x.text).toContain('ending a dispute that had kept the larger fishing boats tied up');
    expect(x.text).toContain('kept up to date for visiting boats.');
    // A line that stands once stays.
    expect(x.text).toContain('Check the tide table twice a day');
  });
});

describe('captions set as plain paragraphs (round 8)', () => {
  it('drops a paragraph that ends with a picture credit, before and inside the body', () => {
    const x = extract('caption-by-credit.html');
    expect(x.text.startsWith('Nach zwei Wochen mit Ausfällen und Ersatzbussen')).toBe(true);
    expect(x.text).not.toContain('Bild: Jonas Meier');
    expect(x.text).not.toContain('Foto: Lena Brandt');
    expect(x.text).toContain('durch den Stau.');
    // A credit in a <br> line of a paragraph belongs to that paragraph's text.
    expect(x.text).toContain('Foto: Archiv');
  });
});

describe('notes after the story (round 8)', () => {
  it('ends the text at an "About the author" box', () => {
    const x = extract('author-box-after-story.html');
    expect(x.text).toContain('and will repeat it each autumn before the weather turns.');
    expect(x.text).not.toContain('ABOUT THE AUTHOR');
    expect(x.text).not.toContain('reports on shipping, harbours and coastal towns');
  });

  it('drops the paywall\'s "rest of the article" notice and a newsletter form\'s fine print', () => {
    const x = extract('paywall-remainder-newsletter-print.html');
    expect(x.text).toContain('changer les câbles qui guident les bacs');
    expect(x.text).not.toContain('Il vous reste 61.5%');
    expect(x.text).not.toContain('Vous pouvez vous désinscrire');
  });
});
