/**
 * Fault kinds of issue 13, round 12 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape of trafilatura's dev-split pages that kept captions, credits and other
 * boilerplate, not their text). Each test fails on main.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/03/k12');

describe('captions named by class, their own text (round 12)', () => {
  it('drops credit and caption paragraphs named `imagedescription`, `img-metadata`, `icaption_*`, keeping the story around them', () => {
    const x = extract('caption-class-own-text.html');
    expect(x.text).toContain('three years after the ferry stopped running.');
    expect(x.text).toContain('although the council had asked cyclists to dismount.');
    expect(x.text).toContain('before prices rose last spring.');
    expect(x.text).toContain('tested by the contractor.');
    expect(x.text).not.toContain('Anna Reed');
    expect(x.text).not.toContain('Mayor Tomas Berg');
    expect(x.text).not.toContain('Press Office');
  });
});

describe('breadcrumbs by their short name, "learn more" boxes in other languages (round 12)', () => {
  it('drops `div.entry-crumbs` and `div.savoir_plus_block`, keeping the story on both sides of the box', () => {
    const x = extract('crumbs-and-learn-more.html');
    expect(x.text).toContain('depuis la vallée en trois rotations.');
    expect(x.text).toContain("vérifiés par l'équipe du laboratoire.");
    expect(x.text).toContain("auprès de l'office de tourisme.");
    expect(x.text).not.toContain('Accueil');
    expect(x.text).not.toContain('Les partenaires du projet');
  });
});
