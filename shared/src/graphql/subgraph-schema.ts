import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { roleAuthChecker } from './auth-checker.js';
import { forgetLoadsAroundMutations } from './context.js';

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])`;

/**
 * Turns type-graphql resolvers into an Apollo Federation 2 subgraph schema. Entity classes carry
 * `@Directive('@key(fields: "id")')`; reference resolvers are merged in here because type-graphql has no notion of them.
 */
export async function buildFederatedSchema(
  options: Pick<BuildSchemaOptions, 'resolvers' | 'orphanedTypes'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const typeGraphQLSchema = await buildSchema({
    ...options,
    authChecker: roleAuthChecker,
    validate: { forbidUnknownValues: true, whitelist: true },
    skipCheck: true,
  });
  describeRootTypes(typeGraphQLSchema);
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphQLSchema)}`;
  const resolvers = createResolversMap(typeGraphQLSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
  forgetLoadsAroundMutations(schema);
  return { schema, sdl };
}

/** type-graphql cannot describe the root types; the schema lint wants every type described. */
function describeRootTypes(schema: GraphQLSchema): void {
  const descriptions = { Query: 'What can be read.', Mutation: "What can be changed. Refusals a caller can act on come back in each payload's `userErrors`." };
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (type && !type.description) (type as { description?: string | null }).description = descriptions[type.name as keyof typeof descriptions] ?? null;
  }
}
