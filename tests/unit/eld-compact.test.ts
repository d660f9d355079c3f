/**
 * src/tagging/eld-compact.ts: the compact n-gram table must hold exactly the library's table,
 * and the detector over it must answer as `eld/extrasmall` does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eld } from 'eld/extrasmall';
import { loadCompactEld, loadFastEld, parseNgramTable } from '../../src/tagging/eld-compact.js';

const dir = (createRequire(import.meta.url).resolve.paths('eld') ?? []).map((p) => join(p, 'eld')).find((d) => existsSync(join(d, 'src', 'ngrams', 'extrasmall.js')))!;
const tableFile = join(dir, 'src', 'ngrams', 'extrasmall.js');

describe('eld compact table', () => {
  it('holds every n-gram of the library table with the same pairs, and nothing else', async () => {
    const lib = (await import(pathToFileURL(tableFile).href)) as { ngramsData: { type: string; languages: Record<number, string>; ngrams: Record<string, Record<number, number>> } };
    const t = parseNgramTable(readFileSync(tableFile, 'utf8'));
    expect(t.type).toBe(lib.ngramsData.type);
    expect(t.languages).toEqual(lib.ngramsData.languages);
    const keys = Object.keys(lib.ngramsData.ngrams);
    expect(t.index.size).toBe(keys.length);
    let mismatches = 0;
    for (const k of keys) {
      const i = t.index.get(k);
      if (i === undefined) {
        mismatches++;
        continue;
      }
      const mine: Record<number, number> = {};
      for (let j = t.offsets[i]!; j < t.offsets[i + 1]!; j++) mine[t.langs[j]!] = t.scores[j]!;
      if (JSON.stringify(mine) !== JSON.stringify(lib.ngramsData.ngrams[k])) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('refuses a table in another format', () => {
    expect(() => parseNgramTable('export const ngramsData = {type:"x"}')).toThrow(/expected format/);
    expect(() => parseNgramTable("export const ngramsData = {type:'XS',languages:{0:'en'},ngrams:{'ab':{0:1},'cd':[1]}};")).toThrow(/expected format/);
  });

  it('answers as eld/extrasmall on corpus texts in many languages', async () => {
    const compact = await loadCompactEld();
    // the tagging corpus' texts (../shared/corpus/tagging/dev.jsonl: many languages), first 300 characters and a 1,000-character window
    const corpus = join(import.meta.dirname, '../../../shared/corpus/tagging/dev.jsonl');
    const texts: string[] = [];
    if (existsSync(corpus)) {
      for (const line of readFileSync(corpus, 'utf8').split('\n').filter(Boolean)) {
        const { title, text } = JSON.parse(line) as { title?: string; text?: string };
        if (title) texts.push(title);
        if (text) texts.push(text.slice(0, 300), text.slice(200, 1200));
      }
    }
    // written here: short texts of the talks' languages and a few the cheap rules leave to the library
    texts.push(
      'Le trattative di pace tra Armenia e Azerbaigian sono riprese a Washington',
      'Rozmowy pokojowe między Armenią a Azerbejdżanem wznowiono w stolicy',
      'Negocierile de pace dintre Armenia și Azerbaidjan au fost reluate',
      'constructor __proto__ toString valueOf hasOwnProperty',
      '',
      '12345 67890',
    );
    let differ = 0;
    for (const s of texts) {
      const a = eld.detect(s) as unknown as { language: string; getScores(): Record<string, number> };
      const b = compact.detect(s) as unknown as { language: string; getScores(): Record<string, number> };
      if (a.language !== b.language || JSON.stringify(a.getScores()) !== JSON.stringify(b.getScores())) differ++;
    }
    expect(texts.length).toBeGreaterThan(existsSync(corpus) ? 150 : 5);
    expect(differ).toBe(0);
  });

  it('answers as eld/extrasmall when computed over the compact table directly (loadFastEld), on every labeled text', async () => {
    const fast = await loadFastEld();
    // every text of the labeled sets (14 languages): as the tagger asks (its first words joined,
    // about 200 characters), and longer windows that reach the library's 350/380-byte cuts
    const fixtures = join(import.meta.dirname, '../fixtures/tagging');
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).map((f) => join(fixtures, f));
    const corpus = join(import.meta.dirname, '../../../shared/corpus/tagging/dev.jsonl');
    if (existsSync(corpus)) files.push(corpus);
    const texts: string[] = [];
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const { title, text } = JSON.parse(line) as { title?: string; text?: string };
        if (typeof text !== 'string') continue;
        const words = `${title ?? ''} ${text}`.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
        texts.push(words.slice(0, 40).join(' ').slice(0, 260), text.slice(0, 300), text.slice(100, 1300));
      }
    }
    // written here: edge cases of the byte words (long words, 3-byte words, astral letters, apostrophes, no letters)
    texts.push('', '   ', '12345 67890', 'abc', 'ab', 'a', `${'x'.repeat(90)} words`, "don't l'accord d’Erevan", '𝒜𝒷𝒸 𐌰𐌱𐌲 text', 'Ադրբեջան Ἀθῆναι ქართული 日本語', 'constructor __proto__ toString valueOf',
      // round 13 (n-grams looked up by packed codes): words of 70, 71 and 75 bytes (the last n-gram
      // runs to the word's end), and letters whose UTF-8 lead byte the library writes as a space
      // (ǎ ǐ: C7; Cyrillic supplement ԁ: D4; Syriac ܐ: DC), alone and inside words
      `${'ab'.repeat(35)} ${'xyz'.repeat(23)}q ${'mnopq'.repeat(15)} end`, 'nǐ hǎo mǎ ǎǐǎǐ', 'ԁԃԅ ԁa aԁ', 'ܐܒܓ ܐ ܐܒܓܕܗܘ', 'zǎ aǐb ǐǐǐǐ ǎb');
    let differ = 0;
    const langs = new Set<string>();
    for (const s of texts) {
      const a = eld.detect(s).language;
      if (a !== fast.detect(s).language) differ++;
      langs.add(a);
    }
    expect(texts.length).toBeGreaterThan(6000);
    expect(langs.size).toBeGreaterThan(14);
    expect(differ).toBe(0);
  });
});
