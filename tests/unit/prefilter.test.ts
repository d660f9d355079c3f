import { describe, expect, it } from 'vitest';
import { prefilterItem } from '../../src/prefilter/index.js';
import { loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');

describe('prefilterItem', () => {
  it('fetches items that name a party or the process, in any of the story languages', () => {
    const keep = [
      { title: 'Pashinyan and Aliyev meet in Abu Dhabi', summary: null },
      { title: 'Armenia reopens border crossing', summary: 'The checkpoint near Margara will handle freight from next month.' },
      { title: 'Переговоры Баку и Еревана продолжатся', summary: null },
      { title: 'Laçın yolu ilə bağlı yeni qərar', summary: 'Azərbaycan hökuməti bəyanat yayıb.' },
    ];
    for (const it of keep) expect(prefilterItem(it, [topic]).fetch, it.title).toBe(true);
  });
  it('skips items that name neither, and never skips an item with nothing to judge', () => {
    expect(prefilterItem({ title: 'Heatwave closes schools in Spain', summary: 'Temperatures above 40 degrees are forecast for the week.' }, [topic])).toEqual({ fetch: false, why: 'no-mention' });
    expect(prefilterItem({ title: 'Quarterly results beat forecasts', summary: 'The carmaker raised its outlook for the year.' }, [topic]).fetch).toBe(false);
    expect(prefilterItem({ title: '  ', summary: null }, [topic])).toEqual({ fetch: true, why: 'no-text' });
  });
});
