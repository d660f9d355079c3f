/**
 * Growing the chosen container by parts of the article that sit beside it: the standfirst set
 * apart just before the body, and on recipe pages the card with ingredients and servings.
 * Called by `selectBlocks` (score.ts) once the container is chosen.
 */
import { walkElements } from './dom.js';
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';

// Class/id tokens of a standfirst (the lead paragraph set apart from the body): "intro", "lead",
// "article__intro", "teaser-text", "artikel-teaser" (the story's own teaser, not a teaser card), "entry-excerpt", "story-lead", "dek";
// the same in it/es/pt/fr/de: "sommario", "sumario", "entradilla", "bajada", "resumo", "chapo", "vorspann".
const LEAD_NAME = /(?:^|[_-])(intro|lead|lede|standfirst|excerpt|teaser-?text|(?:article|artikel|story|news)-+teaser|dek|deck|abstract|chapeau|chapo|perex|summary|sommario|sumario|entradilla|bajada|resumo|vorspann|preface|strapline|desc|preamble|ingress)(?:$|[_-])/i;
// The same words ending a camelCase or PascalCase token ("Article_elementLead", "articleIntro",
// CSS-module names): case-sensitive, a lower-case letter before the capital.
const LEAD_CAMEL = /[a-z](Lead|Lede|Intro|Standfirst|Excerpt|Teaser|Summary|Preface|Strapline|Preamble)(?:$|[_-])/;

function hasLeadName(el: DomElement, re: RegExp = LEAD_NAME, camel: RegExp | null = LEAD_CAMEL): boolean {
  const a = el.attribs;
  if (!a || (a.class === undefined && a.id === undefined)) return false;
  return `${a.class ?? ''} ${a.id ?? ''}`.split(/\s+/).some((t) => re.test(t) || (camel !== null && camel.test(t)));
}

// A subtitle ("article-subtitle", "heroSubtitle") is a standfirst when set as prose (`<p>`,
// `<div>`); as a heading (`<h2 class="subtitle">`) it is a sub-headline, which the Zyte truth and
// Readability leave out.
const SUBTITLE_NAME = /(?:^|[_-])sub-?title(?:$|[_-])/i;
const SUBTITLE_CAMEL = /[a-z]Subtitle(?:$|[_-])/;
const hasSubtitleName = (el: DomElement) => hasLeadName(el, SUBTITLE_NAME, SUBTITLE_CAMEL);

/** Blocks (alive or in the article's own header) looked at before the first body block. */
const STANDFIRST_WINDOW = 6;
/**
 * A block named as the standfirst may sit further up, past a summary box, captions and a byline
 * panel (news sites with AI summaries and picture credits between lead and body): up to this many
 * blocks before the body, only such named blocks are looked at.
 */
const LEAD_REACH = 24;
/** An unnamed standfirst inside the story's <article> is prose of at least this many characters ending a sentence. */
const STANDFIRST_PROSE = 80;
/**
 * On a page without `<article>` or `<main>` around the container (old markup, `div.story >
 * div.lead + div.body`), an unnamed lead is taken only when it is the whole of the container's
 * previous element sibling and runs to this many characters ending a sentence (round 19,
 * ext19a: a first paragraph set apart as `<div><strong>…</strong></div>` or `span.lede`).
 */
const NO_SCOPE_PROSE = 150;

/**
 * True when `b`'s group (`n` blocks ending at `b`) is all the text of `container`'s previous
 * element sibling, and that sibling holds no picture. A table cell beside the story's cell is a
 * column of the layout (a news or link column of an old table page), never its lead: a lead set
 * apart in such a table sits in a row above, inside the container's own row or cell.
 */
function leadSibling(container: DomElement, b: Block, n: number, blocks: Block[]): boolean {
  const parent = container.parent;
  if (!parent || container.name === 'td' || container.name === 'th') return false;
  const kids = parent.children;
  let prev: DomElement | null = null;
  for (let k = kids.indexOf(container) - 1; k >= 0; k--) {
    const c = kids[k];
    if (c.type === 'tag') {
      prev = c as DomElement;
      break;
    }
    if (c.type === 'text' && (c as unknown as { data: string }).data.trim()) return false;
  }
  if (!prev || !b.path.includes(prev)) return false;
  const d = b.path.indexOf(prev);
  let count = 0;
  for (const x of blocks) if (x.path[d] === prev) count++;
  if (count !== n) return false;
  let img = false;
  walkElements(prev, (e) => {
    if (e.name === 'img' || e.name === 'figure' || e.name === 'picture') img = true;
    return !img;
  });
  return !img;
}

