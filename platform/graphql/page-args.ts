import { cursorToOffset, resolveOffsetConnection } from '@pothos/plugin-relay';
import { graphError } from './graph-error.js';
import type { Issue } from './input-issues.js';

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

/** Adds a problem per bad page argument to `issues` (a page size out of range, a cursor not ours). */
export function checkPageArgs(args: PageArgs, issues: Issue[]): void {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ argument: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
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
