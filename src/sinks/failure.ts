/**
 * What a sink's failure says about the sink: a fault of its configuration or of the host it
 * writes to (no retry of the same write can mend it: the operator must act) or a passing one.
 * Both are retried by the sink's delivery queue, so nothing is lost while the operator fixes
 * the configuration; the reason code (`sink-misconfigured` rather than `sink-failed`) is what
 * lets `status`, the logs and `/readyz` say "fix the config" instead of "retrying" (round 18,
 * fresh18: a PostgreSQL sink with a database that does not exist retried for hours as plain
 * `sink-failed`).
 */
import { IngestError } from '../errors.js';

/**
 * errno codes of a file operation that name a path or permission fault (POSIX / Linux
 * errno(3)): the folder is missing (`ENOENT`), a path part is a file (`ENOTDIR`; `EEXIST` from
 * the sink's `mkdir -p` of its folder), the path is
 * a folder (`EISDIR`), the process may not write there (`EACCES`, `EPERM`), the mount is
 * read-only (`EROFS`). Not here: `ENOSPC`, `EDQUOT`, `EFBIG`, `EIO` (capacity or hardware,
 * which may pass), network errors (`ECONNREFUSED`: a receiver restarting).
 */
const CONFIG_ERRNOS: Readonly<Record<string, string>> = {
  ENOENT: 'a folder of the path does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  // what mkdir -p of the sink's folder gives when a part of it is a file
  EEXIST: 'a part of the path is not a folder',
  EISDIR: 'the path is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

/**
 * PostgreSQL SQLSTATEs of a configuration fault (PostgreSQL docs, Appendix A "Error Codes"):
 * class 28 invalid authorization specification (28000: no pg_hba.conf entry or no such role,
 * 28P01: wrong password), 3D000 invalid_catalog_name (the database does not exist), 3F000
 * invalid_schema_name, 42501 insufficient_privilege (the role may not create or write the
 * table).
 */
const CONFIG_SQLSTATES: Readonly<Record<string, string>> = {
  '28000': 'the server refused the role (pg_hba.conf, user name)',
  '28P01': 'wrong password',
  '3D000': 'the database does not exist',
  '3F000': 'the schema does not exist',
  '42501': 'the role lacks a privilege on the table',
};

/**
 * Why `err` is a configuration fault of a sink, or null when it is not one.
 * @param err any thrown value: a Node errno error (`code` `EACCES`, ...), a pg error (`code`
 *   a SQLSTATE), an IngestError (already `sink-misconfigured`: its message)
 * @returns a short phrase naming the fault (e.g. `the database does not exist`), or null
 */
export function sinkConfigFault(err: unknown): string | null {
  if (err instanceof IngestError) return err.code === 'sink-misconfigured' ? err.message : null;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  return CONFIG_ERRNOS[code] ?? CONFIG_SQLSTATES[code] ?? null;
}

/**
 * The IngestError a sink's failed write is reported as: an IngestError as it is; a
 * configuration fault (sinkConfigFault) as `sink-misconfigured`; anything else as
 * `sink-failed`. Both new codes are retried by the delivery queue.
 * @param sinkName the sink's config name (for the message)
 * @param recordId the record written (for the message)
 * @param err what the sink's write threw
 * @returns an IngestError whose message is `<sink> record <id>: <error message>`, with the error as `cause`
 */
export function sinkError(sinkName: string, recordId: string, err: unknown): IngestError {
  if (err instanceof IngestError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const fault = sinkConfigFault(err);
  return new IngestError(fault ? 'sink-misconfigured' : 'sink-failed', `${sinkName} record ${recordId}: ${message}${fault ? ` (${fault}: fix the sink's configuration or the host)` : ''}`, { cause: err });
}
