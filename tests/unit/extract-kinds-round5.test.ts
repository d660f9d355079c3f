/**
 * Fault kinds of issue 13, round 5 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape that made real pages of other extractors' test suites and trafilatura's
 * dev split lose text that Readability keeps, not their text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boilerplateLevel, classNameLevel } from '../../src/extract/blocks.js';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const extract = (name: string) => extractArticle(read(name), 'https://station.example/blog/morning-show');

describe('a sentence of the body that names a newsletter', () => {
  it('is text when it is a long sentence among the body paragraphs', () => {
    const x = extract('newsletter-in-sentence.html');
    expect(x.text).toContain('which suits a small newsletter like this one just fine');
    expect(x.text).toContain('The kernel folks shipped a release');
  });

  it('a sign-up box beside the body and a short newsletter line are still dropped', () => {
    const x = extract('newsletter-in-sentence.html');
    expect(x.text).not.toContain('Just a fortnightly newsletter');
    expect(x.text).not.toContain('Get the newsletter');
  });
});

describe("a gallery post's body", () => {
  it('`gallery-body` names the story text, not a gallery box', () => {
    expect(classNameLevel('gallery-body')).toBe(0);
    expect(classNameLevel('slideshow-text')).toBe(0);
    expect(classNameLevel('gallery-related')).toBe(2);
    expect(classNameLevel('gallery')).toBe(2);
  });

  it('the first paragraph in it opens the text', () => {
    const x = extract('gallery-post-body.html');
    expect(x.text.startsWith('A kitchen of six square metres can still hold a real cook')).toBe(true);
    expect(x.text).toContain('A folding step kept under the sink');
    expect(x.text).not.toContain('More rooms');
  });
});

describe('a standfirst set in short lines cut by <br>', () => {
  it('is kept before the body as one paragraph', () => {
    const x = extract('br-line-standfirst.html');
    expect(x.text.startsWith('Small libraries are often\ncalled a thing of the past,')).toBe(true);
    expect(x.text).toContain('on a rainy Tuesday?\n\nThe library in the old school house opens at two.');
    expect(x.text).not.toContain('Karl Berg');
    expect(x.text).not.toContain('villages');
  });
});

describe('share buttons under a name nobody knows between the standfirst and the body', () => {
  it('do not use up the standfirst window', () => {
    const x = extract('unnamed-share-standfirst.html');
    expect(x.text.startsWith('In der Nacht auf Samstag sind am Bahnhof zwei teure Räder verschwunden.')).toBe(true);
    expect(x.text).not.toContain("Auf Twitter teilen");
  });

  it("the Shariff plugin's class is a share bar", () => {
    expect(classNameLevel('shariff shariff-align-center')).toBe(2);
  });
});

describe('a digest whose item titles are linked headings', () => {
  it('keeps the titles between the items', () => {
    const x = extract('digest-linked-headings.html');
    expect(x.text).toContain('How undersea cables are repaired\n\nA ship, a grappling hook');
    expect(x.text).toContain('Why your cache made things slower\n\nA clear write-up');
    expect(x.text).toContain('A clock built to run for ten thousand years\n\nNot new');
  });

  it('drops the table of contents and the links to other roundups', () => {
    const x = extract('digest-linked-headings.html');
    expect(x.text).not.toContain('In this issue');
    expect(x.text).not.toContain('Link roundup 16');
    expect(x.text.match(/How undersea cables are repaired/g)).toHaveLength(1);
  });
});

describe('a post of <br> lines inside a wrapper with a boilerplate name', () => {
  it('weighs its lines as paragraphs: the whole post, not its last section', () => {
    const x = extract('blogger-br-lines.html');
    expect(x.text).toContain('A post about shell aliases\nlast week reminded me');
    expect(x.text).toContain('My first hook saved a backup\ncopy of every file before');
    expect(x.text).toContain('one for each moment around a command');
    expect(x.text).toContain('The rest of that story is for another post.');
    expect(x.text).not.toContain('I write software for a living');
    expect(x.text).not.toContain('Posted by Tom');
  });
});

describe('a related-links label inside the body', () => {
  it('is dropped with its links; the story after it stays', () => {
    const x = extract('related-label-in-body.html');
    expect(x.text).not.toContain('Lesen Sie auch');
    expect(x.text).not.toContain('Wann schneidet man Heide?');
    expect(x.text).toContain('halten oft bis in den April.\n\nDie Pflanze mag einen sonnigen Platz');
    expect(x.text).toContain('im nächsten Winter wieder reich blüht.');
  });
});

describe('pop-ups hidden by a utility class', () => {
  it('`hidden`, `d-none` name WEAK boilerplate; `hidden-xs` (hidden on phones only) names nothing', () => {
    expect(classNameLevel('hidden')).toBe(1);
    expect(classNameLevel('d-none')).toBe(1);
    expect(classNameLevel('hidden-xs')).toBe(0);
    expect(classNameLevel('hidden article-body')).toBe(0);
  });

  it('their text does not lift the whole page over the story', () => {
    const x = extract('hidden-class-popups.html');
    expect(x.text).toContain('My skin burns in ten minutes');
    expect(x.text).toContain('then it settles.');
    expect(x.text).not.toContain('Find your skin type');
    expect(x.text).not.toContain('Join the Skin Notes community');
  });
});

describe('calls to subscribe, log in or donate after the story', () => {
  it('are dropped in several languages; the story stays whole', () => {
    const x = extract('paywall-calls.html');
    expect(x.text).toContain('The harbour wall was built for tides that no longer come.');
    expect(x.text.endsWith('if the work is done before the autumn storms.')).toBe(true);
  });
});

describe('headings whose anchor id holds a WEAK word', () => {
  it('a heading is never a menu or sidebar by a WEAK name; a STRONG name still counts', () => {
    const h3 = (attribs: Record<string, string>) => ({ type: 'tag', name: 'h3', attribs, children: [], parent: null }) as unknown as Parameters<typeof boilerplateLevel>[0];
    expect(boilerplateLevel(h3({ class: 'subheading', id: 'nav_nur_die_folie__1' }))).toBe(0);
    expect(boilerplateLevel(h3({ class: 'related-title' }))).toBe(2);
  });

  it('the section headings stay in the text', () => {
    const x = extract('heading-anchor-ids.html');
    expect(x.text).toContain('Zerlegen statt einschmelzen\n\nZuerst werden die Module');
    expect(x.text).toContain('Nur die Folie bleibt zurück\n\nAm Ende liegen Kupfer');
    expect(x.text).not.toContain('Meistgelesen');
  });
});

describe('standfirsts named in other languages', () => {
  it('`sommario` (it) names the standfirst before the body', () => {
    const x = extract('foreign-lead-names.html');
    expect(x.text.startsWith('In una grande piazza di città un orologio digitale')).toBe(true);
    expect(x.text).toContain("L'orologio è stato acceso da un gruppo di artisti");
    expect(x.text).not.toContain('12 marzo 2021');
  });
});
