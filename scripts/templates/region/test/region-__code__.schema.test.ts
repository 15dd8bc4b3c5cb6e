import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { buildRegionSchema, readRegionEnv, type RegionDependencies } from '@hub/shared/region/region-app';
import { __code__Region } from '../src/region.js';

const fieldsOf = (sdl: string, type: string) => parse(sdl).definitions
  .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === type)
  .flatMap((definition) => definition.fields ?? [])
  .map((field) => `${field.name.value}: ${print(field.type)}`);

it('adds its field to the master order and answers for its own orders', async () => {
  const dependencies = { region: __code__Region.code, env: readRegionEnv(__code__Region, {}) } as RegionDependencies<never>;
  const { sdl } = await buildRegionSchema(__code__Region, dependencies);
  expect(fieldsOf(sdl, 'Order')).toEqual(['id: ID!', '__code__: __Code__OrderDetails']);
  expect(fieldsOf(sdl, 'Query')).toContain('__code__Order: Order');
});
