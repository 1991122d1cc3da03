/**
 * Runs the Odoo emulator alone in this process, so that a benchmark measures it on its own core while
 * the load generator runs in the parent. Tells the parent its URL and key over the IPC channel.
 */
import { startOdooEmulator } from '../../connectors/odoo/emulator/server.js';

const scale = Number(process.env.BENCH_ODOO_SCALE ?? '1');
const emulator = await startOdooEmulator({ port: 0, host: '127.0.0.1', demo: { scale, seed: 1 } });
process.send?.({
  url: emulator.url,
  apiKey: emulator.apiKey,
  database: emulator.database,
  login: emulator.login,
});
process.on('disconnect', () => {
  void emulator.close().then(() => process.exit(0));
});