/** A dateline or byline run into one line ("Le Monde | 04.05.2015 à 13h36 | Par ...", "By ... Updated ..."): not a standfirst. */
const BYLINE_LIKE = /\s[|•·]\s|^(by|par|por|von|от)\s/i;

const HEADING = /^h[1-6]$/;

/** A line that is a date or time stamp with a few words around it ("Updated 12 May 2023 14:05"): not a deck. */
const DATE_ONLY = /^.{0,40}\b(19|20)\d\d\b.{0,30}$|^(last )?(updated|modified|published|posted)\b/i;

const SENTENCE_END = /[.!?。！？…"'”’»«“)\]։؟۔।]$/;

/**
 * The standfirst before the container: prose blocks (40+ characters, few links) just before the
 * first body block, under an ancestor the container shares within four levels, either in an
 * element named as a lead, or (80+ characters ending a sentence) inside the same `<article>` as
 * the container (a teaser paragraph set apart from the body without a name: `div.ce-news--teaser`,
 * an unnamed `<div>` before the body). Readers and the benchmarks count it as article text.
 * Blocks dropped as boilerplate in between (share buttons, a date list) and short link lines
 * (share buttons under an unknown name) do not count against the window of `STANDFIRST_WINDOW`
 * blocks.
 */
export function standfirst(blocks: Block[], alive: boolean[], container: DomElement, firstInside: number): Block[] {
  // The container itself counts: when the story's <article> is the container, its own <header>
  // (with the standfirst) is inside it, and the body's parent may be <body>.
  const near = new Set<DomElement>([container]);
  let p: DomElement | null = container.parent;
  for (let i = 0; p && p.type === 'tag' && p.name !== 'body' && p.name !== 'html' && i < 4; i++, p = p.parent) near.add(p);
  // The story's own scope for an unnamed standfirst: its <article>, else its <main> (sites that
  // set the story in hashed-class <div>s under <main>, the standfirst in a sibling <div>).
  let article: DomElement | null = null;
  let main: DomElement | null = null;
  for (let q: DomElement | null = container; q && q.type === 'tag'; q = q.parent) {
    if (q.name === 'article' || q.attribs.role === 'article') {
      article = q;
      break;
    }
    if (!main && (q.name === 'main' || q.attribs.role === 'main')) main = q;
  }
  article ??= main;
  // The page's headline just before the body: what lies between it and the body is the story's
  // head (kicker, date, standfirst) wherever the layout puts it, also in a page-wide header or
  // hero band that shares no close ancestor with the body.
  let head = -1;
  for (let i = firstInside - 1; i >= 0 && i >= firstInside - LEAD_REACH; i--) {
    if (blocks[i].tag === 'h1') {
      head = i;
      break;
    }
  }
  // The story's own <header> element holding that headline: a deck set there as a paragraph
  // (`header > h1 + p`) is the story's head whatever its name.
  let headBand: DomElement | null = null;
  if (head >= 0) for (const el of blocks[head].path) if (el.name === 'header') headBand = el;
  const out: Block[] = [];
  for (let i = firstInside - 1, seen = 0; i >= 0 && i >= firstInside - LEAD_REACH; i--) {
    const b = blocks[i];
    const far = seen >= STANDFIRST_WINDOW;
    // The article's own <header> holds the standfirst on many sites ("entry-header > entry-excerpt").
    if (!alive[i] && !b.negs.every((el) => el.name === 'header' && b.marks.furniture.has(el))) continue;
    // Short link lines (unnamed share buttons, tag links) are controls, not text: they do not
    // use up the window either.
    if (b.len < 40 && b.linkLen / b.len >= 0.5) continue;
    // A teaser card's excerpt (excerpts.ts) before the story, even one named as a summary
    // (`div.news-item-summary`): the cards of other stories begin there, no standfirst.
    if (b.excerpt) break;
    seen++;
    // A standfirst set in short lines cut by <br> (blocks sharing one owner) is weighed as the
    // one paragraph it is: its lines' lengths and links summed, the last line ending it.
    let j = i;
    let len = b.len;
    let links = b.linkLen;
    while (j > 0 && blocks[j - 1].path === b.path && alive[j - 1] === alive[i]) {
      j--;
      len += blocks[j].len;
      links += blocks[j].linkLen;
    }
    const group = blocks.slice(j, i + 1);
    i = j;
    if (len < 40 || links / len >= 0.3 || b.caption) continue;
    // Far from the body in the tree (a lead in a page-wide header or hero band), only a block
    // named as the lead between the page's headline and the body is taken: unnamed prose there
    // cost the Zyte truth, which leaves CNBC's, CTV's and Al Jazeera's decks out (F1 0.981 ->
    // 0.979 when it was taken too). trafilatura's set counts both as article text.
    const close = b.path.some((el) => near.has(el));
    if (!close && !(head >= 0 && j > head)) break;
    // Inside the container (its own <header>), a heading is a sub-headline, not a standfirst:
    // the Zyte truth leaves WSJ's `h2.sub-head` out, as Readability does.
    const named = b.path.some((el) => hasLeadName(el)) || (!HEADING.test(b.tag) && b.path.some(hasSubtitleName));
    if (HEADING.test(b.tag) && b.path.includes(container) && !named) continue;
    if (named) out.unshift(...group);
    else if (headBand && b.tag === 'p' && b.path.includes(headBand) && !BYLINE_LIKE.test(group.map((g) => g.text).join(' ')) && !DATE_ONLY.test(b.text)) out.unshift(...group);
    else if (!far && len >= STANDFIRST_PROSE && SENTENCE_END.test(b.text) && !BYLINE_LIKE.test(group.map((g) => g.text).join(' ')) &&
      close && (article ? b.path.includes(article) : len >= NO_SCOPE_PROSE && !HEADING.test(b.tag) && leadSibling(container, b, group.length, blocks))) out.unshift(...group);
  }
  return out;
}

// Parts of a recipe that sit beside the method: ingredient lists, servings, yield, intro.
const RECIPE_PART = /(?:^|[_-])(ingredients?|zutaten|servings?|portions?|recipe-?(yield|servings|meta|intro|summary|header|notes|details|ingredients?|instructions?|steps?))(?:$|[_-])/i;

function isRecipePart(el: DomElement): boolean {
  const a = el.attribs;
  if (!a || a.class === undefined) return false;
  return a.class.split(/\s+/).some((t) => RECIPE_PART.test(t));
}

/**
 * Recipe pages: the method wins the scoring, the ingredient list and servings sit in a sibling
 * column. The container grows to the nearest ancestor holding both (never <body>/<html>).
 */
export function widenForRecipe(blocks: Block[], alive: boolean[], container: DomElement): DomElement {
  let out = container;
  // Blocks share path arrays (and paths share elements): each element is tested once.
  const verdict = new Map<DomElement, boolean>();
  const isPart = (el: DomElement): boolean => {
    let v = verdict.get(el);
    if (v === undefined) verdict.set(el, (v = isRecipePart(el)));
    return v;
  };
  let lastPath: DomElement[] | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!alive[i] || b.path === lastPath) continue;
    lastPath = b.path;
    if (b.path.includes(out)) continue;
    const part = b.path.find(isPart);
    if (!part) continue;
    const anc = new Set<DomElement>();
    for (let p: DomElement | null = out; p; p = p.parent) anc.add(p);
    let lca: DomElement | null = part;
    while (lca && !anc.has(lca)) lca = lca.parent;
    if (!lca || lca.type !== 'tag' || lca.name === 'body' || lca.name === 'html') continue;
    // At most three levels above the method: a recipe card, not the page.
    let depth = 0;
    for (let p: DomElement | null = out; p && p !== lca; p = p.parent) depth++;
    if (depth <= 3) out = lca;
  }
  return out;
}
