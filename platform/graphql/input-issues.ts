import { graphError } from './graph-error.js';

/** One problem with one argument, as listed in a BAD_USER_INPUT error's `extensions.issues`. */
export interface Issue {
  argument: string;
  message: string;
}

/** Throws one BAD_USER_INPUT naming every problem found, so a client fixes them all at once. */
export function throwIfIssues(issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.argument} ${issue.message}`).join('; ');
  throw graphError('BAD_USER_INPUT', `Invalid arguments: ${summary}.`, { extensions: { issues } });
}
