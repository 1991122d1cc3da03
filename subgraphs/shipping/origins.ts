/** Moved to the carrier connector (the orchestration ships from the same origins); kept for imports. */
export { DEMO_ORIGINS, loadShippingOrigins } from '../../connectors/carrier/origins.js';
