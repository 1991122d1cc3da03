/**
 * `npm start`: the whole product on loopback in one process, on its embedded default: the emulated
 * Odoo, WMS and carrier with consistent demo data, every subgraph, and the gateway with Apollo
 * Sandbox. Ctrl-C (SIGINT) or SIGTERM stops everything cleanly.
 */
import { carrierEmulatorOptionsFromEnv } from '../connectors/carrier/emulator/from-env.js';
import { loadEmulatorEnv } from '../connectors/odoo/emulator/config.js';
import { wmsEmulatorOptionsFromEnv } from '../connectors/wms/emulator/from-env.js';
import {
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
} from '../gateway/auth/demo-api-keys.js';
import { printBanner } from '../platform/banner.js';
import { createLogger } from '../platform/logger.js';
import { runUntilSignal } from '../platform/run-until-signal.js';
import { startEmbeddedStack } from '../stack/embedded-stack.js';
import { redisForStart } from '../stack/redis-for-start.js';
import { loadStartConfig } from './start-config.js';

const logger = createLogger({ name: 'distribution-graph' });

await runUntilSignal(logger, async () => {
  const emulator = loadEmulatorEnv(process.env);
  const config = loadStartConfig(process.env);
  const redis = await redisForStart(config.REDIS_URL, logger);
  const stack = await startEmbeddedStack({
    logger,
    // API keys, rate limits and the audit stream in Redis (demo keys seeded), else in memory.
    apiKeys: { redisUrl: redis.url ?? undefined },
    redisUrl: redis.url ?? undefined,
    port: config.PORT,
    subgraphPorts: {
      inventory: config.INVENTORY_PORT,
      orders: config.ORDERS_PORT,
      invoicing: config.INVOICING_PORT,
      access: config.ACCESS_PORT,
      warehouse: config.WAREHOUSE_PORT,
      shipping: config.SHIPPING_PORT,
      operations: config.OPERATIONS_PORT,
    },
    eventsPort: config.EVENTS_PORT,
    wms: wmsEmulatorOptionsFromEnv(process.env),
    carrier: carrierEmulatorOptionsFromEnv(process.env),
    odoo: {
      port: emulator.ODOO_EMULATOR_PORT,
      database: emulator.ODOO_EMULATOR_DATABASE,
      apiKey: emulator.ODOO_EMULATOR_API_KEY,
      adminKey: emulator.ODOO_EMULATOR_ADMIN_KEY,
      demo: emulator.ODOO_EMULATOR_DEMO
        ? { scale: emulator.ODOO_EMULATOR_SCALE, seed: emulator.ODOO_EMULATOR_SEED }
        : false,
      faults: emulator.ODOO_EMULATOR_FAULTS,
      webhooks: emulator.ODOO_EMULATOR_WEBHOOKS,
    },
    gateway: {
      allowAnonymous: config.ALLOW_ANONYMOUS,
      sandboxHeaders: { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` },
    },
  });
  const { gateway, subgraphs, odoo, wms, carrier, events, demoPartners } = stack;
  logger.info(
    {
      gateway: gateway.url,
      subgraphs: Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])),
      odoo: odoo.url,
    },
    'ready',
  );
  const [partner1, partner2] = demoPartners;
  printBanner(
    [
      'Distribution Graph is running (embedded demo mode: emulated Odoo, WMS and carrier with demo data).',
      '',
      `  GraphQL + Apollo Sandbox  ${gateway.url}   (open it in a browser)`,
      `  GraphiQL (offline)        ${gateway.url.replace(/\/graphql$/, '/graphiql')}`,
      `  operations page           ${gateway.url.replace(/\/graphql$/, '/ops')}  (sign in with the internal key)`,
      `  subgraphs                 ${Object.entries(subgraphs)
        .map(([name, s]) => `${name} ${s.url}`)
        .join(', ')}`,
      events
        ? `  events (webhooks in)      ${events.url}/webhooks/{odoo,wms,carrier}  (subscriptions: ws on the gateway)`
        : '  events                    off: subscriptions and webhooks need Redis',
      `  Odoo emulator             ${odoo.url}  (API key ${odoo.apiKey})`,
      `  WMS emulator (ShipHero)   ${wms.url}  (token ${wms.token})`,
      `  carrier emulator          ${carrier.url}/v2  (EasyPost-style, API key ${carrier.apiKey})`,
      `  Redis                     ${redis.description}`,
      '',
      '  Demo API keys (demo mode only; production refuses them):',
      `    internal staff                   ${DEMO_INTERNAL_API_KEY}`,
      partner1 ? `    partner ${partner1.name.padEnd(24)} ${DEMO_PARTNER1_API_KEY}` : '',
      partner2 ? `    partner ${partner2.name.padEnd(24)} ${DEMO_PARTNER2_API_KEY}` : '',
      '',
      `  try: curl -s ${gateway.url} -H 'authorization: Bearer ${DEMO_INTERNAL_API_KEY}' \\`,
      `         -H 'content-type: application/json' -d '{"query":"{ warehouses { code name } }"}'`,
    ].filter((line, index, lines) => line !== '' || lines[index - 1] !== ''),
  );
  return async () => {
    await stack.close();
    await redis.close();
  };
});
