import { monitorEventLoopDelay } from 'node:perf_hooks';

const WINDOW_MS = 5_000;
/**
 * How often the event loop's delay is sampled, here and by the metrics' lag series. Each sample wakes an idle process:
 * with prom-client's default 10 ms and 20 ms here, every service woke 145 times a second and idled on 10-14 ms of CPU a
 * second; sampled every 100 ms, 15-23 times and 6.5-9.5 ms. The stalls these figures are read for (a starved process,
 * a blocking call) last hundreds of milliseconds, which a 100 ms sample still sees.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;
let histogram: ReturnType<typeof monitorEventLoopDelay> | undefined;
let previousWindowMaxMs = 0;

/**
 * The longest the event loop was held up in the last five to ten seconds, in milliseconds. A process starved of CPU
 * shows it here; the registry grants its heartbeats that much slack (and its own, when it is the starved one), so
 * a slow but working service is not called down while a hung one, which sends nothing at all, still is.
 */
export function recentEventLoopDelayMs(): number {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: EVENT_LOOP_SAMPLE_MS });
    histogram.enable();
    setInterval(() => {
      previousWindowMaxMs = histogram!.max / 1e6;
      histogram!.reset();
    }, WINDOW_MS).unref();
  }
  return Math.round(Math.max(previousWindowMaxMs, histogram.count > 0 ? histogram.max / 1e6 : 0));
}
