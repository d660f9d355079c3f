/**
 * A generated set of hostile pages (issue 11, "One page must not freeze the worker"), written
 * here, no third-party bytes: each is a string of HTML with the pathology named by its `kind`.
 * Sizes are the ones seen in production or named by the issue.
 */

/** One generated page. */
export interface HostilePage {
  kind: 'deep-nesting' | 'unclosed-tags' | 'huge-text-node' | 'many-siblings' | 'deep-inline';
  html: string;
}

const SENTENCE = 'The delegations met again at the border village to talk about the map of the crossing points. ';

/**
 * The hostile set.
 * @param scale 1 = full size (300,000 nested divs, a 50 MB text node, 100,000 siblings); smaller for quick runs
 */
export function hostilePages(scale = 1): HostilePage[] {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const head = '<!doctype html><html><head><title>Hostile page</title></head><body>';
  return [
    { kind: 'deep-nesting', html: `${head}${'<div>'.repeat(n(300_000))}<p>${SENTENCE}</p>${'</div>'.repeat(n(300_000))}</body></html>` },
    // Unclosed inline and block elements, never closed: the open-element stack grows with the page.
    { kind: 'unclosed-tags', html: `${head}${`<div class="x"><span><b>${SENTENCE}<i>`.repeat(n(100_000))}</body></html>` },
    { kind: 'huge-text-node', html: `${head}<p>${SENTENCE.repeat(Math.ceil((50 * 1024 * 1024 * scale) / SENTENCE.length))}</p></body></html>` },
    { kind: 'many-siblings', html: `${head}<div class="list">${`<div class="item"><a href="/a">link</a> ${SENTENCE}</div>`.repeat(n(100_000))}</div></body></html>` },
    { kind: 'deep-inline', html: `${head}<p>${'<span>'.repeat(n(200_000))}${SENTENCE}</p></body></html>` },
  ];
}
