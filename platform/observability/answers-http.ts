/** A fetch-compatible function, as the connectors take one. */
type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Resolves when `url` answers HTTP at all (any status: a 401 or a 405 still means the system is up),
 * without following redirects or reading the body; rejects with the network error otherwise.
 */
export async function answersHttp(fetchFn: FetchLike, url: string, signal: AbortSignal): Promise<void> {
  const response = await fetchFn(url, { method: 'GET', redirect: 'manual', signal });
  await response.body?.cancel();
}
