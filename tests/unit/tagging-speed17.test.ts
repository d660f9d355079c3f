/**
 * Round 17 (tagspeed17): every entry of a compiled lexicon has the same fields in the same order
 * (lexicon.ts `uniformEntry`), so the hot paths that read `entries[i].kind`, `.party`, `.weight`...
 * see one object shape instead of dozens; and the copy keeps every value the entry was built with.
 * Whole-tagger identity over every labeled set is bench/tagging-same.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic } from '../../src/tagging/index.js';
import { compileLexicon, extendLexicon, type LexEntry } from '../../src/tagging/lexicon.js';

describe('lexicon entries of one shape (lexicon.ts)', () => {
  it('gives every entry of the compiled topic the same keys in the same order', () => {
    const entries = loadTopic('armenia-azerbaijan-talks').lexicon.entries;
    const shapes = new Set(entries.map((e) => Object.keys(e).join(',')));
    expect(entries.length).toBeGreaterThan(1000);
    expect([...shapes]).toHaveLength(1);
  });

  it('keeps every value and reads absent fields as undefined, for compiled and added entries', () => {
    const capital: LexEntry = { kind: 'places', name: 'Baku', party: 'Azerbaijan', standIn: true, implies: ['Absheron'] };
    const term: LexEntry = { kind: 'term', name: 'peace treaty', weight: 2, anchor: true, venue: 'Washington', venueCountry: 'United States' };
    const lex = compileLexicon([
      { entry: capital, forms: ['baku'] },
      { entry: term, forms: ['peace treaty'] },
    ]);
    const state: LexEntry = { kind: 'countries', name: 'Chad', isCountry: true, gazetteer: true };
    extendLexicon(lex, [{ entry: state, forms: [{ form: 'chad', endings: [] }] }]);
    const [a, b, c] = lex.entries;
    expect(a).toEqual(capital);
    expect(b).toEqual(term);
    expect(c).toEqual(state);
    expect(a!.weight).toBeUndefined();
    expect(b!.party).toBeUndefined();
    expect(Object.keys(a!)).toEqual(Object.keys(c!));
    // The topic's own objects are copied, not changed.
    expect(Object.keys(capital)).toEqual(['kind', 'name', 'party', 'standIn', 'implies']);
  });
});
