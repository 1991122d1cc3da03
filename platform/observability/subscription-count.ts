import type { ConnectionInitMessage, ServerOptions } from 'graphql-ws';

type ConnectionInitParams = ConnectionInitMessage['payload'];

function isAsyncIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * graphql-ws server options that count the subscriptions being served: `open.inc()` when a subscription
 * starts streaming, `open.dec()` when it ends however it ends (completed by either side, failed, socket
 * closed). The options' own `onOperation` and `onComplete` still run.
 */
export function countingSubscriptions<E, P extends ConnectionInitParams = ConnectionInitParams>(
  options: ServerOptions<P, E>,
  open: { inc(): void; dec(): void },
): ServerOptions<P, E> {
  const streaming = new WeakMap<object, Set<string>>();
  const onOperation: ServerOptions<P, E>['onOperation'] = async (ctx, id, payload, args, result) => {
    const replaced = await options.onOperation?.(ctx, id, payload, args, result);
    if (isAsyncIterable(replaced ?? result)) {
      const ids = streaming.get(ctx) ?? new Set<string>();
      streaming.set(ctx, ids);
      ids.add(id);
      open.inc();
    }
    return replaced;
  };
  const onComplete: ServerOptions<P, E>['onComplete'] = async (ctx, id, payload) => {
    if (streaming.get(ctx)?.delete(id)) open.dec();
    await options.onComplete?.(ctx, id, payload);
  };
  return { ...options, onOperation, onComplete };
}
