import { randomBytes } from 'node:crypto';
import { forkReady, type ReadyChild } from './child.js';
import type { EmulatorsReady } from './emulators-process.js';
import type { SubgraphsReady } from './subgraphs-process.js';

/** The data subgraphs, each forked alone as it is deployed (`npm run start:<name>`). */
const SUBGRAPHS = ['inventory', 'orders', 'invoicing', 'warehouse', 'shipping'] as const;

/** The subgraphs' processes as one: their URLs (with what the emulators said) and their pids. */
export interface SubgraphProcesses {
  ready: SubgraphsReady;
  pids: number[];
  stop(): Promise<void>;
}

/** The emulators' process and, over them, one process per data subgraph. */
export interface Backends {
  emulators: ReadyChild<EmulatorsReady>;
  subgraphs: SubgraphProcesses;
  stop(): Promise<void>;
}

/**
 * Starts emulators-process.ts, then subgraphs-process.ts once per data subgraph over it
 * (`subgraphEnv` added to their environment), sharing one identity secret; `fork` may record each
 * child (for a hard time limit). Each subgraph has a process of its own, as deployed: in one process
 * together, that one event loop was busy 88% of the time at 197 portal requests/s and set the pace of
 * every gateway before their own differences showed. Stops subgraphs before emulators.
 */
export async function startBackends(
  options: { emulatorEnv?: Record<string, string>; subgraphEnv?: Record<string, string> } = {},
  fork: <T>(entry: string, env: Record<string, string>) => Promise<ReadyChild<T>> = forkReady,
): Promise<Backends> {
  const emulators = await fork<EmulatorsReady>(
    'bench/support/emulators-process.ts',
    options.emulatorEnv ?? {},
  );
  const started: ReadyChild<SubgraphsReady>[] = [];
  const stopSubgraphs = () => Promise.all(started.map((child) => child.stop())).then(() => undefined);
  try {
    const secret = randomBytes(32).toString('hex');
    for (const name of SUBGRAPHS)
      started.push(
        await fork<SubgraphsReady>('bench/support/subgraphs-process.ts', {
          ...options.subgraphEnv,
          BENCH_EMULATORS: JSON.stringify(emulators.ready),
          BENCH_SUBGRAPHS: name,
          BENCH_IDENTITY_SECRET: secret,
        }),
      );
    const ready: SubgraphsReady = {
      ...started[0]!.ready,
      urls: Object.assign({}, ...started.map((child) => child.ready.urls)) as SubgraphsReady['urls'],
    };
    const subgraphs = { ready, pids: started.map((child) => child.child.pid ?? 0), stop: stopSubgraphs };
    return {
      emulators,
      subgraphs,
      stop: async () => {
        await stopSubgraphs();
        await emulators.stop();
      },
    };
  } catch (error) {
    await stopSubgraphs();
    await emulators.stop();
    throw error;
  }
}
