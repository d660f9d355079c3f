/**
 * Boilerplate kept in the container, round 15 (ext15b; tests/fixtures/extract/kinds15b/, written
 * for these tests: they keep the markup shape of trafilatura's dev-split pages where the kind was
 * found, not their text). Every test fails on main as it was before the round (each kind's line
 * was kept); the kept-text assertions guard what the rules must leave alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds15b');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k15b');

describe('boxes named by class (round 15b)', () => {
  it('drops an author box named in BEM element form (box-Author_InfoContainer) inside the story', () => {
    const x = extract('author-info-bem.html');
    expect(x.text).toContain('drei große Batteriespeicher');
    expect(x.text).toContain('entscheidet die Versammlung im Frühjahr.');
    expect(x.text).not.toContain('Redakteurin für Energiewirtschaft');
  });

  it('drops a footer named by id whose class is only a grid cell (div#footer.column)', () => {
    const x = extract('footer-id-grid-column.html');
    expect(x.text).toContain('Cádiz liegt fast vollständig');
    expect(x.text).toContain('zum beliebtesten Treffpunkt der Stadt wird.');
    expect(x.text).not.toContain('Wussten Sie schon');
  });

  it('drops an affiliate disclosure box named by class before the body', () => {
    const x = extract('disclosure-box.html');
    expect(x.text).toContain('The basic account is built for people');
    expect(x.text).toContain('funds do not have to be transferred.');
    expect(x.text).not.toContain('We may be paid');
  });
});

describe('lines that are page metadata or an ad slot (round 15b)', () => {
  it('drops "Aktualisiert am <date>" lines, keeps a sentence about an update and the publication line', () => {
    const x = extract('update-lines.html');
    expect(x.text).not.toContain('Aktualisiert am 17.01.2021');
    expect(x.text).not.toContain('Aktualisiert: 11.04.2020');
    expect(x.text).toContain('Aktualisiert wurde das Modell am 3. Mai 2019, nachdem erste Daten vorlagen.');
    expect(x.text).toContain('Veröffentlicht am 16.08.2019');
    expect(x.text).toContain('Fachaufsatz in einer Zeitschrift für Kernphysik');
  });

  it('drops an ad slot opened by "ANZEIGE -" between the paragraphs', () => {
    const x = extract('ad-label-lead.html');
    expect(x.text).not.toContain('ANZEIGE');
    expect(x.text).toContain('als ihr Kapitän einen Freistoß direkt verwandelte.');
    expect(x.text).toContain('Die Gäste glichen kurz vor der Pause aus');
  });

  it('drops PHP error messages printed into the page (Warning/Deprecated/Strict Standards … on line N)', () => {
    const x = extract('php-error-lines.html');
    expect(x.text).not.toContain('on line');
    expect(x.text).not.toContain('Creating default object');
    expect(x.text).toContain('Málaga ist mehr als der Flughafen');
    expect(x.text).toContain('bis weit auf das Meer hinaus sieht.');
  });

  it('drops relative-time lines and Q&A stamps ("Asked 6 years, 3 months ago", "answered Mar 3, 2019 at 16:40")', () => {
    const x = extract('relative-time-stamps.html');
    expect(x.text).not.toContain('months ago');
    expect(x.text).not.toContain('asked Mar 3');
    expect(x.text).not.toContain('answered Mar 3');
    expect(x.text).toContain('Why does German keep the present tense here?');
    expect(x.text).toContain('is perfectly normal.');
  });

  it('ends the text at a paywall prompt ("Pour lire la suite") and drops its account lines', () => {
    const x = extract('paywall-prompt-fr.html');
    expect(x.text).toContain('on grave depuis des siècles');
    expect(x.text).toContain('et personne n’a noté où ils se trouvaient.');
    expect(x.text).not.toContain('Pour lire la suite');
    expect(x.text).not.toContain('accéder gratuitement');
    expect(x.text).not.toContain('offre découverte');
  });

  it('ends the text at a "Zur Person" box after the story, as at "Zum Autor"', () => {
    const x = extract('person-box-after-story.html');
    expect(x.text).toContain('Wer im Trab hart im Sattel aufkommt');
    expect(x.text).toContain('berichten Trainer aus der Praxis.');
    expect(x.text).not.toContain('Zur Person');
    expect(x.text).not.toContain('Das Buch zum Thema');
  });
});

