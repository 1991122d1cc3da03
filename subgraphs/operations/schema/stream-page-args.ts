import { streamIdSchema } from '../../../platform/events/canonical-event.js';
import {
  keysetConnection,
  keysetPageArgs,
  MAX_PAGE_SIZE,
  type PageArgs,
} from '../../../platform/graphql/page-args.js';
import type { StreamPage } from '../../../platform/events/stream-page.js';

/** `first` and `after` of a list read from a Redis stream: the cursor is the entry id. */
export function streamPageArgs(args: PageArgs): { first: number; after: string | null } {
  return keysetPageArgs(args, (after) => (streamIdSchema.safeParse(after).success ? after : null));
}

/** A stream page as a Relay connection, each item's id its cursor. */
export function streamConnection<T extends { id: string }>(page: StreamPage<T>) {
  return keysetConnection(page.items, (item) => item.id, {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
  });
}

export const pageArgDescriptions = {
  first: `How many per page, 1 to ${MAX_PAGE_SIZE}.`,
  after: 'The `endCursor` of the previous page; omit for the first page.',
};
