/**
 * Round 18 (sig18b): the canonical English spelling of a person found by title (names.ts,
 * names-cyrillic.ts) whom the topic's lexicon does not know, from the spelling of the article's
 * language. The labeled sets and users write such persons in their common English form
 * ("Bakhtiyar Mammadov"), while the article writes them in its own alphabet ("Bəxtiyar Məmmədov").
 * Only letters with one general correspondence are mapped; a foreign name re-spelled by ear
 * ("Metyu Miller" for Matthew Miller, "Doçerti" for Docherty) is only brought nearer: that needs a
 * table of known persons, the lexicon's job. Never applied to the topic's known actors.
 */

/**
 * Azerbaijani Latin letters (alphabet of 1991/1992) to the English spelling of Azerbaijani names:
 * the letters read as in the BGN/PCGN romanisation of Azerbaijani Cyrillic (1993), with its ä
 * written a as the English-language press and the Azerbaijani foreign ministry write it
 * (Məmmədov → Mammadov, Cəfərov → Jafarov, Xəyal → Khayal, Qasımov → Gasimov, Şahin → Shahin,
 * Bağırov → Baghirov). Upper-case forms are derived.
 */
const AZ: Record<string, string> = { ə: 'a', x: 'kh', ç: 'ch', ş: 'sh', ğ: 'gh', ı: 'i', ö: 'o', ü: 'u', c: 'j', q: 'g', i̇: 'i' };

function mapLetters(word: string, table: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    // Turkish-style capital İ and dotless ı: lower-case by hand (toLowerCase('İ') gives "i̇").
    const lower = c === 'İ' ? 'i' : c === 'I' ? 'ı' : c.toLowerCase();
    const to = table[lower];
    if (to === undefined) out += c === 'I' ? 'I' : c;
    else out += c !== lower ? to.charAt(0).toUpperCase() + to.slice(1) : to;
  }
  return out;
}

/** Surname endings of Slavic and Turkic names in Polish or German spelling ("Mamedow", "Amirbajewa"). */
const SLAVIC_SURNAME = /(ow|ew|owa|ewa)$/u;
const VOWEL = /[aeiouyäöü]/u;

/**
 * A Russian-style surname (-ow, -ew, -owa, -ewa) as Polish or German spells it, back to the
 * English (BGN/PCGN-like) form: w → v, j next to a vowel → y, German ss between vowels → s,
 * sch → sh, tsch → ch, dsch → dzh, Polish sz → sh, cz → ch, ż → zh, dż → dzh, and ch → kh in both ("Amirbajew" → Amirbayev,
 * "Gassymow" → Gasymov, "Mamedow" → Mamedov). Rules: the German press (Duden) transcription and
 * the Polish transcription of Russian (PWN "Zasady transkrypcji" of Cyrillic), read backwards;
 * applied only to a word with such an ending, so that German and Polish names ("Nowicki",
 * "Wagner") are left as written.
 */
function slavicSurname(word: string, german: boolean): string {
  if (!SLAVIC_SURNAME.test(word)) return word;
  let w = word;
  // One pass, longest first, so that a ch made from tsch is not read again as kh.
  const digraphs = german ? /dsch|tsch|sch|ch/giu : /dż|sz|cz|ch|ż/giu;
  const DI: Record<string, string> = { dsch: 'dzh', tsch: 'ch', sch: 'sh', dż: 'dzh', sz: 'sh', cz: 'ch', ch: 'kh', ż: 'zh' };
  w = w.replace(digraphs, (m) => {
    const to = DI[m.toLowerCase()]!;
    return m.charAt(0) === m.charAt(0).toLowerCase() ? to : to.charAt(0).toUpperCase() + to.slice(1);
  });
  if (german) w = w.replace(/([aeiouy])ss(?=[aeiouy])/gu, '$1s');
  w = w.replace(/w/gu, 'v').replace(/W/gu, 'V');
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const nextToVowel = VOWEL.test(w[i - 1] ?? '') || VOWEL.test(w[i + 1] ?? '');
    out += c === 'j' && nextToVowel ? 'y' : c === 'J' && nextToVowel ? 'Y' : c;
  }
  return out;
}

/**
 * The canonical English spelling of a found person's name, from the article's language:
 * az — Azerbaijani Latin letters (above); de, pl — Slavic/Turkic surnames in their
 * transcription (above); other languages, and Cyrillic names (romanised in names-cyrillic.ts),
 * unchanged. Turkish is left as written: a Turkish person keeps the Turkish spelling in English
 * (Cevdet Yılmaz), and there is no general rule for foreign names spelled by ear.
 * @param name the name as written, words separated by single spaces
 * @param language the article's ISO 639-1 code, or null
 * @returns the name to report; pure
 */
export function canonicalFoundName(name: string, language: string | null): string {
  if (language === 'az') return name.split(' ').map((w) => mapLetters(w, AZ)).join(' ');
  if (language === 'de' || language === 'pl') return name.split(' ').map((w) => slavicSurname(w, language === 'de')).join(' ');
  return name;
}
