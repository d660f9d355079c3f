import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendWholeLine, JsonlSink, readJsonlRecords } from '../../src/sinks/jsonl.js';
import { makeRecord } from '../helpers/sink-fixtures.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'jsonl-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('appendWholeLine', () => {
  it('cuts a torn last line before appending', async () => {
    const p = join(tmp(), 'a.jsonl');
    writeFileSync(p, '{"id":"a"}\n{"id":"b","te');
    expect(await appendWholeLine(p, '{"id":"c"}\n')).toBe(13);
    expect(readFileSync(p, 'utf8')).toBe('{"id":"a"}\n{"id":"c"}\n');
  });

  it('cuts a torn first line longer than its read chunk', async () => {
    const p = join(tmp(), 'a.jsonl');
    writeFileSync(p, `{"text":"${'x'.repeat(200_000)}`);
    expect(await appendWholeLine(p, '{"id":"c"}\n')).toBe(200_009);
    expect(readFileSync(p, 'utf8')).toBe('{"id":"c"}\n');
  });

  it('leaves a whole file alone and creates a missing one', async () => {
    const d = tmp();
    writeFileSync(join(d, 'a.jsonl'), '{"id":"a"}\n');
    expect(await appendWholeLine(join(d, 'a.jsonl'), '{"id":"b"}\n')).toBe(0);
    expect(readFileSync(join(d, 'a.jsonl'), 'utf8')).toBe('{"id":"a"}\n{"id":"b"}\n');
    expect(await appendWholeLine(join(d, 'new.jsonl'), '{"id":"z"}\n')).toBe(0);
    expect(readFileSync(join(d, 'new.jsonl'), 'utf8')).toBe('{"id":"z"}\n');
  });
});

describe('JsonlSink after a killed writer', () => {
  it('repairs the torn tail, keeps the whole records, and skips a re-run of a record it has', async () => {
    const p = join(tmp(), 'articles.jsonl');
    const r1 = makeRecord({ n: 1 });
    const r2 = makeRecord({ n: 2 });
    writeFileSync(p, `${JSON.stringify(r1)}\n${JSON.stringify(r2).slice(0, 100)}`);
    const sink = new JsonlSink(p, 'all');
    expect(await sink.write(r1)).toBe('unchanged'); // the re-run of a delivered record: skipped
    expect(await sink.write(r2)).toBe('written'); // the torn one, written again
    expect(sink.tornTailsRepaired).toBe(1);
    const lines = readFileSync(p, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([r1.id, r2.id]);
    await sink.close();
    expect(readJsonlRecords(p)).toEqual([r1, r2]);
  });

  it('appends records written at once together, each once, in order; a repeat within a group is unchanged', async () => {
    const p = join(tmp(), 'articles.jsonl');
    const sink = new JsonlSink(p, 'all');
    const records = Array.from({ length: 150 }, (_, n) => makeRecord({ n }));
    const outcomes = await Promise.all([...records.map((r) => sink.write(r)), sink.write(records[3])]);
    expect(outcomes.filter((o) => o === 'written')).toHaveLength(150);
    expect(outcomes[150]).toBe('unchanged');
    const ids = readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(records.map((r) => r.id));
    // a later write after the groups: appended as before
    const late = makeRecord({ n: 999 });
    expect(await sink.write(late)).toBe('written');
    await sink.close();
    expect(readJsonlRecords(p)).toEqual([...records, late]);
  });
});


describe('JsonlSink on a path that is no regular file', () => {
  // /dev/null stands for the kind: /dev/full and /dev/zero read without end (before round 12 the
  // sink's first read grew one string until an uncaught RangeError ended the worker), a FIFO blocks.
  it('fails the write naming the path and what it is, and the readers refuse it too', async () => {
    const p = join(tmp(), 'articles.jsonl');
    symlinkSync('/dev/null', p);
    const sink = new JsonlSink(p, 'all');
    await expect(sink.write(makeRecord({ n: 1 }))).rejects.toThrow(`JSONL file ${p} is a character device, not a regular file`);
    expect(() => readJsonlRecords(p)).toThrow('is a character device, not a regular file');
    await expect((async () => {
      for await (const page of sink.readAll()) void page;
    })()).rejects.toThrow('is a character device');
  });
});
