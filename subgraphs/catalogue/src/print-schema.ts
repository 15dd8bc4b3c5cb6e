import { writeFile } from 'node:fs/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildCatalogueSchema, type CatalogueServices } from './schema.js';

/** Writes the subgraph's SDL beside its code, where the gateway's composition step reads it. */
const { sdl } = await buildCatalogueSchema({} as MikroORM, {} as CatalogueServices);
await writeFile(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
