/** The node:http request Hive's server context carries, as far as we read it. */
interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/**
 * The address of the client that opened the connection. Behind a proxy this is the proxy: the throttle
 * of wrong credentials then counts per proxy, which errs on the side of refusing.
 */
export function clientAddressOf(serverContext: unknown): string {
  return (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress ?? 'unknown';
}
