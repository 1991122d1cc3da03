/**
 * Stands in front of the real subgraphs (BENCH_TARGETS: name → URL) and answers every request body it
 * has seen before from memory, the first of each from the real subgraph. A gateway over these pays for
 * all of its own work (HTTP in and out, planning, fetching, merging, checks) and almost nothing else, so
 * two gateways compared over them are compared on what each costs, not on the subgraphs they share.
 * Answers only on loopback; `GET /__replay/misses` tells how many bodies went to the real subgraphs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpResponse } from '../../connectors/shared/http-client.js';
import { IDENTITY_HEADER } from '../../platform/auth/identity-token.js';
import { SUBGRAPH_KEEP_ALIVE_MS } from '../../platform/graphql/start-subgraph-server.js';
import { readBodyText, sendJson } from '../../connectors/shared/http-io.js';

const targets = JSON.parse(process.env.BENCH_TARGETS ?? '{}') as Record<string, string>;

const MAX_BODY_BYTES = 1_000_000;
/** How long the real subgraph may take to answer a body seen for the first time. */
const FORWARD_TIMEOUT_MS = 30_000;
const http = createHttpClient();
let misses = 0;
const servers: Server[] = [];
const urls: Record<string, string> = {};

for (const [name, target] of Object.entries(targets)) {
  const answers = new Map<string, Promise<HttpResponse>>();
  // Keeps idle connections as long as a subgraph does, for the same reason (see start-subgraph-server.ts).
  const server = createServer({ keepAliveTimeout: SUBGRAPH_KEEP_ALIVE_MS }, (req, res) => {
    if (req.url === '/__replay/misses') return sendJson(res, 200, { misses });
    void readBodyText(req, MAX_BODY_BYTES)
      .then(async (body) => {
        let answer = answers.get(body);
        if (!answer) {
          misses += 1;
          const identity = req.headers[IDENTITY_HEADER];
          answer = http.send(target, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(typeof identity === 'string' ? { [IDENTITY_HEADER]: identity } : {}),
            },
            body,
            signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
          });
          answers.set(body, answer);
          answer.catch(() => answers.delete(body));
        }
        const { status, text } = await answer;
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      })
      .catch(() => {
        // Asked again next time; this one fails visibly (the benchmark counts non-2xx answers as errors).
        res.writeHead(502).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

process.send?.(urls);
process.on('disconnect', () => {
  for (const server of servers) server.closeAllConnections();
  void Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
    .then(() => http.close())
    .then(() => process.exit(0));
});
