import {
  CarrierClient,
  parseCarrierConfig,
  type CarrierCallEvent,
} from '../../../connectors/carrier/index.js';
import type { CarrierConfigInput } from '../../../connectors/carrier/index.js';
import {
  startCarrierEmulator,
  type RunningCarrierEmulator,
  type StartCarrierEmulatorOptions,
} from '../../../connectors/carrier/emulator/server.js';
import type { Parcel, PostalAddress } from '../../../schema/canonical/shipping.js';
import { createLogger } from '../../../platform/logger.js';

/** A frozen, known moment, so that histories and dates are the same on every run. */
export const T0 = '2025-03-03T15:00:00.000Z';

export const CHICAGO: PostalAddress = {
  name: 'Shipping Dept',
  company: 'Distribution Demo Inc.',
  street1: '233 S Wacker Dr',
  street2: null,
  city: 'Chicago',
  state: 'IL',
  postalCode: '60606',
  country: 'US',
  phone: '3125550100',
  email: null,
};

export const SEATTLE: PostalAddress = {
  name: 'Receiving',
  company: 'Cascade Hardware',
  street1: '400 Pine St',
  street2: 'Suite 200',
  city: 'Seattle',
  state: 'WA',
  postalCode: '98101',
  country: 'US',
  phone: null,
  email: 'receiving@example.com',
};

export const BOX: Parcel = { weightOz: 52, lengthIn: 12, widthIn: 9, heightIn: 6 };

export interface CarrierFixture {
  carrier: RunningCarrierEmulator;
  client: CarrierClient;
  events: CarrierCallEvent[];
  /** Another client on the same emulator, with other options. */
  clientWith(config: Partial<CarrierConfigInput>): { client: CarrierClient; events: CarrierCallEvent[] };
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startCarrierFixture(
  emulator: StartCarrierEmulatorOptions = {},
  config: Partial<CarrierConfigInput> = {},
): Promise<CarrierFixture> {
  const carrier = await startCarrierEmulator({
    port: 0,
    stepMs: 60_000,
    exceptionRate: 0,
    now: T0,
    ...emulator,
  });
  const logger = createLogger({ name: 'carrier-test', level: 'silent' });
  const clientWith = (overrides: Partial<CarrierConfigInput>) => {
    const events: CarrierCallEvent[] = [];
    const parsed = parseCarrierConfig(
      {
        url: carrier.url,
        apiKey: carrier.apiKey,
        retryInitialDelayMs: 5,
        retryMaxDelayMs: 20,
        ...config,
        ...overrides,
      },
      { mode: 'demo' },
    );
    return { client: new CarrierClient(parsed, { logger, onCall: (event) => events.push(event) }), events };
  };
  const { client, events } = clientWith({});
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${carrier.url}/__emulator/${path}`, {
      method,
      headers: { authorization: `Bearer ${carrier.adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
  return { carrier, client, events, clientWith, admin, close: () => carrier.close() };
}
