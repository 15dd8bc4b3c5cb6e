import { writeFile } from 'node:fs/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { OrderTransitionService } from './orders/order-transition.service.js';
import { buildCoreSchema } from './schema.js';
import type { OrderHoldService } from './orders/order-hold.service.js';

/** Writes the subgraph's SDL beside its code, where the gateway's composition step reads it. */
const { sdl } = await buildCoreSchema({} as MikroORM, {} as OrderTransitionService, {} as OrderHoldService, 0);
await writeFile(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
