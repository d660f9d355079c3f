/**
 * Reading a response body: Content-Encoding decoding (gzip, deflate, br) while streaming,
 * with a byte cap counted on the decoded bytes, so a small compressed body that expands
 * to gigabytes (a "gzip bomb") is stopped at the cap and never held in memory.
 */
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { IngestError } from '../errors.js';

/** Thrown (internally) when the body is over the cap; fetch turns it into `too-large`. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

/** True when a body starts with the gzip magic bytes 1F 8B (RFC 1952 §2.3.1). */
export function isGzipMagic(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/**
 * The one place where a body gzip-compressed WITHOUT a Content-Encoding header is inflated:
 * servers that gzip files on disk and serve them as they are (rss-parser#280, node-feedparser's
 * compressed.xml), and feed files saved that way. Used by the fetch (worker and CLI alike,
 * before sniffing) and by `readFeed` (files given to `news-ingest feed`), so both see the same
 * bytes. A body that does not start with 1F 8B is returned as it is.
 * @param maxBytes cap on the inflated size, bytes
 * @throws TooLargeError when it inflates to more than `maxBytes`; IngestError `invalid-feed`
 *   never (the caller decides): zlib's error when the gzip data is corrupt
 */
export function inflateUntaggedGzip(body: Buffer, maxBytes: number): Buffer {
  if (!isGzipMagic(body)) return body;
  try {
    return zlib.gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new TooLargeError(maxBytes);
    throw err;
  }
}

/**
 * `deflate` should be zlib-wrapped (RFC 9110 §8.4.1.2) but some servers send raw DEFLATE;
 * decide on the first bytes (RFC 1950 header: CM = 8 and the 16-bit header divisible by 31).
 */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      const zlibWrapped = chunk.length >= 2 && (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
      const inner = zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
      inner.on('data', (d: Buffer) => {
        if (!this.push(d)) inner.pause();
      });
      inner.on('error', (e) => this.destroy(e));
      this.inner = inner;
    }
    if (this.inner.write(chunk)) cb();
    else this.inner.once('drain', () => cb());
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new AutoInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** The decoded body and whether it was cut at the cap (only with `truncate`). */
export interface ReadBody {
  body: Buffer;
  truncated: boolean;
}

/**
 * Reads and decodes a response body.
 * @param maxBytes cap on the decoded size, bytes
 * @param truncate keep the first `maxBytes` bytes instead of throwing
 * @throws TooLargeError over the cap (without `truncate`); IngestError `http-4xx` for an
 *   unknown Content-Encoding; stream and zlib errors as they come (the caller maps them)
 */
export async function readBody(res: IncomingMessage, url: string, maxBytes: number, truncate: boolean): Promise<ReadBody> {
  const encodings = String(res.headers['content-encoding'] ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'identity');
  // Encodings are listed in the order applied, so they are undone in reverse.
  const decoders: Transform[] = [];
  for (const e of encodings.reverse()) {
    const d = decoderFor(e);
    if (!d) {
      res.destroy();
      throw new IngestError('http-4xx', `unsupported Content-Encoding "${e}" from ${url}`, { httpStatus: res.statusCode });
    }
    decoders.push(d);
  }
  const declared = Number(res.headers['content-length']);
  if (!truncate && encodings.length === 0 && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new TooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  const STOP = Symbol('stop');
  // The reason the consumer stopped: with decoders in between, pipeline() may report an
  // AbortError from a torn-down stage instead of the consumer's own error.
  let stopped: unknown = null;
  const consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      if (total + chunk.length > maxBytes) {
        if (!truncate) throw (stopped = new TooLargeError(maxBytes));
        chunks.push(chunk.subarray(0, maxBytes - total));
        total = maxBytes;
        truncated = true;
        throw (stopped = STOP);
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  };
  try {
    // A body without Content-Encoding is read straight from the response: stream `pipeline`
    // makes an AbortController per call and aborts it at the end, building a DOMException (with
    // its stack) for every page (issue 17 round 20, cost20). The response's async iterator ends,
    // fails (premature close included) and destroys the response as the pipeline does.
    if (decoders.length === 0) await consume(res);
    else await (pipeline as unknown as (...streams: unknown[]) => Promise<void>)(res, ...decoders, consume);
  } catch (err) {
    if (stopped instanceof TooLargeError) throw stopped;
    if (stopped !== STOP) throw err;
  } finally {
    if (!res.complete) res.destroy();
  }
  return { body: Buffer.concat(chunks, total), truncated };
}

/**
 * Streams a response body, decoded (same encodings as readBody), to `consumer` without
 * holding it: memory stays at one chunk whatever the size.
 * @param maxBytes cap on the decoded size, bytes: over it the stream stops with TooLargeError
 * @throws TooLargeError; IngestError `http-4xx` for an unknown Content-Encoding; the consumer's errors
 */
export async function streamBody(res: IncomingMessage, url: string, maxBytes: number, consumer: (chunks: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  const decoders: Transform[] = [];
  for (const e of String(res.headers['content-encoding'] ?? '').toLowerCase().split(',').map((x) => x.trim()).filter((x) => x && x !== 'identity').reverse()) {
    const d = decoderFor(e);
    if (!d) {
      res.destroy();
      throw new IngestError('http-4xx', `unsupported Content-Encoding "${e}" from ${url}`, { httpStatus: res.statusCode });
    }
    decoders.push(d);
  }
  let total = 0;
  async function* capped(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw new TooLargeError(maxBytes);
      yield chunk;
    }
  }
  let own: unknown = null;
  try {
    await (pipeline as unknown as (...streams: unknown[]) => Promise<void>)(res, ...decoders, async (source: AsyncIterable<Buffer>) => {
      try {
        await consumer(capped(source));
      } catch (err) {
        throw (own = err);
      }
    });
  } catch (err) {
    throw own ?? err;
  } finally {
    if (!res.complete) res.destroy();
  }
}
