/**
 * A body longer than its framing said: a `Content-Length` shorter than what the server sends
 * (a length counted in characters of a UTF-8 page, not in bytes: an Armenian or Russian page
 * then doubles it), or bytes after the last chunk of a chunked body. Node's HTTP client ends
 * the response at the declared length and reports the rest only as a parse error on the
 * request (`HPE_CLOSED_CONNECTION` "Data after `Connection: close`", `HPE_INVALID_CONSTANT`
 * "Expected HTTP/" on a kept-alive connection), after the response is complete: the body read
 * was cut, and before round 10 (docs/review.md, faults12) it was stored as a complete article.
 *
 * `watchOverrun` records such an error from the moment the response's headers are in; the
 * fetch calls `check` once the body is read and fails with `bad-content-length` instead of
 * returning the cut body. Limit: bytes that arrive after Node has handed a kept-alive socket
 * back to its agent (a later TCP segment, after the body's end was read) reach no parser and
 * are not seen here.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import { IngestError } from '../errors.js';

/** What `watchOverrun` gives the fetch. */
export interface OverrunWatch {
  /**
   * Throws when bytes came after the body's declared end.
   * @param url the URL named in the error
   * @throws IngestError `bad-content-length` (with the HTTP status and the declared length)
   */
  check(url: string): void;
}

/**
 * Starts watching `req` for a parse error after `res` completed (see the module comment).
 * Call it in the request's 'response' handler: Node parses the bytes after the body in the
 * same turn as the body itself, before any awaiting caller runs.
 * @param req the request whose response is `res`
 * @param res the response, headers just in
 */
export function watchOverrun(req: ClientRequest, res: IncomingMessage): OverrunWatch {
  let late: NodeJS.ErrnoException | null = null;
  const onError = (err: NodeJS.ErrnoException) => {
    // llhttp's codes all start with HPE_; an error while the body is still incomplete is the
    // body's own failure (the stream errors too), not an overrun
    if (res.complete && typeof err.code === 'string' && err.code.startsWith('HPE_')) late ??= err;
  };
  req.on('error', onError);
  req.once('close', () => req.off('error', onError));
  return {
    check(url) {
      if (!late) return;
      const declared = res.headers['content-length'];
      const framing = declared !== undefined ? `its Content-Length ${declared}` : 'its chunked framing';
      throw new IngestError('bad-content-length', `${url}: the server sent more body than ${framing} said (${late.code}: ${late.message}); the body read is cut, not stored`, {
        httpStatus: res.statusCode,
        cause: late,
      });
    },
  };
}
