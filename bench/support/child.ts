import { fork, type ChildProcess } from 'node:child_process';

/** A child process running a TypeScript entry under tsx, with the message it sent when ready. */
export interface ReadyChild<T> {
  child: ChildProcess;
  ready: T;
  stop(): Promise<void>;
}

/** Forks `entry` (a .ts file) and waits for its first IPC message; `stop` disconnects and awaits its exit. */
export async function forkReady<T>(entry: string, env: Record<string, string> = {}): Promise<ReadyChild<T>> {
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
    });
  return { child, ready, stop };
}
