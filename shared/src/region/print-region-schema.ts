import { writeFile } from 'node:fs/promises';
import { buildRegionSchema, type RegionDefinition, type RegionDependencies } from './region-app.js';

/** Writes a region's SDL beside its code, where the gateway's composition step reads it. Needs no database. */
export async function printRegionSchema(definition: RegionDefinition, target: URL): Promise<void> {
  const { sdl } = await buildRegionSchema(definition, { region: definition.code } as RegionDependencies);
  await writeFile(target, `${sdl}\n`);
}
