/**
 * How the evaluation compares a found signal with an `expect` value (round 8). The labeled sets
 * spell one name two ways, across sets and within them: with and without diacritics ("Serdar
 * Kılıç" / "Serdar Kilic", "Aleksandar Vučić" / "Vucic", "Iğdır" / "Igdir", "Erdoğan" /
 * "Erdogan") and as two usual English spellings of one name (the aliases below, each counted in
 * docs/tagging.md rounds 6-8). Compared exactly, one spelling always counts as a false and a
 * missed signal. `nameKey` folds both sides: diacritics dropped (NFKD, marks removed; ı → i),
 * lower case, and an alias replaced by its first spelling. The exact comparison is still
 * printed (`exact` columns of `npm run eval:tagging`).
 */
const ALIASES: [string, string][] = [
  ['aghdam', 'agdam'],
  ['aykhan hajizada', 'ayhan hajizade'],
  ['sergey lavrov', 'sergei lavrov'],
  ['alexey overchuk', 'alexei overchuk'],
  ['ashaghi askipara', 'ashagi askipara'],
  // Round 20 (tagsig20): the delimitation village written with and without the h (real coverage has both)
  ['gizilhajili', 'ghizilhajili'],
];
const ALIAS = new Map<string, string>();
for (const [a, b] of ALIASES) ALIAS.set(b, a);

/** The comparison key of a canonical name: "Serdar Kılıç" and "Serdar Kilic" give "serdar kilic". */
export function nameKey(name: string): string {
  const k = name.replace(/ı/g, 'i').replace(/İ/g, 'I').normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return ALIAS.get(k) ?? k;
}

/** Set comparison under `nameKey`: found names whose key is expected (tp/fp) and expected names whose key was not found (fn). */
export function compareNames(expected: Iterable<string>, found: Iterable<string>): { tp: string[]; fp: string[]; fn: string[] } {
  const exp = new Map([...expected].map((x) => [nameKey(x), x] as const));
  const got = new Map([...found].map((x) => [nameKey(x), x] as const));
  const tp: string[] = [];
  const fp: string[] = [];
  const fn: string[] = [];
  for (const [k, x] of got) (exp.has(k) ? tp : fp).push(x);
  for (const [k, x] of exp) if (!got.has(k)) fn.push(x);
  return { tp, fp, fn };
}
