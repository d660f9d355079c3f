/**
 * Expected text dropped inside the container, round 15 (ext15c; tests/fixtures/extract/kinds15c/,
 * written for these tests in the markup shape of trafilatura's dev-split pages where the kind was
 * found, not their text). The first, third and fourth tests fail on main before the round (the linked
 * sentence and the outside link line fell to the link-density rule, the closing commands to the
 * tail trim); the second
 * guards what the first rule must leave out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds15c');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k15c');

describe('linked sentences inside the story (round 15c)', () => {
  it('keeps a sentence of the story whose names are mostly links, between prose paragraphs', () => {
    const x = extract('linked-sentence-in-prose.html');
    expect(x.text).toContain('Wrzos zastąpił Annę Kos, która po sześciu latach przeszła do Kolei Pomorskich');
    expect(x.text).toContain('odpowiada za kontakty z dziennikarzami');
    expect(x.text).toContain('studiów podyplomowych z zarządzania marką w Gdańsku.');
    expect(x.text).not.toContain('Pięć zmian w prawie pracy');
  });

  it('still drops a labelled link to another story between the paragraphs ("Le puede interesar: …")', () => {
    const x = extract('related-line-in-prose.html');
    expect(x.text).not.toContain('Le puede interesar');
    expect(x.text).not.toContain('El aeropuerto estrena');
    expect(x.text).toContain('dos cruceros de gran tamaño');
    expect(x.text).toContain('presentará su propuesta antes de que terminen las obras en el puerto.');
  });
});

describe('link-only lines leaving the site (round 15c)', () => {
  it('keeps a link-only line to another host between the paragraphs, drops one to a story of the site', () => {
    const x = extractArticle(fs.readFileSync(path.join(dir, 'outside-link-line.html'), 'utf8'), 'https://skate.example/news/contest-baggersee');
    expect(x.text).toContain('Hier geht’s zur Veranstaltung im Netzwerk');
    expect(x.text).not.toContain('Neue Rampe in der Nachbarstadt');
    expect(x.text).toContain('Bei Regen wird der Contest um eine Woche verschoben');
  });
});

describe('code after the story (round 15c)', () => {
  it('keeps short <pre> commands and their labels that close the story', () => {
    const x = extract('commands-after-story.html');
    expect(x.text).toContain('sudo iw dev wlan0 set power_save off');
    expect(x.text).toContain('Sparmodus wieder einschalten:');
    expect(x.text).toContain('sudo iw dev wlan0 set power_save on');
    expect(x.text).not.toContain('DNS-Server wechseln');
  });
});
