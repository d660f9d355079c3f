/**
 * Kinds left by earlier rounds, round 16 (ext16b; tests/fixtures/extract/kinds16b/, written for
 * these tests in the markup shape of the pages where the kind was found, not their text). The
 * first and third tests fail on main before the round (an accordion item's `<header>` was dropped
 * as page furniture with the heading in it; data lines whose items are mostly links fell to the
 * link-density rule); the second is a guard that passes on main too: teaser cards' headers and
 * an empty section's header after the story stay out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds16b');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k16b');

describe('headers of items inside the story (round 16b)', () => {
  it('keeps the heading in an accordion item\'s <header> with the item\'s text', () => {
    const x = extract('accordion-item-headers.html');
    for (const h of ['Points in favour of renting:', 'Points against renting:', 'Advantages of buying your own:', 'Drawbacks of buying your own:']) {
      expect(x.text).toContain(h);
    }
    expect(x.text).toContain('a broken chain costs nothing extra.');
    expect(x.text.indexOf('Points against renting:')).toBeLessThan(x.text.indexOf('Over three winters'));
    expect(x.text).toContain('dry the chain before you oil it.');
    expect(x.text).not.toContain('Privacy');
  });

  it('still drops a teaser card\'s header and an empty section\'s header after the story', () => {
    const x = extract('card-headers-guard.html');
    expect(x.text).toContain('The harbour ferry will run every twenty minutes');
    expect(x.text).toContain('new ones will cost four pounds more a month.');
    expect(x.text).not.toContain('Bridge repairs close the coast road');
    expect(x.text).not.toContain('New primary school');
    expect(x.text).not.toContain('Studio');
  });
});

describe('runs of data lines whose items are links (round 16b)', () => {
  it('keeps the linked lines of a run of "label: item, item" lines, drops a lone tag line', () => {
    const x = extract('linked-data-lines.html');
    expect(x.text).toContain('North district: Elmford, Kestrel Bay');
    expect(x.text).toContain('East district: Brackwater, Lowgate, Ferris');
    expect(x.text).toContain('South district: Pellham');
    expect(x.text).toContain('buses on the hill roads may run late.');
    expect(x.text).not.toContain('Tags:');
  });
});
