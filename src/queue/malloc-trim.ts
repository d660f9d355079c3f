/**
 * Returns freed malloc memory to the system from an extraction thread, between pages (issue 17,
 * round 17 cost17b). glibc keeps freed chunks in its arenas (~60 MiB at the worker's peak, round
 * 16); `malloc_trim(0)` hands the free pages back (`madvise(MADV_DONTNEED)`), −22 and −51 MiB of
 * peak RSS in round 17 (cost17). One call walks every arena under its lock and takes 50–118 ms on
 * the loaded bench machine: on the main thread that held the event loop (max 438–989 ms), so it
 * is called here, in an extraction thread that is idle (no page in hand), at most once per
 * `intervalMs`.
 *
 * glibc's function is reached through the `koffi` FFI package (prebuilt binaries for Linux
 * glibc/musl, macOS, Windows, BSD; no compiler). Where it cannot be used — koffi missing or its
 * binary not loadable, a libc without the symbol (musl has no `malloc_trim`), not Linux — the
 * trimmer is off and says why (`MallocTrimStats.unavailable`); nothing else changes.
 */
import { createRequire } from 'node:module';

/** Why trimming is off: koffi could not be loaded, the library could not be opened, or it has no such symbol; or the platform is not Linux. */
export type TrimUnavailable = 'not-linux' | 'ffi-missing' | 'library-missing' | 'symbol-missing';

/** What a thread reports with each reply: trims done, their total time (ms), and why it cannot trim (null: it can). */
export interface MallocTrimStats {
  calls: number;
  ms: number;
  unavailable: TrimUnavailable | null;
}

/** Where the function is found; the defaults are glibc's. Tests point `symbol` at a name no libc has. */
export interface TrimTarget {
  library?: string;
  symbol?: string;
}

/**
 * Loads `int malloc_trim(size_t pad)` from `library` (default `libc.so.6`, glibc's soname).
 * @returns a function that calls it with pad 0 (its result: 1 when memory was released, else 0),
 *   or the reason it cannot (`TrimUnavailable`) with the loader's message. Never throws.
 */
export function loadMallocTrim(target: TrimTarget = {}): { trim: () => number } | { unavailable: TrimUnavailable; message: string } {
  if (process.platform !== 'linux') return { unavailable: 'not-linux', message: process.platform };
  const { library = 'libc.so.6', symbol = 'malloc_trim' } = target;
  let koffi: { load(path: string): { func(decl: string): (pad: number) => number } };
  try {
    koffi = createRequire(import.meta.url)('koffi');
  } catch (err) {
    return { unavailable: 'ffi-missing', message: (err as Error).message };
  }
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(library);
  } catch (err) {
    return { unavailable: 'library-missing', message: (err as Error).message };
  }
  try {
    const fn = lib.func(`int ${symbol}(size_t pad)`);
    return { trim: () => fn(0) };
  } catch (err) {
    return { unavailable: 'symbol-missing', message: (err as Error).message };
  }
}

/**
 * Calls `trim` when the thread has been idle for `idleMs` after a page, at most once per
 * `intervalMs` (from the end of the last call). The thread calls `busy()` when work arrives
 * (cancels a pending trim) and `idle()` after it replies.
 */
export class IdleTrimmer {
  private calls = 0;
  private ms = 0;
  private lastEnd = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  /**
   * @param trim the loaded function, or null with `unavailable` saying why
   * @param intervalMs least time between two calls, ms
   * @param idleMs how long the thread must have had no work before a call, ms
   */
  constructor(
    private readonly trim: (() => number) | null,
    private readonly unavailable: TrimUnavailable | null,
    private readonly intervalMs: number,
    private readonly idleMs: number,
  ) {}

  /** Work arrived: a pending trim waits for the next idle spell. */
  busy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The thread replied and has nothing in hand: trims after `idleMs` if `intervalMs` has passed since the last call. */
  idle(): void {
    if (!this.trim || this.timer || performance.now() - this.lastEnd < this.intervalMs) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const start = performance.now();
      this.trim!();
      this.lastEnd = performance.now();
      this.calls++;
      this.ms += this.lastEnd - start;
    }, this.idleMs);
    this.timer.unref();
  }

  /** Trims so far and their total time (ms, rounded to 0.1). */
  stats(): MallocTrimStats {
    return { calls: this.calls, ms: Math.round(this.ms * 10) / 10, unavailable: this.unavailable };
  }
}
