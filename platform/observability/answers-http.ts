import type { HttpSend } from '../../connectors/shared/http-client.js';

/**
 * Resolves when `url` answers HTTP at all (any status: a 401, a 405 or a redirect, which is not
 * followed, still means the system is up); rejects with the network error otherwise.
 */
export async function answersHttp(send: HttpSend, url: string, signal: AbortSignal): Promise<void> {
  await send(url, { method: 'GET', headers: {}, signal });
}
