/**
 * Identical reads in flight at the same moment share one call: when many clients send the same query with the
 * same token at once, the subgraph answers it once and every caller gets that answer. Nothing is kept once the
 * call settles, so this is not a cache: a read that starts after the shared one finished makes its own call.
 *
 * The key must hold everything the answer depends on (the subgraph's URL, the operation, its variables and the
 * caller's credentials): callers who share a key get the same answer, including the same failure.
 */
export class InFlightReads<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** Joins the call in flight under `key`, or starts one with `start`. */
  share(key: string, start: () => Promise<T>): Promise<T> {
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const call = start().finally(() => this.pending.delete(key));
    this.pending.set(key, call);
    return call;
  }
}
