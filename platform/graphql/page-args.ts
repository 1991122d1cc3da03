import { cursorToOffset, resolveOffsetConnection } from '@pothos/plugin-relay';
import { graphError } from './graph-error.js';
import { throwIfIssues, type Issue } from './input-issues.js';

/** The most items one page may hold; larger pages are refused rather than silently cut. */
export const MAX_PAGE_SIZE = 100;
/** The page size when a client gives none. */
export const DEFAULT_PAGE_SIZE = 20;

/** Forward-paging arguments, as the lists of the graph take them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Refuses a page size (`first` or `last`) outside 1..MAX_PAGE_SIZE with a BAD_USER_INPUT naming it. */
export function checkPageSize(size: number | null | undefined, argument: 'first' | 'last' = 'first'): void {
  if (size === null || size === undefined) return;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw graphError('BAD_USER_INPUT', `${argument} must be between 1 and ${MAX_PAGE_SIZE}.`, {
      extensions: { issues: [{ argument, message: `must be between 1 and ${MAX_PAGE_SIZE}` }] },
    });
  }
}

/** Adds a problem to `issues` when `first` is outside 1..MAX_PAGE_SIZE. */
function checkFirst(first: number, issues: Issue[]): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ argument: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
}

/** Adds a problem per bad page argument to `issues` (a page size out of range, a cursor not ours). */
export function checkPageArgs(args: PageArgs, issues: Issue[]): void {
  checkFirst(args.first ?? DEFAULT_PAGE_SIZE, issues);
  if (!args.after) return;
  let offset = Number.NaN;
  try {
    offset = cursorToOffset(args.after);
  } catch {
    // Not one of our cursors: reported below like any other unreadable cursor.
  }
  if (!Number.isSafeInteger(offset) || offset < 0)
    issues.push({ argument: 'after', message: 'not a cursor from this list' });
}

/** A page whose total is counted only when a client selects `totalCount` (one more call to the source). */
export interface CountedPage {
  countTotal(): Promise<number>;
}

export function isCountedPage(value: object): value is CountedPage {
  return 'countTotal' in value && typeof value.countTotal === 'function';
}

/** One page by offset and limit, with a lazily counted, memoised total. */
export async function resolveCountedPage<T>(
  args: PageArgs,
  load: (offset: number, limit: number) => Promise<T[]>,
  count: () => Promise<number>,
) {
  const page = await resolveOffsetConnection(
    { args: { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after }, maxSize: MAX_PAGE_SIZE },
    ({ offset, limit }) => load(offset, limit),
  );
  let total: Promise<number> | undefined;
  return { ...page, countTotal: () => (total ??= count()) };
}

/**
 * The arguments of a list paged by key (the cursor names the last item seen, not an offset): `first`
 * (default DEFAULT_PAGE_SIZE) and `after` read by `decode`, which answers null for what is not a cursor
 * of this list. BAD_USER_INPUT, one issue per bad argument, otherwise.
 */
export function keysetPageArgs<C>(
  args: PageArgs,
  decode: (after: string) => C | null,
): { first: number; after: C | null } {
  const issues: Issue[] = [];
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  checkFirst(first, issues);
  const after = args.after ? decode(args.after) : null;
  if (args.after && after === null)
    issues.push({ argument: 'after', message: 'not a cursor from this list' });
  throwIfIssues(issues);
  return { first, after };
}

/** A page of a list paged by key as a Relay connection, each item's cursor from `cursorOf`. */
export function keysetConnection<T>(
  items: readonly T[],
  cursorOf: (item: T) => string,
  page: { hasNextPage: boolean; hasPreviousPage: boolean },
) {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      ...page,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
