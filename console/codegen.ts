import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types for every operation the console sends, from the API schema the gateway serves (see scripts/print-api-schema.mjs). */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { MinorUnits: 'number', DateTimeISO: 'string', DateTime: 'string', JSONObject: 'Record<string, unknown>', JSON: 'unknown' },
      },
    },
  },
};
export default config;
