export { ReconcileCursors, type CursorName } from './reconcile-cursors.js';
export { reconcileCarrierTrackers } from './reconcile-carrier.js';
export { withLock } from './reconcile-lock.js';
export { reconcileOdooOrders } from './reconcile-odoo.js';
export { reconcileWmsOrders } from './reconcile-wms.js';
export {
  startReconciler,
  type ReconcileSummary,
  type Reconciler,
  type ReconcilerOptions,
} from './reconciler.js';
export type { SourceSummary } from './source-summary.js';
