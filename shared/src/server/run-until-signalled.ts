import type { Logger } from '../logger.js';
import { flushPendingTraces } from '../telemetry/trace-context.js';

// Apart from infrastructure.ts so that a service without a database (the gateway) does not load the ORM to use it.

/**
 * Runs a service until SIGINT/SIGTERM, then closes it gracefully: stop taking requests, finish those in
 * flight, drain NATS, close the database. A second signal, or 15 s, forces the exit.
 */
export function runUntilSignalled(start: () => Promise<{ close(): Promise<void> }>, logger: Logger): void {
  start().then(
    (app) => {
      let closing = false;
      const shutdown = (signal: string) => {
        if (closing) process.exit(1);
        closing = true;
        logger.info({ signal }, 'shutting down');
        setTimeout(() => process.exit(1), 15_000).unref();
        app
          .close()
          .then(flushPendingTraces)
          .then(
            () => process.exit(0),
            (error: unknown) => {
              logger.error({ err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    },
    (error: unknown) => {
      logger.fatal({ err: error, message: error instanceof Error ? error.message : undefined }, 'start-up failed');
      process.exit(1);
    },
  );
}
