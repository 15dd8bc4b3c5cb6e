import { printRegionSchema } from '@hub/shared/region/print-region-schema';
import { seaRegion } from './region.js';

await printRegionSchema(seaRegion, new URL('../schema.graphql', import.meta.url));
