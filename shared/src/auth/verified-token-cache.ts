import type { Principal } from './principal.js';

/**
 * Principals of tokens already verified, each until its token expires: a client sends the same token with every
 * request, and checking its HMAC and claims again cost the gateway ~12 % of its CPU. Bounded, least recently used
 * first out, so a flood of distinct tokens costs memory up to `capacity` entries and no more. Only tokens that passed
 * verification go in; a cached token is as valid as it was, since tokens here can only expire, not be revoked.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { principal: Principal; untilMs: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The token's principal (a copy, so a caller cannot change what the next request gets), or undefined. */
  get(token: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.untilMs <= nowMs) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.set(token, entry);
    return { ...entry.principal, regions: [...entry.principal.regions] };
  }

  /** Remembers a verified token's principal until `untilMs` (its expiry plus the tolerated clock skew). */
  set(token: string, principal: Principal, untilMs: number): void {
    this.entries.delete(token);
    this.entries.set(token, { principal: { ...principal, regions: [...principal.regions] }, untilMs });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
