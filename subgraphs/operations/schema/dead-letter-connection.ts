import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { streamIdSchema } from '../../../platform/events/canonical-event.js';
import { throwIfIssues } from '../../../platform/graphql/input-issues.js';
import { builder } from '../builder.js';
import type { OperationsContext } from '../context.js';

/**
 * The Relay connection type of a dead-letter stream's pages (`<Name>Connection` and `<Name>Edge`),
 * oldest first, with `totalCount` from `count`.
 */
export function deadLetterConnection<T, S extends SchemaTypes>(options: {
  type: ObjectRef<S, T>;
  name: string;
  /** What the dead letters are, for the descriptions: "dead-lettered events", "dead-lettered event". */
  many: string;
  one: string;
  count: (context: OperationsContext) => Promise<number>;
}) {
  return builder.connectionObject(
    {
      type: options.type,
      name: `${options.name}Connection`,
      description: `A page of ${options.many}, oldest first.`,
      edgesNullable: { list: false, items: false },
      nodeNullable: false,
      edgesField: { description: 'The dead letters of this page, each with its cursor.' },
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many dead letters there are in all.',
          resolve: (_page, _args, context) => options.count(context),
        }),
      }),
    },
    {
      name: `${options.name}Edge`,
      description: `A ${options.one} in a page, with its cursor.`,
      nodeField: { description: 'The dead letter.' },
    },
  );
}

/** The id a replay mutation was given, as a dead-letter stream id; BAD_USER_INPUT otherwise. */
export function deadLetterIdOf(id: string | number): string {
  const text = String(id);
  if (!streamIdSchema.safeParse(text).success)
    throwIfIssues([{ argument: 'id', message: 'not a dead letter id' }]);
  return text;
}
