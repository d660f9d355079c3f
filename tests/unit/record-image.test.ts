/**
 * The record's optional `image` field (issue 13; schema version stays 1, the field is optional):
 * the page's lead image, else the feed item's image enclosure, only absolute http(s) URLs, and
 * records with or without it validate against schema/record.v1.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadImage } from '../../src/normalize/record.js';
import { pageToRecord } from '../../src/pipeline/page.js';
import type { FeedItem } from '../../src/types.js';
import { recordSchemaErrors } from '../helpers/schema.js';

const html = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/extract/kinds/json-ld-several-articles.html'));
const url = 'https://gazette.example/local/footbridge-reopens';

describe('record.image', () => {
  it('comes from the page (JSON-LD image of the page article) and validates', () => {
    const r = pageToRecord({ body: html, contentType: 'text/html', url, finalUrl: url, fetchedAt: new Date('2026-12-01T10:00:00Z') }, []);
    expect(r.image).toBe('https://gazette.example/img/bridge.jpg');
    expect(recordSchemaErrors(r)).toEqual([]);
  });

  it('is null for a page without images, and a record without the field (written before it existed) still validates', () => {
    const body = Buffer.from('<html><head><title>Footbridge reopens</title></head><body><p>The mayor opened the new footbridge on Saturday morning, two years after the flood.</p></body></html>');
    const r = pageToRecord({ body, contentType: 'text/html', url, finalUrl: url, fetchedAt: new Date('2026-12-01T10:00:00Z') }, []);
    expect(r.image).toBeNull();
    expect(recordSchemaErrors(r)).toEqual([]);
    const { image: _, ...old } = r;
    expect(recordSchemaErrors(old)).toEqual([]);
    expect(recordSchemaErrors({ ...r, image: 'javascript:alert(1)' })).not.toEqual([]);
  });

  it('falls back to the feed item image enclosure; refuses what is not http(s)', () => {
    const item = { enclosures: [{ url: 'https://cdn.example/a.mp3', type: 'audio/mpeg' }, { url: 'https://cdn.example/b.jpg', type: 'image/jpeg' }] } as unknown as FeedItem;
    expect(leadImage(null, item)).toBe('https://cdn.example/b.jpg');
    expect(leadImage('data:image/png;base64,AAAA', item)).toBe('https://cdn.example/b.jpg');
    expect(leadImage('ftp://x.example/c.jpg', null)).toBeNull();
  });
});
