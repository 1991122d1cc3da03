export {
  countCallsTo,
  currentCallBudget,
  emptyCallBudget,
  withCallBudget,
  type CallBudget,
} from './call-budget.js';
export { CALL_BUDGET_HEADER, callBudgetPlugin } from './call-budget-plugin.js';
export { generationKey, valueKey, type CacheEntryRef } from './cache-keys.js';
export {
  cacheTypes,
  DEFAULT_CACHE_POLICIES,
  entityCacheConfigSchema,
  type CachePolicy,
  type CacheType,
  type EntityCacheConfig,
} from './cache-policy.js';
export { entriesAffectedBy } from './entries-affected-by.js';
export { EntityCache, type CacheLoad, type CacheTypeStats, type EntityCacheOptions } from './entity-cache.js';
export { InvalidatingEventLog, type InvalidatingEventLogOptions } from './invalidating-event-log.js';
