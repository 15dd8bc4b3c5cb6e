import { printRegionSchema } from '@hub/shared/region/print-region-schema';
import { __code__Region } from './region.js';

await printRegionSchema(__code__Region, new URL('../schema.graphql', import.meta.url));
