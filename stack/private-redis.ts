import { spawn } from 'node:child_process';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import type { Logger } from '../platform/logger.js';

export interface PrivateRedis {
  url: string;
  pid: number;
  /** Stops this redis-server (by its PID) and waits for it to exit. */
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function answersPing(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * A throw-away `redis-server` on a free loopback port, with persistence off (it is the demo's, and dies
 * with the process), or null when no `redis-server` is installed. This is what `npm start` uses when
 * REDIS_URL is unset, as the tests do.
 */
export async function startPrivateRedis(logger: Logger, host = '127.0.0.1'): Promise<PrivateRedis | null> {
  const port = await freePort(host);
  const child = spawn(
    'redis-server',
    ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned || child.pid === undefined) return null;
  const pid = child.pid;
  // However this process ends (even with a shutdown step still pending), the private Redis ends with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await answersPing(host, port)) {
      logger.info({ pid, port }, 'started a private redis-server (persistence off; stops with this process)');
      return { url: `redis://${host}:${port}`, pid, stop };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`redis-server (pid ${pid}) did not answer on ${host}:${port}`);
}
