/**
 * The fault kinds of issue 13, one fixture each (tests/fixtures/extract/kinds/, written for
 * these tests: they keep the markup shape that made real pages fail, not their text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classNameLevel } from '../../src/extract/blocks.js';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const URL_ = 'https://gazette.example/local/footbridge-reopens';
const extract = (name: string) => extractArticle(read(name), URL_);

const P1 = 'The mayor of the river town opened the new footbridge on Saturday morning';
const P2 = 'Engineers said the deck rests on four concrete piers';
const P3 = 'Shop owners on both banks hope the crossing will bring back';

function expectFootbridge(text: string): void {
  for (const p of [P1, P2, P3]) expect(text).toContain(p);
}

describe('pages without <body>', () => {
  it('a fragment (no <html>, no <body>) gives its paragraphs', () => {
    const x = extract('no-body-fragment.html');
    expectFootbridge(x.text);
    expect(x.text).not.toContain('Sport');
  });

  it('old markup whose text htmlparser2 leaves under <head> gives its paragraphs', () => {
    const x = extract('no-body-old-markup.html');
    expectFootbridge(x.text);
    expect(x.authors).toEqual(['Tomas Reed']);
  });
});

describe('class-name hints match tokens, not substrings', () => {
  it.each([
    ['elementor-widget-container', 0],
    ['non-paywall', 0],
    ['steady-paywall-container', 0],
    ['NavzzU', 0],
    ['widget', 1],
    ['widget-area', 1],
    ['site-footer', 1],
    ['navBar', 1],
    ['paywall-notice', 1],
    ['share-bar', 2],
    ['article__share', 2],
    ['comment-list', 2],
    ['author-box', 2],
  ])('%s -> level %i', (cls, level) => {
    expect(classNameLevel(cls as string)).toBe(level);
  });

  it("Blogger's div.widget.Blog keeps its short post; the sidebar widgets go", () => {
    const x = extract('blogger-widget.html');
    expect(x.text).toContain('We walked to the mill pond after lunch.');
    expect(x.text).toContain('Nobody else was there');
    expect(x.text).not.toContain('I keep bees');
    expect(x.text).not.toContain('2019 (12)');
  });

  it("Elementor's elementor-widget-container paragraphs are the article", () => {
    const x = extract('elementor-widgets.html');
    expectFootbridge(x.text);
    expect(x.text).not.toContain('12 Quay Street');
  });

  it('"non-paywall" is not a paywall; the paywall notice is dropped', () => {
    const x = extract('non-paywall.html');
    expectFootbridge(x.text);
    expect(x.text).not.toContain('Subscribe today');
  });
});

describe('visibility and structure', () => {
  it('a Next.js streaming container <div hidden id="S:0"> holding the article is read', () => {
    const x = extract('nextjs-hidden.html');
    expectFootbridge(x.text);
    expect(x.text).not.toContain('Loading');
    expect(x.text).not.toContain('Sign in');
  });

  it('an article inside an unclosed <header> is found', () => {
    const x = extract('unclosed-header.html');
    expectFootbridge(x.text);
    expect(x.text).not.toContain('River Gazette');
  });
});

describe('the right block', () => {
  it('a short post wins over reader comments, rating, share-by-mail form, author bio, sidebar and footer', () => {
    const x = extract('short-post-with-comments.html');
    expect(x.text).toContain('The pond froze overnight.');
    expect(x.text).toContain('„Can we skate?“');
    expect(x.text).toContain('„Not yet.“');
    for (const leak of ['What a lovely picture', 'Please be careful', 'Rate this post', 'Share this post by mail', 'retired teacher', 'Ida writes about', 'belong to Ida']) {
      expect(x.text).not.toContain(leak);
    }
  });

  it('weather, sponsor, election, promo and author-bio boxes inside the article are dropped', () => {
    const x = extract('in-article-boxes.html');
    expectFootbridge(x.text);
    for (const leak of ['Weather in the valley', 'Valley Savings Bank', 'council election', 'Also read', 'covers the river towns']) {
      expect(x.text).not.toContain(leak);
    }
    // An author bio caught by the byline search is a sentence, not a name.
    expect(x.authors).toEqual([]);
  });

  it('a recipe keeps its intro, servings and ingredients with the method', () => {
    const x = extract('recipe.html');
    expect(x.text).toContain('My grandmother baked this cake');
    expect(x.text).toContain('Serves 12');
    expect(x.text).toContain('250 g flour');
    expect(x.text).toContain('1 kg plums');
    expect(x.text).toContain('Rub the butter into the flour');
    expect(x.text).not.toContain('Cherry pie');
  });
});

describe('text carried as data when the visible page has none', () => {
  it.each([
    ['text-in-json-ld.html', 'text-from-json-ld'],
    ['text-in-next-data.html', 'text-from-next-data'],
    ['text-in-noscript.html', 'text-from-noscript'],
  ])('%s', (file, warning) => {
    const x = extract(file);
    expectFootbridge(x.text);
    expect(x.paragraphs?.length).toBe(3);
    expect(x.warnings).toContain(warning);
    expect(x.text).not.toContain('enable JavaScript');
  });

  it('a page with a visible article does not take the data copy', () => {
    const x = extract('elementor-widgets.html');
    expect(x.warnings.some((w) => w.startsWith('text-from-'))).toBe(false);
  });
});

describe('soft hyphens', () => {
  it('U+00AD is removed from text and title', () => {
    const x = extract('soft-hyphens.html');
    expect(x.text).not.toContain('\u00ad');
    expect(x.text).toContain('Fußgängerbrücke');
    expect(x.text).toContain('Berührung');
    expect(x.title).toBe('Brücke');
  });
});

describe('JSON-LD metadata', () => {
  it('with several Article objects, the one whose mainEntityOfPage is the page; author and publisher resolved by @id', () => {
    const x = extract('json-ld-several-articles.html');
    expect(x.title).toBe('Footbridge reopens');
    expect(x.publishedAt).toBe('2023-06-29T07:30:00.000Z');
    expect(x.authors).toEqual(['Tomas Reed']);
    expect(x.byline).toBe('Tomas Reed');
    expect(x.siteName).toBe('River Gazette');
    expect(x.leadImageUrl).toBe('https://gazette.example/img/bridge.jpg');
  });

  it('the same page fetched under another URL and no canonical match falls back to the first Article', () => {
    const html = read('json-ld-several-articles.html').replace(/<link rel="canonical"[^>]*>/, '').replace('"mainEntityOfPage":{"@id":"https://gazette.example/local/footbridge-reopens"},', '');
    const x = extractArticle(html, 'https://mirror.example/x');
    expect(x.title).toBe('Ferry fares rise in spring');
  });

  it('a byline with dates and "Updated" keeps only the name', () => {
    const x = extract('byline-with-dates.html');
    expect(x.authors).toEqual(['Staff Analyst']);
  });
});
