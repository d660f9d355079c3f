import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadTopic } from '../../src/tagging/index.js';
import { runTagStream } from '../../src/tagging/stream.js';

const talks = loadTopic('armenia-azerbaijan-talks');
const lunar = loadTopic('lunaria-solaria-talks', 'tests/fixtures/topics');

async function run(input: string, topics = [talks]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const counts = await runTagStream(Readable.from([input]), out, topics);
  out.end();
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { counts, lines };
}

describe('runTagStream (news-ingest tag)', () => {
  it('writes one line per input line; a bad line gives an error naming its line number', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Armenia and Azerbaijan hold peace talks', text: 'Ararat Mirzoyan and Jeyhun Bayramov held peace talks in Washington on the treaty.' }),
      '{"id": "b", "title": ',
      '',
      JSON.stringify({ id: 'c', title: 'Nvidia tops $4 trillion', text: 'Shares rose in New York.', language: 'en-US' }),
      JSON.stringify({ id: 'd', title: 'no text' }),
    ].join('\n');
    const { counts, lines } = await run(input);
    expect(counts).toEqual({ lines: 4, errors: 2 });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', relevant: true, language: 'en' });
    expect((lines[0]!.signals as { actors: string[] }).actors).toEqual(['Ararat Mirzoyan', 'Jeyhun Bayramov']);
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(String(lines[1]!.error)).toMatch(/invalid JSON/);
    expect(lines[2]).toMatchObject({ id: 'c', relevant: false, score: 0, language: 'en' });
    expect(lines[3]).toEqual({ line: 5, error: 'missing string field "text"' });
  });

  it('with several topics, the first fills the top level and all are listed', async () => {
    const { lines } = await run(JSON.stringify({ id: 1, title: 'Lunaria and Solaria open talks', text: 'Lunaria and Solaria held talks.' }), [talks, lunar]);
    expect(lines[0]).toMatchObject({ id: 1, relevant: false });
    const topics = lines[0]!.topics as { id: string; relevant: boolean }[];
    expect(topics.map((t) => [t.id, t.relevant])).toEqual([
      ['armenia-azerbaijan-talks', false],
      ['lunaria-solaria-talks', true],
    ]);
  });
});
