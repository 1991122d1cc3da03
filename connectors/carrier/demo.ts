/**
 * What the carrier emulator publishes and the connector's demo defaults point at. The key opens only an
 * emulator on loopback; {@link parseCarrierConfig} refuses it in production.
 */
export const CARRIER_EMULATOR_DEMO_KEY = 'EZTKdemo-carrier-key-emulator-only';

/** The emulator's default base URL (`npm run emulator:carrier`); the API lives under `/v2`. */
export const CARRIER_EMULATOR_DEFAULT_URL = 'http://127.0.0.1:8071';
