/**
 * GraphQL Code Generator: typed documents for the operations under examples/operations, generated from
 * the composed API schema (schema/api.graphql). `npm run codegen` writes examples/generated/; the
 * end-to-end tests and the example storefront use those types, and a test fails when they drift.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['examples/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'examples/generated/': {
      // The preset object rather than its name, so that tests can run codegen without dynamic imports.
      preset: clientPreset,
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', Date: 'string', Decimal: 'string', CurrencyCode: 'string' },
      },
    },
  },
};

export default config;
