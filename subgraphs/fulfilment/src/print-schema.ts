import { writeFile } from 'node:fs/promises';
import { buildFulfilmentSchema } from './schema.js';

// Building the schema touches no dependency, so placeholders are enough to print it.
const { sdl } = await buildFulfilmentSchema({
  orm: null as never,
  nodes: null as never,
  inventory: null as never,
  planning: null as never,
  progress: null as never,
  receipts: null as never,
});
await writeFile(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
