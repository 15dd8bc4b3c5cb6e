import { printRegionSchema } from '@hub/shared/region/print-region-schema';
import { cnRegion } from './region.js';

await printRegionSchema(cnRegion, new URL('../schema.graphql', import.meta.url));
