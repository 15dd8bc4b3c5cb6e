import express, { type Express } from 'express';
import type { JwtSettings } from '@hub/shared/auth/jwt';
import { DomainError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logger';
import { carrierOf } from '../carrier-principal.js';
import type { EventIngestService } from '../event-ingest.service.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/**
 * `POST /carrier-events` with `{ "events": [...] }` and a carrier's bearer token. Answers 200 with what was
 * stored, parked, already known and refused (per event: index, code, field); a retried batch is harmless.
 */
export function mountCarrierEventsRoute(app: Express, options: { jwt: JwtSettings; ingest: EventIngestService; logger: Logger; maxEvents: number }): void {
  app.post('/carrier-events', express.json({ limit: '20mb' }), async (req, res) => {
    try {
      const carrierId = await carrierOf(options.jwt, req.headers.authorization);
      const events: unknown = req.body?.events;
      if (!Array.isArray(events)) throw new DomainError('BAD_USER_INPUT', 'The body must be { "events": [...] }', { field: 'events' });
      if (events.length > options.maxEvents) throw new DomainError('BAD_USER_INPUT', `At most ${options.maxEvents} events per batch`, { field: 'events' });
      res.json(await options.ingest.ingest(carrierId, events));
    } catch (error) {
      if (error instanceof DomainError && STATUS[error.code]) {
        res
          .status(STATUS[error.code]!)
          .json({ error: { code: error.code, message: error.message, ...(error.details.field ? { field: error.details.field } : {}) } });
        return;
      }
      options.logger.error({ err: error }, 'carrier event batch failed');
      res.status(503).json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Events were not stored; send the batch again' } });
    }
  });
}
