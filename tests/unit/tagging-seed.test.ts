import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';

const shared = resolve(process.cwd(), '../shared');
const seed = resolve(shared, 'corpus/seed');
const hasShared = existsSync(resolve(seed, 'site/expected.json'));
if (!hasShared) console.log(`tagging-seed: skipped, the shared corpus is absent (${seed})`);

interface Expected {
  relevant: boolean;
  signals?: Partial<Record<'countries' | 'actors' | 'places' | 'mediators', string[]>>;
}

describe.skipIf(!hasShared)('seed articles (../shared/corpus/seed/site/expected.json)', () => {
  const topic = loadTopic('armenia-azerbaijan-talks');
  const expected = hasShared ? (JSON.parse(readFileSync(resolve(seed, 'site/expected.json'), 'utf8')) as Record<string, Expected>) : {};
  const page = (name: string, charset = 'utf8') => {
    const bytes = readFileSync(resolve(seed, 'site/articles', name));
    const html = charset === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, charset);
    return extractArticle(html, `https://example.org/${name}`);
  };
  const checkSignals = (got: Record<string, string[]>, exp: Expected) => {
    for (const [kind, names] of Object.entries(exp.signals ?? {})) expect(new Set(got[kind]), kind).toEqual(new Set(names));
  };

  it('washington-talks (seed-article.txt): relevant, with the expected signals', () => {
    const exp = expected['articles/washington-talks.html']!;
    const text = readFileSync(resolve(seed, 'seed-article.txt'), 'utf8');
    const title = 'Azerbaijan, Armenia make progress in US-hosted talks despite flare-up';
    const r = tagArticle({ title, text }, topic);
    expect(r.relevant).toBe(exp.relevant);
    expect(r.language).toBe('en');
    checkSignals(r.signals as unknown as Record<string, string[]>, exp);
  });

  it('washington-talks.html through extractArticle: relevant', () => {
    const a = page('washington-talks.html');
    const r = tagArticle(a, topic);
    expect(r.relevant).toBe(true);
    checkSignals(r.signals as unknown as Record<string, string[]>, expected['articles/washington-talks.html']!);
  });

  it('moskva-vstrecha.html (windows-1251, Russian): relevant, Lavrov as mediator', () => {
    const exp = expected['articles/moskva-vstrecha.html']!;
    const a = page('moskva-vstrecha.html', 'windows-1251');
    const r = tagArticle({ title: a.title, text: a.text }, topic);
    expect(r.language).toBe('ru');
    expect(r.relevant).toBe(exp.relevant);
    checkSignals(r.signals as unknown as Record<string, string[]>, exp);
  });

  it.each(['qarabag-title.html', 'turkey-armenia-envoys.html'])('%s: not relevant', (name) => {
    const a = page(name);
    const r = tagArticle(a, topic);
    expect(r.relevant).toBe(expected[`articles/${name}`]!.relevant);
    expect(r.relevant).toBe(false);
  });
});
