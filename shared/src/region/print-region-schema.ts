import { writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { buildRegionSchema, readRegionEnv, type RegionDefinition, type RegionDependencies } from './region-app.js';

/**
 * Writes a region's SDL beside its code, where the gateway's composition step reads it. Needs no database:
 * resolvers get only the region code and the default settings.
 */
export async function printRegionSchema<Settings extends z.ZodObject>(definition: RegionDefinition<Settings>, target: URL): Promise<void> {
  const dependencies = { region: definition.code, env: readRegionEnv(definition, {}) } as RegionDependencies<never>;
  const { sdl } = await buildRegionSchema(definition, dependencies);
  await writeFile(target, `${sdl}\n`);
}
