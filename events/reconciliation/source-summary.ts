/** What one source's pass did. */
export interface SourceSummary {
  /** Records read from the source. */
  read: number;
  /** Events appended (changes the webhooks missed). */
  appended: number;
  /** Events already in the log (the webhook, or an earlier pass, got there first). */
  duplicates: number;
  /** The cursor after the pass (unchanged when it failed). */
  cursor: string | null;
  /** Why the pass of this source failed; its cursor was not advanced. */
  error?: string;
}

export const emptySummary = (cursor: string | null): SourceSummary => ({
  read: 0,
  appended: 0,
  duplicates: 0,
  cursor,
});

export function count(summary: SourceSummary, result: { duplicate: boolean }): void {
  if (result.duplicate) summary.duplicates += 1;
  else summary.appended += 1;
}
