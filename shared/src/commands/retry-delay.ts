/** Back-off between attempts at a command core could not take: doubling from `baseMs`, capped at `maxMs`, ±20 % jitter. */
export function retryDelayMs(attempts: number, options: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
