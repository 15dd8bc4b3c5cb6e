import { printRegionSchema } from '@hub/shared/region/print-region-schema';
import { deRegion } from './region.js';

await printRegionSchema(deRegion, new URL('../schema.graphql', import.meta.url));
