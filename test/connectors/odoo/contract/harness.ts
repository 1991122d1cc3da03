import {
  OdooClient,
  odooConfigSchema,
  type OdooCallEvent,
  type HttpSend,
  type OdooConfigInput,
} from '../../../../connectors/odoo/index.js';
import {
  startOdooEmulator,
  type RunningOdooEmulator,
  type StartOdooEmulatorOptions,
} from '../../../../connectors/odoo/emulator/server.js';
import { createLogger } from '../../../../platform/logger.js';

export type Protocol = 'json2' | 'jsonrpc';

/** An emulated Odoo on loopback and a connector pointed at it over real HTTP, recording every attempt. */
export interface ContractHarness {
  odoo: RunningOdooEmulator;
  client: OdooClient;
  calls: OdooCallEvent[];
  /** A second client on the same server with other options (short timeouts, a small breaker...). */
  clientWith(
    overrides: Partial<OdooConfigInput>,
    send?: HttpSend,
  ): { client: OdooClient; calls: OdooCallEvent[] };
  setFaults(faults: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startContractHarness(
  protocol: Protocol,
  options: StartOdooEmulatorOptions = {},
): Promise<ContractHarness> {
  const odoo = await startOdooEmulator({ port: 0, ...options });
  const logger = createLogger({ name: 'contract', level: 'silent' });
  const clientWith = (overrides: Partial<OdooConfigInput>, send?: HttpSend) => {
    const calls: OdooCallEvent[] = [];
    const config = odooConfigSchema.parse({
      url: odoo.url,
      apiKey: odoo.apiKey,
      database: odoo.database,
      login: odoo.login,
      protocol,
      retryInitialDelayMs: 5,
      retryMaxDelayMs: 20,
      ...overrides,
    });
    return {
      client: new OdooClient({ config, logger, send, onCall: (event) => calls.push(event) }),
      calls,
    };
  };
  const { client, calls } = clientWith({});
  const setFaults = async (faults: Record<string, unknown>) => {
    const response = await fetch(`${odoo.url}/__emulator/faults`, {
      method: 'POST',
      headers: { authorization: `bearer ${odoo.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });
    if (!response.ok) throw new Error(`setting faults failed: ${response.status} ${await response.text()}`);
  };
  return { odoo, client, calls, clientWith, setFaults, close: () => odoo.close() };
}
