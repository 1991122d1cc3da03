/**
 * The canonical scalars every subgraph shares. Each validates what clients send, so a bad value is a
 * typed BAD_USER_INPUT error at the edge rather than a surprise in Odoo.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function scalar(
  name: string,
  description: string,
  pattern: RegExp,
  check: (value: string) => boolean = () => true,
) {
  const accept = (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value) || !check(value)) {
      throw new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}: ${description}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => accept(value),
    parseValue: (value) => accept(value),
    parseLiteral: (ast: ValueNode) => accept(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

const validDate = (value: string) =>
  !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));

export const DateTimeScalar = scalar(
  'DateTime',
  'An instant as ISO 8601 in UTC, e.g. "2026-11-26T16:43:11Z".',
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/,
  validDate,
);

export const DateScalar = scalar(
  'Date',
  'A calendar date as ISO 8601, e.g. "2026-11-26".',
  /^\d{4}-\d{2}-\d{2}$/,
  validDate,
);

export const DecimalScalar = scalar(
  'Decimal',
  'An exact decimal number as a string, e.g. "1234.50" or "-0.25"; never a binary float.',
  /^-?\d{1,18}(\.\d{1,12})?$/,
);

export const CurrencyCodeScalar = scalar(
  'CurrencyCode',
  'An ISO 4217 currency code, e.g. "USD".',
  /^[A-Z]{3}$/,
);

/** Scalar types as Pothos sees them: all travel as strings. */
export type CanonicalScalars = {
  DateTime: { Input: string; Output: string };
  Date: { Input: string; Output: string };
  Decimal: { Input: string; Output: string };
  CurrencyCode: { Input: string; Output: string };
  ID: { Input: string; Output: string };
};
