import { streamIdSchema } from '../../../platform/events/canonical-event.js';
import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/graphql/page-args.js';
import type { StreamPage } from '../dead-letter-pages.js';

/** `first` and `after` of a list read from a Redis stream: the cursor is the entry id. */
export function streamPageArgs(args: { first?: number | null; after?: string | null }): {
  first: number;
  after: string | null;
} {
  const issues: Issue[] = [];
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ argument: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  if (args.after && !streamIdSchema.safeParse(args.after).success)
    issues.push({ argument: 'after', message: 'not a cursor from this list' });
  throwIfIssues(issues);
  return { first, after: args.after ?? null };
}

/** A stream page as a Relay connection, each item's id its cursor. */
export function streamConnection<T extends { id: string }>(page: StreamPage<T>, after: string | null) {
  const edges = page.items.map((node) => ({ cursor: node.id, node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export const pageArgDescriptions = {
  first: `How many per page, 1 to ${MAX_PAGE_SIZE}.`,
  after: 'The `endCursor` of the previous page; omit for the first page.',
};
