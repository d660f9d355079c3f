/**
 * htmlparser2's Tokenizer with its per-character loops over plain text replaced by skips.
 *
 * htmlparser2 10 runs one state-machine step (a `switch` over ~30 states, then the state's
 * method) for every character of the page, also inside text, attribute values, scripts and
 * comments, where it only waits for one or two characters ("<" or "&" in text; the quote or
 * "&" in an attribute value; "<" in `<script>`/`<style>`; "-" in a comment). On the Zyte pages
 * the tokenizer's loop was the largest single cost of extraction (~20% of its CPU profile).
 * Here those states jump straight to the next character that matters, so the state machine
 * runs once per markup event instead of once per character. Every state change, callback and
 * index is the same as the base Tokenizer's (the tree is identical: checked on the Zyte,
 * readability-pages and trafilatura pages, docs/extraction.md round 7); only the number of
 * loop turns changes.
 *
 * Used through htmlparser2's public `Tokenizer` parser option (parse.ts). The overridden methods
 * (`stateText`, `handleInAttributeValue`, `fastForwardTo`) and fields (`buffer`, `index`,
 * `offset`, `decodeEntities`) are htmlparser2 internals, stable across 8.x–10.x and not in its
 * typings; a major version bump must re-check them (tests/unit/extract-tokenizer.test.ts
 * compares trees with the base Tokenizer's).
 */
import { Tokenizer } from 'htmlparser2';

const LT = 0x3c; // <
const AMP = 0x26; // &

/** The base Tokenizer's internals used here. */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
}

const TokenizerBase = Tokenizer as unknown as new (...args: ConstructorParameters<typeof Tokenizer>) => TokenizerInternals;

/** The tokenizer passed as htmlparser2's `Tokenizer` option; see the module doc. */
export class SkippingTokenizer extends TokenizerBase {
  /**
   * In text, nothing happens until "<" (a tag) or "&" (an entity): move `index` to just before
   * the next one (the parse loop then steps onto it), or to the buffer's last character.
   */
  override stateText(c: number): void {
    if (c === LT || c === AMP || !this.decodeEntities) {
      super.stateText(c);
      return;
    }
    this.skipUntil(LT, AMP);
  }

  /** In a quoted attribute value, only the closing quote and "&" matter (see stateText). */
  override handleInAttributeValue(c: number, quote: number): void {
    if (c === quote || c === AMP || !this.decodeEntities) {
      super.handleInAttributeValue(c, quote);
      return;
    }
    this.skipUntil(quote, AMP);
  }

  /**
   * Moves `index` to just before the next `a` or `b` in the buffer (the parse loop then steps
   * onto it), or to the buffer's last character when neither comes.
   */
  private skipUntil(a: number, b: number): void {
    const buf = this.buffer;
    const n = buf.length;
    let i = this.index - this.offset + 1;
    while (i < n) {
      const ch = buf.charCodeAt(i);
      if (ch === a || ch === b) break;
      i++;
    }
    this.index = i - 1 + this.offset;
  }

  /** The base method, with `indexOf` instead of a JavaScript loop: same result, same `index`. */
  override fastForwardTo(c: number): boolean {
    const i = this.buffer.indexOf(CHARS[c] ?? String.fromCharCode(c), this.index - this.offset + 1);
    if (i >= 0) {
      this.index = i + this.offset;
      return true;
    }
    this.index = this.buffer.length + this.offset - 1;
    return false;
  }
}

/** One-character strings of the ASCII codes, for `indexOf`. */
const CHARS: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
