import { forkReady, type ReadyChild } from './child.js';
import type { EmulatorsReady } from './emulators-process.js';
import type { SubgraphsReady } from './subgraphs-process.js';

/** The emulators' process and the subgraphs' process over them. */
export interface Backends {
  emulators: ReadyChild<EmulatorsReady>;
  subgraphs: ReadyChild<SubgraphsReady>;
  stop(): Promise<void>;
}

/**
 * Starts emulators-process.ts, then subgraphs-process.ts over it (`subgraphEnv` added to the latter's
 * environment); `fork` may record each child (for a hard time limit). Stops subgraphs before emulators.
 */
export async function startBackends(
  options: { emulatorEnv?: Record<string, string>; subgraphEnv?: Record<string, string> } = {},
  fork: <T>(entry: string, env: Record<string, string>) => Promise<ReadyChild<T>> = forkReady,
): Promise<Backends> {
  const emulators = await fork<EmulatorsReady>(
    'bench/support/emulators-process.ts',
    options.emulatorEnv ?? {},
  );
  try {
    const subgraphs = await fork<SubgraphsReady>('bench/support/subgraphs-process.ts', {
      ...options.subgraphEnv,
      BENCH_EMULATORS: JSON.stringify(emulators.ready),
    });
    return {
      emulators,
      subgraphs,
      stop: async () => {
        await subgraphs.stop();
        await emulators.stop();
      },
    };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
}
