import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningEmulator {
  server: Server;
  port: number;
  /** `http://host:port`, the host bracketed when it is IPv6. */
  url: string;
}

/**
 * Serves an emulator's request handler on node:http at `host:port` (port 0: any free one); a handler
 * that throws answers 500 and is logged, never left hanging.
 */
export async function listenEmulator(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: { host: string; port: number; logger: { error(obj: object, msg: string): void } },
): Promise<ListeningEmulator> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { server, port, url: `http://${host}:${port}` };
}
