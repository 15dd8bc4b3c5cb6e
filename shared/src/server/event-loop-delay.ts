import { monitorEventLoopDelay } from 'node:perf_hooks';

const WINDOW_MS = 5_000;
let histogram: ReturnType<typeof monitorEventLoopDelay> | undefined;
let previousWindowMaxMs = 0;

/**
 * The longest the event loop was held up in the last five to ten seconds, in milliseconds. A process starved of CPU
 * shows it here; the registry grants its heartbeats that much slack (and its own, when it is the starved one), so
 * a slow but working service is not called down while a hung one, which sends nothing at all, still is.
 */
export function recentEventLoopDelayMs(): number {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 20 });
    histogram.enable();
    setInterval(() => {
      previousWindowMaxMs = histogram!.max / 1e6;
      histogram!.reset();
    }, WINDOW_MS).unref();
  }
  return Math.round(Math.max(previousWindowMaxMs, histogram.count > 0 ? histogram.max / 1e6 : 0));
}
