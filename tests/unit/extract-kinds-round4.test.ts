/**
 * Fault kinds of issue 13, round 4 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape that made real pages of trafilatura's dev split and other extractors'
 * test suites come out from the wrong block or cut short, not their text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classNameLevel, linkShare } from '../../src/extract/blocks.js';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const extract = (name: string) => extractArticle(read(name), 'https://station.example/blog/morning-show');

describe("WordPress post_class taxonomy terms", () => {
  it('a term holding a boilerplate word does not make the post boilerplate', () => {
    expect(classNameLevel('post-4410 post type-post status-publish category-no-newsletter-feed tag-social-baking entry')).toBe(0);
    expect(classNameLevel('type-post post-17 tag-comments')).toBe(0);
  });

  it("a theme's own class on the post still counts, and outside a post class terms still count", () => {
    expect(classNameLevel('post-4410 post type-post status-publish related-post')).toBe(2);
    expect(classNameLevel('category-no-newsletter-feed')).toBe(2);
  });

  it('the post is the text, not the share-by-mail template after it', () => {
    const x = extract('wp-taxonomy-terms.html');
    expect(x.text).toContain('A tray of apple cake is the quickest way I know');
    expect(x.text).toContain('6 medium eggs\n250 g soft butter');
    expect(x.text).toContain('leave the cake to cool on the tray before you cut it into squares.');
    expect(x.text).not.toContain('someone would like to share the post');
    expect(x.text).not.toContain('Copyright Oven Days');
  });
});

describe('a post that ends in headings that are sentences', () => {
  it('keeps the closing headings that follow its text in the same element', () => {
    const x = extract('sentence-headings.html');
    expect(x.text).toContain('The poster contest for children takes place for the sixth time this year.');
    expect(x.text).toContain('Draw a poster under the motto: keep our lakes clean!');
    expect(x.text).toContain('people of the city and their visitors.');
  });

  it('drops a rating question and a reply heading after the body', () => {
    const x = extract('sentence-headings.html');
    expect(x.text).not.toContain('how you would rate it');
    expect(x.text).not.toContain('Leave a reply');
    expect(x.text).not.toContain('Older post');
  });
});

describe('a results table without a sentence', () => {
  it('the table is the text, not only the heading above it', () => {
    const x = extract('results-table.html');
    expect(x.text).toContain('Youth championships at the harbour stadium');
    expect(x.text).toContain('Ada Brook\nHarbour AC\n12.41');
    expect(x.text).toContain('shot put girls under 16');
    expect(x.text).toContain('Nora Pike\nLakeside Athletics\n13.30');
    expect(x.text).not.toContain('North Track Club\nHarbour AC');
    expect(x.text).not.toContain('run by volunteers');
  });
});

describe('a heading that opens a related-links or notes section after the story', () => {
  it('ends the text there', () => {
    const x = extract('related-section-heading.html');
    expect(x.text).toContain('Am Montag hat die Stadt die beiden neuen Radwege');
    expect(x.text).toContain('Die Ausschreibung dafür läuft bereits, der Baubeginn ist für März geplant.');
    expect(x.text).not.toContain('Das könnte Sie auch interessieren');
    expect(x.text).not.toContain('Der Wochenmarkt zieht um');
    expect(x.text).not.toContain('Pressestelle der Stadt');
  });

  it('a "read also" line inside the story does not cut the paragraphs after it', () => {
    const x = extract('related-section-heading.html');
    expect(x.text).toContain('Anwohner hatten sich vor allem über die Baustellenampel');
    expect(x.text).toContain('Im Frühjahr soll ein dritter Abschnitt bis zum Stadtpark folgen.');
  });

  it('a sentence that starts like such a heading ("Mehr dazu im Frühjahr.") does not cut the text', () => {
    const x = extract('related-section-heading.html');
    expect(x.text).toContain('Mehr dazu im Frühjahr.\n\nIm Frühjahr soll ein dritter Abschnitt');
  });
});

describe('calls to follow, copyright notices and photo credits', () => {
  it('are dropped in several languages; the story stays', () => {
    const x = extract('follow-and-notice-lines.html');
    expect(x.text).toContain('El servicio de tren entre el puerto y las playas del norte');
    expect(x.text).toContain('seguirán siendo válidos hasta el final de este año.');
    expect(x.text).not.toContain('Síguenos');
    expect(x.text).not.toContain('canal de WhatsApp');
    expect(x.text).not.toContain('Follow the Port Daily');
    expect(x.text).not.toContain('Todos los derechos reservados');
    expect(x.text).not.toContain('Archivo del puerto');
    expect(x.text).not.toContain('Advertisement');
    expect(x.text).not.toContain('enlaces de afiliados');
  });
});

describe('a standfirst without a name before the body', () => {
  it('is kept when it is prose inside the same <article>, past dropped share buttons', () => {
    const x = extract('unnamed-standfirst.html');
    expect(x.text.startsWith('In einer kleinen Stadt in der Lausitz wird eine neue Idee ausprobiert')).toBe(true);
    expect(x.text).toContain('Der Leiter des örtlichen Bauhofs rechnet vor');
    expect(x.text).toContain('soll ein Test in zwei Schulen über den kommenden Winter zeigen.');
    expect(x.text).not.toContain('Twittern');
    expect(x.text).not.toContain('Von Anna Beispiel');
    expect(x.text).not.toContain('Newsletter');
  });
});

describe('links to places in the page itself (annotations, footnotes)', () => {
  it('count 0.3 of their text as link text, as in Readability', () => {
    expect(linkShare('#note-1', 'https://verse.example/songs/harbour-song')).toBe(0.3);
    expect(linkShare('/songs/harbour-song#note-3', 'https://verse.example/songs/harbour-song')).toBe(0.3);
    expect(linkShare('/songs/salt-wind#top', 'https://verse.example/songs/harbour-song')).toBe(1);
    expect(linkShare('#', 'https://verse.example/songs/harbour-song')).toBe(1);
    expect(linkShare('/songs/salt-wind', 'https://verse.example/songs/harbour-song')).toBe(1);
  });

  it('annotated lyrics set as links are the text', () => {
    const x = extractArticle(read('in-page-links.html'), 'https://verse.example/songs/harbour-song');
    expect(x.text).toContain('We walked the lantern road before the morning came\nThe river kept on singing');
    expect(x.text).toContain('Carry me home, carry me home\nDown by the water where the willows grow');
    expect(x.text).not.toContain('The lighthouse keeper and the long night');
  });
});

describe('placeholders of embeds waiting for consent', () => {
  it('are dropped; the story around them stays', () => {
    const x = extract('embed-consent-placeholder.html');
    expect(x.text).toContain('Ein junges Unternehmen aus Köln verkauft seit dem Frühjahr Turnschuhe');
    expect(x.text).toContain('Die Gründerinnen haben anfangs jede Bestellung selbst verpackt');
    expect(x.text).toContain('vollständig kompostierbar sein soll.');
    expect(x.text).not.toContain('Empfohlener redaktioneller Inhalt');
    expect(x.text).not.toContain('ohne dein Einverständnis');
    expect(x.text).not.toContain('externe Inhalte angezeigt');
  });
});

describe('headings and teasers of the story itself', () => {
  it('an <h1> set as a section heading inside the body is kept; the headline is not', () => {
    const x = extract('section-h1-and-teaser.html');
    expect(x.text).toContain('Gewonnen hat keiner.\n\nKünstlerischer Lebenslauf\n\nAuftritte in kleinen Kellertheatern');
    expect(x.text).not.toContain('Zwei Satiriker, ein Blog');
  });

  it("the story's own teaser (artikel-teaser) before the body is its standfirst", () => {
    const x = extract('section-h1-and-teaser.html');
    expect(x.text.startsWith('Seit zwölf Jahren schreiben wir zu zweit')).toBe(true);
  });
});

describe("a press release's contact section", () => {
  it('ends the text', () => {
    const x = extract('press-contact.html');
    expect(x.text).toContain('Der Landesjugendverband hat auf seiner Frühjahrsversammlung');
    expect(x.text).toContain('eine Diskussionsrunde mit Vertreterinnen des Handels ist für den Juni geplant.');
    expect(x.text).not.toContain('Pressekontakt');
    expect(x.text).not.toContain('Referat Öffentlichkeitsarbeit');
  });
});

describe('live coverage named as comments', () => {
  it('a match ticker (live-match-comments) is the text, not a reader comment in the sidebar', () => {
    expect(classNameLevel('live-match-comments clearfix')).toBe(0);
    expect(classNameLevel('livefyre-comments')).toBe(2);
    const x = extract('live-match-comments.html');
    expect(x.text).toContain("C'est terminé au stade du Port !");
    expect(x.text).toContain('Le coup de pied de coin ne donne rien.');
    expect(x.text).toContain('se cherchent en ce début de match');
    expect(x.text).not.toContain("l'entraîneur aurait dû changer");
  });
});

describe('a layout table around a short story (old markup)', () => {
  it('the cell holding the story is the text, not the table with its column of notices', () => {
    const x = extract('layout-table-short-story.html');
    expect(x.text).toContain('Our spring regatta will be held on the last Saturday of April');
    expect(x.text).toContain('the prize tankards.');
    expect(x.text).not.toContain('Lockers must be emptied');
    expect(x.text).not.toContain('founded 1921');
  });
});

describe('old markup: bylines, dates and update notes in table cells', () => {
  it('a byline and a date set in the story cell before <p> paragraphs are dropped', () => {
    const x = extract('old-markup-byline-cells.html');
    expect(x.text.startsWith('The town council voted five to two on Tuesday night')).toBe(true);
    expect(x.text).toContain('Construction is expected to begin next spring.');
    expect(x.text).not.toContain('By Staff Writer');
    expect(x.text).not.toContain('March 3, 1999');
    expect(x.text).not.toContain('webmaster');
  });

  it('paragraphs cut by <br><br> are the text; a closing "Last updated" line is not', () => {
    const x = extract('old-markup-br-paragraphs.html');
    expect(x.text).toContain('We set off from the harbour just after eight');
    expect(x.text).toContain('make up for it.');
    expect(x.text).not.toContain('Last updated');
    expect(x.text).not.toContain('Guestbook');
    expect(x.text).not.toContain('visited 1234 times');
  });
});

describe('text only in component props (data-react-props)', () => {
  it("takes the prose of the object titled as the page, not another component's teaser", () => {
    const x = extract('text-in-react-props.html');
    expect(x.warnings).toContain('text-from-props');
    expect(x.text).toContain('Whatever its size and style, a round table gives a room a softer look');
    expect(x.text).toContain('Measure the diameter of the table top');
    expect(x.text).toContain('Fold the fabric into quarters');
    expect(x.text).not.toContain('blackboard');
    expect(x.text).not.toContain('Sign in to save');
  });
});
