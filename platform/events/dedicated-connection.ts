import type { RedisClient } from '../redis.js';

/**
 * A connection of its own for a blocking read (XREAD / XREADGROUP BLOCK would stall every command queued
 * behind it on a shared client), named `name` in CLIENT LIST. It does not reconnect: when it drops, the
 * blocked read rejects and the caller decides (a subscriber resumes from its last id). `destroy()` it to
 * stop; that also interrupts a read in progress.
 */
export async function openDedicatedConnection(redis: RedisClient, name: string): Promise<RedisClient> {
  const connection = redis.duplicate({
    name,
    socket: { ...redis.options?.socket, reconnectStrategy: false },
  });
  // Failures surface as the rejected command; without a listener an 'error' event would crash the process.
  connection.on('error', () => undefined);
  await connection.connect();
  return connection;
}

/** Destroys `connection` when `signal` aborts; call the returned function to stop listening. */
export function destroyOnAbort(connection: RedisClient, signal: AbortSignal): () => void {
  const stop = () => {
    if (connection.isOpen) connection.destroy();
  };
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  return () => signal.removeEventListener('abort', stop);
}
