/**
 * The database index of `redis.url` (`redis://host:port/N`), held to: no client of ours works in
 * another database than the one the config names.
 *
 * ioredis sends `SELECT N` when a connection opens (and again on every reconnect); when Redis
 * refuses it ("ERR DB index is out of range" for N at or above the server's `databases` setting,
 * redis.conf, default 16) ioredis only emits an 'error' and carries on in database 0, where every
 * key of the run would then land (round 15, fresh15's trial, docs/review.md). Two guards:
 * - at connect, `assertDatabaseSelectable` (called by `assertRedisReachable`, which every entry
 *   point runs before it opens its clients) sends SELECT itself and refuses with
 *   `RedisDatabaseError` (exit 2, reason `redis-database`);
 * - on every later (re)connect, `DatabaseCheckedRedis` (the class of every non-cluster client the
 *   factories make, and of BullMQ's duplicates of them: BullMQ calls `duplicate()` for a
 *   Worker's own and blocking connections) drops the connection when its SELECT is refused,
 *   before the ready check, so no command reaches database 0; it then reconnects with the
 *   client's retryStrategy, as after an outage, and the 'error' it emits is the
 *   `RedisDatabaseError`.
 */
import { Redis, type RedisOptions } from 'ioredis';
// ioredis's own close handler (no `exports` map: the path is stable across 5.x); see `disconnect`
import { closeHandler } from 'ioredis/built/redis/event_handler.js';
import { RedisDatabaseError } from '../errors.js';

/** True for an error Redis answered (a reply), not a lost or refused connection. */
function isReply(err: unknown): err is Error {
  return (err as Error | undefined)?.name === 'ReplyError';
}

/**
 * The server's `databases` setting (CONFIG GET databases), or null when CONFIG is refused
 * (managed Redis, ACL) or the answer is not a number: only used to word the message.
 */
