/**
 * Per-host politeness on a redirect chain (fetchResource's `hopSlot`): before a hop to a host
 * other than the first URL's (whose slot the caller holds), the chain waits for that host's slot
 * through the caller's gate (src/state/politeness.ts `waitHostSlot` in the article job); the slot
 * is marked started when the hop's headers are in, and released when the chain leaves that host
 * or the fetch ends. Hops on the first host, back to it, or on to the same second host take no
 * new slot. Hosts are compared as `URL.host` (port included), the politeness key.
 */
import { IngestError } from '../errors.js';

/** A granted hop slot: `started` when the host has the request, `release` after the hop. */
export interface HopSlotGrant {
  started: () => Promise<void>;
  release: () => Promise<void>;
}

/**
 * The caller's gate: resolves with a slot of `host` once it may be asked, or throws (IngestError
 * `host-busy` when the wait would be too long).
 * @param o.signal the fetch's abort signal (its total timeout, the caller's abort)
 * @param o.remainingMs the fetch's time left, ms
 */
export type HopSlotGate = (host: string, o: { signal: AbortSignal; remainingMs: number }) => Promise<HopSlotGrant>;

/** The hop slot a chain holds, for one fetch. */
export class HopSlots {
  private held: { host: string; slot: HopSlotGrant } | null = null;
  /** An error of the gate other than an IngestError (Redis), to be rethrown as is, not as a network error of the URL. */
  gateError: unknown = null;

  /**
   * @param firstHost the first URL's host (the caller holds its slot)
   * @param gate the caller's gate; without one `enter` does nothing
   * @param deadline the fetch's end, ms since the epoch (Date.now)
   */
  constructor(
    private readonly firstHost: string,
    private readonly gate: HopSlotGate | undefined,
    private readonly signal: AbortSignal,
    private readonly deadline: number,
  ) {}

  /**
   * Before a request to `host`: leaves the held slot when the chain changes host, and waits for
   * `host`'s slot when it is not the first host.
   * @returns a function marking the new slot started (call it when the headers are in), or null
   * @throws the gate's error
   */
  async enter(host: string): Promise<(() => void) | null> {
    if (!this.gate || host === this.held?.host) return null;
    await this.leave();
    if (host === this.firstHost) return null;
    let slot: HopSlotGrant;
    try {
      slot = await this.gate(host, { signal: this.signal, remainingMs: this.deadline - Date.now() });
    } catch (e) {
      if (!(e instanceof IngestError) && !this.signal.aborted) this.gateError = e;
      throw e;
    }
    this.held = { host, slot };
    return () => void slot.started().catch(() => {});
  }

  /** Releases the held slot, if any; a failed release leaves the lease to expire (leaseMs). */
  async leave(): Promise<void> {
    const held = this.held;
    this.held = null;
    await held?.slot.release().catch(() => {});
  }
}
