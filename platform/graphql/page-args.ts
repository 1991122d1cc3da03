import { graphError } from './graph-error.js';

/** The most items one page may hold; larger pages are refused rather than silently cut. */
export const MAX_PAGE_SIZE = 100;

/** Refuses a page size (`first` or `last`) outside 1..MAX_PAGE_SIZE with a BAD_USER_INPUT naming it. */
export function checkPageSize(size: number | null | undefined, argument: 'first' | 'last' = 'first'): void {
  if (size === null || size === undefined) return;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw graphError('BAD_USER_INPUT', `${argument} must be between 1 and ${MAX_PAGE_SIZE}.`, {
      extensions: { issues: [{ argument, message: `must be between 1 and ${MAX_PAGE_SIZE}` }] },
    });
  }
}
