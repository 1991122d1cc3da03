import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { z } from 'zod';

/** A breaking change someone decided to make, with the reason clients were told. */
export const intendedChangeSchema = z.object({
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: z.string().min(1),
  /** Schema coordinate, e.g. "Order.total". */
  path: z.string().min(1),
  reason: z.string().min(10),
});
export const intendedChangesSchema = z.array(intendedChangeSchema);
export type IntendedChange = z.infer<typeof intendedChangeSchema>;

export interface BreakingChange {
  type: string;
  path: string;
  message: string;
}

/**
 * Changes from `baselineSdl` (the API clients were given) to `currentSdl` that break existing clients
 * (a removed field, a changed type, a new required argument...) and are not recorded as intended.
 */
export async function unintendedBreakingChanges(
  baselineSdl: string,
  currentSdl: string,
  intended: readonly IntendedChange[],
): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(buildSchema(baselineSdl), buildSchema(currentSdl));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({
      type: String(change.type),
      path: typeof change.path === 'string' ? change.path : '',
      message: change.message,
    }))
    .filter((change) => !intended.some((known) => known.type === change.type && known.path === change.path));
}
