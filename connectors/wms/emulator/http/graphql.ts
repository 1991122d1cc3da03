/**
 * `POST /graphql`: bearer token, then (in this order) call counting, faults, the credit throttle, execution,
 * and ShipHero's error shape `{ message, code, operation, field, request_id }` beside graphql-js's
 * `path`/`locations`. Document errors (syntax, unknown fields) are HTTP 400; the rest HTTP 200.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { execute, getOperationAST, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { estimateComplexity, rootFields } from '../complexity.js';
import type { WmsEmulator } from '../emulator.js';
import { createRootValue } from '../resolvers.js';
import { wmsEmulatorSchema } from '../schema.js';
import { NOT_ENOUGH_CREDITS, ShipHeroError } from '../shiphero-error.js';
import { hasBearer, readBody, sendJson, sendText } from './respond.js';

/** Valid documents by their text, as a GraphQL server keeps them: a client sends the same few again. */
const VALID_DOCUMENTS_KEPT = 100;

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export function createGraphqlHandler(emulator: WmsEmulator) {
  const rootValue = createRootValue(emulator);
  const validDocuments = new Map<string, DocumentNode>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hasBearer(req, emulator.token))
      return sendJson(res, 401, { errors: [{ message: 'Invalid or expired access token', code: 22 }] });
    if (req.method !== 'POST') return sendJson(res, 405, { errors: [{ message: 'Use POST' }] });
    const requestId = randomBytes(12).toString('hex');
    let body: GraphqlBody;
    try {
      body = JSON.parse(await readBody(req)) as GraphqlBody;
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Body is not JSON', request_id: requestId }] });
    }
    const variables = (
      typeof body.variables === 'object' && body.variables !== null ? body.variables : {}
    ) as Record<string, unknown>;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const query = typeof body.query === 'string' ? body.query : '';
    let document = validDocuments.get(query);
    if (!document) {
      try {
        document = parse(query);
      } catch (error) {
        return sendJson(res, 400, { errors: [formatError(error as GraphQLError, requestId, undefined)] });
      }
      const invalid = validate(wmsEmulatorSchema, document);
      if (invalid.length > 0)
        return sendJson(res, 400, { errors: invalid.map((e) => formatError(e, requestId, undefined)) });
      if (validDocuments.size >= VALID_DOCUMENTS_KEPT) validDocuments.clear();
      validDocuments.set(query, document);
    }
    const operation = getOperationAST(document, operationName);
    if (!operation)
      return sendJson(res, 400, { errors: [{ message: 'No operation to run', request_id: requestId }] });
    const roots = rootFields(operation).map((field) => field.name.value);
    emulator.calls.record(roots);
    emulator.tick();

    const { faults } = emulator;
    if (faults.config.outage)
      return sendText(res, 503, '<html><body><h1>503 Service Unavailable</h1></body></html>', 'text/html');
    const cost = estimateComplexity(operation, variables);
    const forced = faults.throttleNow();
    const credits =
      forced === undefined
        ? emulator.credits.take(cost)
        : { ok: false as const, remaining: 0, waitSeconds: forced };
    if (!credits.ok) {
      const seconds =
        credits.waitSeconds < 1 ? Number(credits.waitSeconds.toFixed(3)) : Math.ceil(credits.waitSeconds);
      return sendJson(res, 200, {
        errors: [
          {
            code: NOT_ENOUGH_CREDITS,
            message: `There are not enough credits to perform the requested operation, which requires ${cost} credits. The max allowed for your account is ${emulator.credits.maxCredits} credits per operation. Try again in ${seconds} seconds`,
            operation: roots[0],
            request_id: requestId,
            required_credits: cost,
            remaining_credits: credits.remaining,
            time_remaining: `${seconds} seconds`,
          },
        ],
        data: null,
      });
    }

    const result = await execute({
      schema: wmsEmulatorSchema,
      document,
      rootValue,
      contextValue: { requestId },
      variableValues: variables,
      operationName,
    });
    const latency = faults.latencyFor(roots);
    if (latency > 0) await sleep(latency);
    if (faults.config.malformedResponse === 'not-json')
      return sendText(res, 200, '<html><body>Oops</body></html>', 'text/html');
    if (faults.config.malformedResponse === 'shape') {
      const data = Object.fromEntries(
        Object.keys(result.data ?? {}).map((key) => [
          key,
          { request_id: 42, complexity: 'high', data: 'none' },
        ]),
      );
      return sendJson(res, 200, { data });
    }
    const answer: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors) answer.errors = result.errors.map((e) => formatError(e, requestId, roots[0]));
    sendJson(res, 200, answer);
  };
}

function formatError(
  error: GraphQLError,
  requestId: string,
  operation: string | undefined,
): Record<string, unknown> {
  const original = error.originalError;
  const field = typeof error.path?.[0] === 'string' ? error.path[0] : undefined;
  return {
    message: error.message,
    ...(operation ? { operation } : {}),
    ...(field ? { field } : {}),
    request_id: requestId,
    ...(original instanceof ShipHeroError ? { code: original.code } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
  };
}