async function databasesOf(redis: Redis): Promise<number | null> {
  try {
    const reply = (await redis.config('GET', 'databases')) as string[];
    const n = Number(reply?.[1]);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/**
 * Checks that Redis accepts `SELECT <db>` for the database index the client was made with
 * (`options.db`, from the URL's path); nothing to do for database 0. Call it on a connected,
 * non-retrying probe.
 * @param label the target as the config names it (for the message; the password is masked there)
 * @throws RedisDatabaseError when Redis answers SELECT with an error
 * @throws the connection error as it is when Redis did not answer at all
 */
export async function assertDatabaseSelectable(probe: Redis, label: string): Promise<void> {
  const db = Number(probe.options.db ?? 0);
  if (!db) return;
  try {
    await probe.select(db);
  } catch (err) {
    if (!isReply(err)) throw err;
    throw new RedisDatabaseError(label, db, err.message, await databasesOf(probe));
  }
}

/**
 * An ioredis client that never works in a database other than its `db` option: a refused
 * SELECT at (re)connect drops the connection (and the client reconnects later) instead of
 * going on in database 0. `duplicate()` gives the same class, so BullMQ's copies hold to it too.
 * Constructed like `new Redis(url, options)` or `new Redis(options)`, plus the label used in
 * the `RedisDatabaseError` it emits as 'error'.
 *
 * It also ends cleanly when closed between two reconnect attempts (round 16, fresh16). ioredis
 * 5.x's `disconnect()` in status `reconnecting` only clears the timer of the next attempt: no
 * socket is left to emit 'close', so the client stays `reconnecting` for good and every command
 * waiting in its offline queue never settles; and `quit()` there joins the queue when it is not
 * empty, so it never settles either. A worker stopped (SIGTERM) while Redis was down waited on
 * BullMQ's `quit()` of each connection until our close timeouts gave up (25 s, two
 * `resource.close-timeout` events). Here both end the client as ioredis does in status `wait`:
 * status `end`, the queued commands rejected with "Connection is closed.", 'end' emitted.
 */
export class DatabaseCheckedRedis extends Redis {
  /** The target as the config names it, for the message. */
  readonly label: string;
  /** True from a refused SELECT (the connection dropped) until the client reconnects. */
  private dropped = false;

  constructor(label: string, urlOrOptions: string | RedisOptions, options: RedisOptions = {}) {
    // ioredis merges its arguments in order (a URL string, then option objects)
    super(urlOrOptions as string, options);
    this.label = label;
    const select = this.select.bind(this) as (db: number | string) => Promise<'OK'>;
    // An own property over the prototype's command: ioredis's connect handler calls
    // `self.select(db).catch(emit 'error')`, and this runs first (the SELECT reply comes
    // before those of CLIENT SETNAME, which the ready check waits for).
    Object.defineProperty(this, 'select', {
      configurable: true,
      writable: true,
      value: (db: number | string) =>
        select(db).catch((err: unknown) => {
          if (!isReply(err)) throw err;
          this.dropped = true;
          this.disconnect(true);
          throw new RedisDatabaseError(this.label, Number(db), err.message);
        }),
    });
  }

  /**
   * Events as `Redis.emit`, less the errors that only follow from a drop of ours (the ready
   * check, sent on the connection being dropped, fails with "Stream isn't writeable", a plain
   * Error with no `code`): the RedisDatabaseError said why, once per attempt. Socket errors of
   * the next attempts (ECONNREFUSED, ... : they carry a `code`) pass.
   */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'connect' || event === 'end') this.dropped = false;
    else if (event === 'error' && this.dropped && !(args[0] instanceof RedisDatabaseError) && !(args[0] as NodeJS.ErrnoException | undefined)?.code) return false;
    return super.emit(event, ...args);
  }

  /**
   * As ioredis's, and between two reconnect attempts (status `reconnecting`: no socket) the
   * client ends at once (see the class comment) instead of staying `reconnecting` with its
   * offline queue unsettled.
   * @param reconnect as ioredis's: true reconnects (nothing changes then)
   */
  override disconnect(reconnect = false): void {
    const between = !reconnect && this.status === 'reconnecting';
    forgetClosedSocket(this);
    super.disconnect(reconnect);
    // manuallyClosing is set by super: the handler ends the client (status `end`, queue
    // flushed with "Connection is closed.", 'end' emitted) instead of scheduling an attempt
    if (between && this.status === 'reconnecting') closeHandler(this)();
  }

  /**
   * As ioredis's, but between two reconnect attempts the client is ended at once (`disconnect`)
   * and 'OK' returned, as ioredis itself does when its offline queue is empty: a QUIT queued
   * behind other commands would wait for a Redis that may not come back.
   */
  override quit(callback?: (err?: Error | null, res?: 'OK') => void): Promise<'OK'> {
    if (this.status !== 'reconnecting') return super.quit(callback);
    this.disconnect();
    callback?.(null, 'OK');
    return Promise.resolve('OK');
  }

  /** A new client with the same options (and `override`), of this class. */
  override duplicate(override?: Partial<RedisOptions>): Redis {
    return new DatabaseCheckedRedis(this.label, { ...this.options, ...override });
  }
}

/**
 * Drops the client's reference to a socket that has already closed, so that ioredis's
 * `disconnect()` arms no timer for it. ioredis 5.x's connector (`AbstractConnector.disconnect`,
 * built/connectors/AbstractConnector.js) ends its last socket and arms a `disconnectTimeout`
 * timer (2 s by default, not unref'd) that only that socket's next 'close' clears; a socket that
 * closed before (Redis went away, the client is between reconnect attempts) never emits it
 * again, so the timer held a stopped worker's process for 2 s after `worker.stopped`
 * (docs/review.md "Round 18 (fresh18)"; the round 17 leftover "a stop with Redis down still
 * takes ~5 s"). A socket still open is left alone: ioredis ends it as before.
 */
function forgetClosedSocket(client: Redis): void {
  const connector = (client as unknown as { connector?: { stream?: { destroyed?: boolean } } }).connector;
  if (connector?.stream?.destroyed) connector.stream = undefined;
}
