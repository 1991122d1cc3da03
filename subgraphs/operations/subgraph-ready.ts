/** Resolves when the subgraph at `graphqlUrl` answers 200 on `/readyz`; rejects saying why not. */
export async function subgraphReady(graphqlUrl: string, signal: AbortSignal): Promise<void> {
  const url = new URL('/readyz', graphqlUrl);
  const response = await fetch(url, { signal });
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const body = (await response.json().catch(() => null)) as {
    dependencies?: Record<string, { ok: boolean; error?: string }>;
  } | null;
  const failing = Object.entries(body?.dependencies ?? {})
    .filter(([, state]) => !state.ok)
    .map(([name, state]) => `${name}: ${state.error ?? 'not reachable'}`);
  throw new Error(`/readyz answered ${response.status}${failing.length ? ` (${failing.join('; ')})` : ''}`);
}
