import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { Linter } from 'eslint';
import { discoverSubgraphs } from '@hub/shared/federation/composition';

/**
 * The schema as a frontend developer's tools read it (@graphql-eslint): every type, field, argument and enum
 * value described, one naming style, one Relay connection shape, and a reason on every deprecation.
 * Kept apart from the code lint so each can change on its own.
 */

/** Federation's directives, so the schema-aware rules can build each subgraph's schema. Not linted themselves. */
const FEDERATION_DIRECTIVES = /* GraphQL */ `
  scalar link__Import
  scalar federation__FieldSet
  directive @link(url: String!, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: federation__FieldSet!) on FIELD_DEFINITION
  directive @provides(fields: federation__FieldSet!) on FIELD_DEFINITION
  directive @tag(
    name: String!
  ) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
`;

const RULES: Linter.RulesRecord = {
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      rootField: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
    },
  ],
  '@graphql-eslint/require-deprecation-reason': 'error',
  '@graphql-eslint/naming-convention': [
    'error',
    {
      types: 'PascalCase',
      FieldDefinition: 'camelCase',
      InputValueDefinition: 'camelCase',
      Argument: 'camelCase',
      EnumValueDefinition: 'UPPER_CASE',
      'FieldDefinition[parent.name.value=Query]': { forbiddenPrefixes: ['query', 'get'], forbiddenSuffixes: ['Query'] },
      'FieldDefinition[parent.name.value=Mutation]': { forbiddenPrefixes: ['mutation'], forbiddenSuffixes: ['Mutation'] },
    },
  ],
  '@graphql-eslint/relay-connection-types': 'error',
  '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
  '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
  '@graphql-eslint/no-hashtag-description': 'error',
  '@graphql-eslint/no-typename-prefix': 'error',
  '@graphql-eslint/unique-enum-value-names': 'error',
};

export function lintSchema(sdl: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    sdl,
    [
      {
        files: ['**/*.graphql'],
        languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: [sdl, FEDERATION_DIRECTIVES] } } },
        plugins: { '@graphql-eslint': graphqlPlugin as never },
        rules: RULES,
      },
    ],
    { filename: 'schema.graphql' },
  );
}

const format = (name: string, messages: Linter.LintMessage[]) =>
  messages.map((message) => `${name}/schema.graphql:${message.line}:${message.column} ${message.ruleId ?? 'parse'}: ${message.message}`);

describe('schema lint', () => {
  it('passes on every subgraph schema', async () => {
    const subgraphs = await discoverSubgraphs();
    expect(subgraphs.length).toBeGreaterThanOrEqual(4);
    const problems = subgraphs.flatMap(({ name, sdl }) => format(name, lintSchema(sdl)));
    expect(problems).toEqual([]);
  });

  it.each([
    [
      'an undescribed field',
      '"""A thing."""\ntype Query {\n  """Things."""\n  thing: Thing\n}\n"""A thing."""\ntype Thing {\n  name: String\n}\n',
      '@graphql-eslint/require-description',
    ],
    [
      'a connection without pageInfo',
      '"""Q."""\ntype Query {\n  """Things."""\n  things(\n    """N."""\n    first: Int\n    """C."""\n    after: String\n  ): ThingConnection!\n}\n"""A page."""\ntype ThingConnection {\n  """Edges."""\n  edges: [ThingEdge!]!\n}\n"""An edge."""\ntype ThingEdge {\n  """C."""\n  cursor: String!\n  """N."""\n  node: String!\n}\n',
      '@graphql-eslint/relay-connection-types',
    ],
    ['a deprecation without reason', '"""Q."""\ntype Query {\n  """Old."""\n  old: String @deprecated\n}\n', '@graphql-eslint/require-deprecation-reason'],
  ])('fails on %s', (_name, sdl, rule) => {
    expect(lintSchema(sdl).map((message) => message.ruleId)).toContain(rule);
  });
});
