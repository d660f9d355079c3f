/**
 * Round 17 (tagspeed17b): collect's pre-pass reads one byte of kind bits per lexicon entry
 * (collect-kinds.ts) instead of the entry objects. The bits must say what the entries say, for
 * every entry of the real topic and for entries added to a lexicon after its bits were computed.
 * Whole-tagger identity over every labeled set is bench/tagging-same.ts.
 */
import { describe, expect, it } from 'vitest';
import { entryKinds, KIND_CAPTIVE, KIND_PLACE, KIND_PLAIN_PLACE, KIND_ROLE, KIND_ROLE_TERM, KIND_TERM, KIND_TRUCE } from '../../src/tagging/collect-kinds.js';
import { loadTopic } from '../../src/tagging/index.js';
import { compileLexicon, extendLexicon, type LexEntry } from '../../src/tagging/lexicon.js';

/** The kind questions collect asked of each entry before round 17, as booleans. */
function asked(e: LexEntry): boolean[] {
  const term = e.kind === 'term' && (e.weight ?? 0) > 0;
  return [e.kind === 'role', !!e.role, term, term && !!e.truce, e.kind === 'places' && !e.standIn && !e.building, e.kind === 'places', e.kind === 'captive'];
}

const BITS = [KIND_ROLE, KIND_ROLE_TERM, KIND_TERM, KIND_TRUCE, KIND_PLAIN_PLACE, KIND_PLACE, KIND_CAPTIVE];

describe('kind bits of lexicon entries (collect-kinds.ts)', () => {
  it('agree with every entry of the compiled topic, and each bit is set somewhere', () => {
    const entries = loadTopic('armenia-azerbaijan-talks').lexicon.entries;
    const kinds = entryKinds(entries);
    expect(kinds).toHaveLength(entries.length);
    const wrong = entries.filter((e, i) => BITS.some((b, j) => ((kinds[i]! & b) !== 0) !== asked(e)[j]));
    expect(wrong).toEqual([]);
    for (const b of BITS) expect(kinds.some((k) => (k & b) !== 0)).toBe(true);
  });

  it('are computed again for entries added after the first call', () => {
    const lex = compileLexicon([{ entry: { kind: 'term', name: 'ceasefire', weight: 2, truce: true }, forms: ['ceasefire'] }]);
    expect([...entryKinds(lex.entries)]).toEqual([KIND_TERM | KIND_TRUCE]);
    extendLexicon(lex, [
      { entry: { kind: 'places', name: 'Baku', party: 'Azerbaijan', standIn: true }, forms: [{ form: 'baku', endings: [] }] },
      { entry: { kind: 'places', name: 'Ganja' }, forms: [{ form: 'ganja', endings: [] }] },
      { entry: { kind: 'term', name: 'talks', weight: 0 }, forms: [{ form: 'talks', endings: [] }] },
    ]);
    expect([...entryKinds(lex.entries)]).toEqual([KIND_TERM | KIND_TRUCE, KIND_PLACE, KIND_PLACE | KIND_PLAIN_PLACE, 0]);
  });
});
