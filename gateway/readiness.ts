import { Kind, parse, type ConstValueNode } from 'graphql';

/** A subgraph named in the supergraph, with the URL the gateway sends its fetches to. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface SubgraphProbe {
  name: string;
  url: string;
  ok: boolean;
  /** Why the probe failed, for operators. */
  error?: string;
}

export interface Readiness {
  ready: boolean;
  subgraphs: SubgraphProbe[];
}

function stringArgument(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** The subgraphs of a Federation 2 supergraph: the `@join__graph(name:, url:)` values of `join__Graph`. */
export function subgraphsOf(supergraphSdl: string): SubgraphEndpoint[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const argument = (name: string) => directive?.arguments?.find((a) => a.name.value === name)?.value;
      const url = stringArgument(argument('url'));
      if (url) endpoints.push({ name: stringArgument(argument('name')) ?? value.name.value, url });
    }
  }
  return endpoints;
}

/** `fetch failed: connect ECONNREFUSED …`: the message and its cause's, which says what actually failed. */
function describe(error: unknown): string {
  const message = (value: unknown) =>
    typeof value === 'object' && value !== null && 'message' in value ? String(value.message) : String(value);
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  return cause === undefined ? message(error) : `${message(error)}: ${message(cause)}`;
}

async function probe(endpoint: SubgraphEndpoint, timeoutMs: number): Promise<SubgraphProbe> {
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { data?: { __typename?: unknown } } | null;
    if (response.ok && typeof body?.data?.__typename === 'string') return { ...endpoint, ok: true };
    return { ...endpoint, ok: false, error: `answered HTTP ${response.status} without data.__typename` };
  } catch (error) {
    return { ...endpoint, ok: false, error: describe(error) };
  }
}

/** Ready when every subgraph answers a `{ __typename }` probe within `timeoutMs` (default 2000). */
export async function checkReadiness(
  subgraphs: readonly SubgraphEndpoint[],
  timeoutMs = 2000,
): Promise<Readiness> {
  const probes = await Promise.all(subgraphs.map((endpoint) => probe(endpoint, timeoutMs)));
  return { ready: probes.every((result) => result.ok), subgraphs: probes };
}
