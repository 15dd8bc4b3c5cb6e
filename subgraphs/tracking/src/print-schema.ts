import { writeFile } from 'node:fs/promises';
import type pg from 'pg';
import type { ShipmentRegistrationService } from './shipments/shipment-registration.service.js';
import { buildTrackingSchema } from './schema.js';

/** Writes the subgraph's SDL beside its code, where the gateway's composition step reads it. */
const { sdl } = await buildTrackingSchema({} as pg.Pool, {} as ShipmentRegistrationService);
await writeFile(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
