/**
 * Round 13 (tagspeed13): the hot-path shortcuts must give what the plain steps give. Each case is
 * a shape the shortcut has to handle: longer forms skipped by their second word (match.ts
 * `StartPlan`), rubric labels matched in place in the body (section.ts), dialogue turns skipped
 * without a dash or colon (dialogue.ts), function words looked up by their folded form
 * (language.ts). Whole-tagger identity over every labeled set is bench/tagging-same.ts.
 */
import { describe, expect, it } from 'vitest';
import { dialogueTurns } from '../../src/tagging/dialogue.js';
import { detectLanguageOfWords } from '../../src/tagging/language.js';
import { compileLexicon, type LexEntry } from '../../src/tagging/lexicon.js';
import { findMatches } from '../../src/tagging/match.js';
import { rubricLabels } from '../../src/tagging/section.js';
import { tokenize } from '../../src/tagging/tokenize.js';
import { functionWordFlags, ROLE_WORD } from '../../src/tagging/word-flags.js';
import { isRoleWord } from '../../src/tagging/names.js';

describe('longer forms and the next word (findMatches)', () => {
  // "the" starts four longer forms; the single-word form "the*" is not one of them.
  const lex = compileLexicon([
    { entry: { kind: 'term', name: 'sides', weight: 1 } as LexEntry, forms: ['the two sides', 'the sides'] },
    { entry: { kind: 'places', name: 'The Hague' } as LexEntry, forms: ['the hague'] },
    { entry: { kind: 'term', name: 'format', weight: 1 } as LexEntry, forms: ['the same format'] },
    { entry: { kind: 'term', name: 'theme', weight: 1 } as LexEntry, forms: ['the*'] },
    { entry: { kind: 'places', name: 'Tavush' } as LexEntry, forms: ['tavush*', 'the tav*'] },
  ]);
  const names = (title: string, body: string): string[] => {
    const tok = tokenize(lex, title, body);
    return findMatches(tok).map((m) => `${lex.entries[m.entries[0]!]!.name}:${tok.original.slice(m.start, m.end).join(' ')}`);
  };

  it('matches a longer form whose second word is the next word, and the stem form otherwise', () => {
    expect(names('', 'The two sides met in The Hague. Then the others left, the same format.')).toEqual([
      'sides:The two sides',
      'The Hague:The Hague',
      'theme:Then',
      'theme:the',
      'format:the same format',
    ]);
  });

  it('tries every longer form when one of them has a stem as second word', () => {
    // "the tav*" (a stem) cannot be ruled out by a plain second word: "the tavushians" still matches it.
    expect(names('', 'Residents of the Tavushians protested; the sides spoke.')).toEqual(['Tavush:the Tavushians', 'sides:the sides']);
  });

  it('does not match a longer form across a sentence end or past the last word', () => {
    expect(names('', 'It was the. Two sides. And the')).toEqual(['theme:the', 'theme:the']);
  });
});

describe('rubric labels matched in place (section.ts)', () => {
  it('counts labels after leading white space of any kind and with CRLF line ends', () => {
    const text = 'Sport: the derby.\r\n\u00a0Diplomacy. Talks resume.\n  \tWeather: 34 degrees\nMr. Smith said so.\n\nСпорт. Итоги недели\nlowercase: no\n\u2003Économie — hausse';
    expect(rubricLabels(text)).toBe(5);
  });

  it('finds no label in empty, blank or label-less text', () => {
    expect(rubricLabels('')).toBe(0);
    expect(rubricLabels('\n\n \r\n')).toBe(0);
    expect(rubricLabels('The talks resumed in Abu Dhabi')).toBe(0);
    // a label followed by nothing on its line is no label, even when the next line has text
    expect(rubricLabels('Sport:\nresults follow')).toBe(0);
  });
});

describe('dialogue turns (dialogue.ts)', () => {
  it('counts dash turns and alternating labels, and 0 without a dash or a colon', () => {
    expect(dialogueTurns('— Has the text been initialled?\n— Yes, in Washington.\n— And the constitution?')).toBe(3);
    expect(dialogueTurns('Q: Is the treaty ready?\nA: It is initialled.\nQ: When is it signed?')).toBe(3);
    expect(dialogueTurns('The ministers met. They agreed on the text.\nThe next round is in May.')).toBe(0);
  });
});

describe('function words and role words from the word cache (word-flags.ts)', () => {
  const detect = (text: string): [string | null, string | null] => {
    const words = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
    return [detectLanguageOfWords(words), detectLanguageOfWords(words, words.map((w) => functionWordFlags(w)))];
  };

  it('gives the same language with and without the words\' flags, whatever the case of the words', () => {
    for (const text of [
      'THE TALKS AND THE TREATY WERE DISCUSSED BY THE MINISTERS, WHICH SAID THAT IT WAS FOR PEACE',
      'Die Gespräche und der Vertrag sind nicht mit den Ministern auf dem Tisch, die auch für den Frieden sind',
      'Les négociations et la paix sont dans une phase pour que les ministres aient été sur la bonne voie',
      'Sülh danışıqları və müqavilə ilə bağlı bu gün Bakıda görüş olub',
      'İLE VE BİR İÇİN OLARAK OLAN BU DA DE İSE ANCAK GİBİ DAHA ÇOK GÖRE ARASINDA',
      'È Già Più Così: Il Di Che La Le Per Del Della Dei Degli',
    ]) {
      const [plain, folded] = detect(text);
      expect(folded).toBe(plain);
      expect(plain).not.toBeNull();
    }
  });

  it('hands out the flags of each word through the tokenizer, as the word is written', () => {
    const lex = compileLexicon([{ entry: { kind: 'places', name: 'Baku' } as LexEntry, forms: ['baku'] }]);
    const text = 'Foreign Minister Jeyhun Bayramov said THE talks in Baku və Bakı with the minister';
    const tok = tokenize(lex, '', text);
    // twice: the second pass reads the cache
    for (const t of [tok, tokenize(lex, '', text)]) {
      expect(t.flags).toEqual(t.original.map((w) => functionWordFlags(w) | (isRoleWord(w) ? ROLE_WORD : 0)));
      expect(t.original.filter((_, i) => (t.flags[i]! & ROLE_WORD) !== 0)).toEqual(['Minister', 'minister']);
    }
  });
});
