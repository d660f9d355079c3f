/**
 * Owned (src/queue/owned.ts): what the worker opened is closed newest first, a failing close
 * does not stop the others, and a close that never settles (a sink's file operation hung in
 * the kernel) is left behind after the timeout instead of keeping a stopping worker alive.
 */
import { describe, expect, it } from 'vitest';
import { Owned } from '../../src/queue/owned.js';
import { captureLogger } from '../helpers/worker.js';

describe('Owned.closeAll', () => {
  it('closes newest first, goes on past a failing close and past one that never settles', async () => {
    const { log, lines } = captureLogger('info');
    const owned = new Owned(log, 50);
    const order: string[] = [];
    owned.add('sinks', null, () => {
      order.push('sinks');
    });
    owned.add('hung file', null, () => new Promise(() => {})); // never settles
    owned.add('broken', null, async () => {
      throw new Error('boom');
    });
    owned.add('queues', null, () => {
      order.push('queues');
    });
    await owned.closeAll();
    expect(order).toEqual(['queues', 'sinks']);
    expect(lines.filter((l) => String(l.event).startsWith('resource.')).map((l) => [l.event, l.resource, l.reason ?? null])).toEqual([
      ['resource.close-failed', 'broken', null],
      ['resource.close-timeout', 'hung file', 'timeout'],
    ]);
  });
});
