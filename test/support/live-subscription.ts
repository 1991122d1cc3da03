import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription {
  /** Every result so far, in order. */
  results: any[];
  /** Resolves when the subscription completes or fails. */
  ended: Promise<void>;
  /** Resolves once at least `count` results arrived; rejects after `timeoutMs`. */
  until(count: number, timeoutMs?: number): Promise<any[]>;
  /** Closes the socket (the subscription ends as if the client went away). */
  dispose(): Promise<void>;
}

/** Opens a subscription over graphql-ws and collects its results as they arrive. */
export function openSubscription(
  url: string,
  query: string,
  connectionParams: Record<string, unknown>,
  variables: Record<string, unknown> = {},
): LiveSubscription {
  const results: any[] = [];
  const client = createClient({
    url: url.replace('http://', 'ws://'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  const ended = new Promise<void>((resolve) => {
    client.subscribe(
      { query, variables },
      {
        next: (result) => results.push(result),
        error: (error) => {
          results.push({ thrown: error });
          resolve();
        },
        complete: resolve,
      },
    );
  });
  return {
    results,
    ended,
    until: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `${results.length} of ${count} results within ${timeoutMs} ms: ${JSON.stringify(results)}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return results;
    },
    dispose: () => Promise.resolve(client.dispose()),
  };
}
