export interface ConsentEvent<C extends string = string> {
  channel: C;
  action: 'GRANTED' | 'REVOKED';
  wordingVersion?: string | null;
  recordedAt: Date;
}

export interface ConsentState<C extends string = string> {
  channel: C;
  granted: boolean;
  /** The wording the customer agreed to; null when not granted. */
  wordingVersion: string | null;
  since: Date;
}

/**
 * The consent in force per channel is the latest event: a revocation ends a grant as easily as it was
 * given (GDPR art. 7(3)), and a channel never granted has no state, which means no consent (§7(2) UWG).
 */
export function currentConsents<C extends string>(events: readonly ConsentEvent<C>[]): ConsentState<C>[] {
  const latest = new Map<C, ConsentEvent<C>>();
  for (const event of [...events].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())) latest.set(event.channel, event);
  return [...latest.values()].map((event) => ({
    channel: event.channel,
    granted: event.action === 'GRANTED',
    wordingVersion: event.action === 'GRANTED' ? (event.wordingVersion ?? null) : null,
    since: event.recordedAt,
  }));
}
