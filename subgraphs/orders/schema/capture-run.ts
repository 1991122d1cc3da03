import { OdooOrderCapture } from '../../../connectors/odoo/sales/capture-order.js';
import type {
  CaptureIssue,
  CaptureOutcome,
  CaptureRequest,
} from '../../../connectors/odoo/sales/capture-types.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { graphError } from '../../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { fingerprintOf, sha256Hex } from '../../../platform/idempotency/canonical-fingerprint.js';
import { withRedisLock } from '../../../platform/idempotency/redis-lock.js';
import { runIdempotently } from '../../../platform/idempotency/run-idempotently.js';
import { fromGlobalId } from '../../../schema/canonical/global-id.js';
import type { OrdersContext } from '../context.js';
import { captureInputSchema, issuePath, type CaptureOrderInputShape } from './capture-input.js';
import type { CaptureOrderResult } from './capture-outcomes.js';
import type { OrderCaptureServices } from './capture-services.js';

/** What one run of a capture keeps: the outcome, and whether an earlier attempt made its order. */
interface CaptureRun {
  outcome: CaptureOutcome;
  /** The order was found, made by an earlier attempt with this key whose answer was lost. */
  recovered: boolean;
}

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** Idempotency keys are per tenant for partners (all its credentials share them), per principal otherwise. */
export function idempotencyScope(principal: Principal): string {
  return principal.kind === 'partner' ? `tenant-${principal.tenantPartnerId}` : `internal-${principal.id}`;
}

/**
 * `captureOrder`: once per idempotency key (see README, "Capturing orders"). The first request with a
 * key runs the capture under a lock on its customer reference and keeps the outcome; a repeat gets it
 * back marked replayed. `onCaptured` hears of each order made, after the outcome is kept.
 */
export async function captureOrder(
  context: OrdersContext,
  input: CaptureOrderInputShape,
  idempotencyKey: string,
): Promise<CaptureOrderResult> {
  const principal = requirePrincipal(context);
  const services = context.capture;
  if (!services)
    throw graphError('IDEMPOTENCY_UNAVAILABLE', 'Capturing orders needs Redis, which this deployment lacks.');
  if (!IDEMPOTENCY_KEY.test(idempotencyKey) || idempotencyKey.trim() === '')
    throw graphError(
      'BAD_USER_INPUT',
      'idempotencyKey must be 1 to 255 printable ASCII characters, e.g. a UUID.',
      {
        extensions: {
          issues: [{ argument: 'idempotencyKey', message: 'must be 1 to 255 printable ASCII characters' }],
        },
      },
    );
  const scope = idempotencyScope(principal);
  const fingerprint = fingerprintOf({ operation: 'captureOrder', input });
  const result = await runIdempotently<CaptureRun>({
    store: services.store,
    slot: { operation: 'captureOrder', scope, key: idempotencyKey },
    fingerprint,
    waitMs: services.idempotencyWaitMs,
    logger: context.logger,
    run: () =>
      runCapture(services, principal, input, {
        anchor: `dgcap:${sha256Hex(`${scope}\n${idempotencyKey}`).slice(0, 32)}`,
        variant: fingerprint.slice(0, 16),
      }),
  });
  const { outcome } = result.outcome;
  if (!result.replayed && outcome.kind === 'CAPTURED') await announce(services, context, outcome);
  return { outcome, replayed: result.replayed || result.outcome.recovered, idempotencyKey };
}

async function runCapture(
  services: OrderCaptureServices,
  principal: Principal,
  input: CaptureOrderInputShape,
  reference: CaptureRequest['reference'],
): Promise<CaptureRun> {
  const parsed = toRequest(principal, input, reference);
  if ('issues' in parsed) return { outcome: { kind: 'INVALID', issues: parsed.issues }, recovered: false };
  const lockKey = `${services.namespace}:capture-lock:${parsed.customerRowId}:${sha256Hex(parsed.customerReference)}`;
  const locked = await withRedisLock(
    services.redis,
    lockKey,
    { ttlMs: services.referenceLockTtlMs, waitMs: services.referenceLockWaitMs },
    () => new OdooOrderCapture(services.odoo).capture(parsed),
  );
  if (!locked.locked) throw graphError('ORDER_CAPTURE_BUSY');
  const attempt = locked.value;
  if (attempt.kind === 'key-reused') throw graphError('IDEMPOTENCY_KEY_REUSED');
  return { outcome: attempt.outcome, recovered: attempt.kind === 'earlier' };
}

/** The canonical request, or every problem with the input. */
function toRequest(
  principal: Principal,
  input: CaptureOrderInputShape,
  reference: CaptureRequest['reference'],
): CaptureRequest | { issues: CaptureIssue[] } {
  const parsed = captureInputSchema.safeParse(input);
  const issues: CaptureIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  const customerRowId = customerOf(principal, input.customerId ?? null, issues);
  const addressId = input.shipTo.addressId == null ? null : String(input.shipTo.addressId);
  const addressRowId = addressId === null ? null : fromGlobalId('Address', addressId);
  if (addressId !== null && addressRowId === null)
    issues.push({ path: 'shipTo.addressId', message: 'not an address id' });
  if (!parsed.success || issues.length > 0 || customerRowId === null) return { issues };
  const data = parsed.data;
  const address = data.shipTo.newAddress;
  return {
    customerRowId,
    customerReference: data.customerReference,
    lines: data.lines,
    shipTo:
      addressRowId !== null
        ? { addressRowId }
        : {
            newAddress: {
              name: address?.name ?? null,
              street: address?.street ?? '',
              street2: address?.street2 ?? null,
              city: address?.city ?? '',
              zip: address?.zip ?? '',
              countryCode: (address?.country ?? '').toUpperCase(),
            },
          },
    requestedDate: data.requestedDate ?? null,
    shipping: { service: data.shipping?.service ?? 'STANDARD', carrier: data.shipping?.carrier ?? null },
    notes: data.notes ?? null,
    reference,
  };
}

/** A partner orders for its tenant (naming another customer is naming one that does not exist). */
function customerOf(principal: Principal, customerId: string | null, issues: CaptureIssue[]): number | null {
  const named = customerId === null ? null : fromGlobalId('Customer', String(customerId));
  if (customerId !== null && named === null) {
    issues.push({ path: 'customerId', message: 'not a customer id' });
    return null;
  }
  if (principal.kind === 'partner') {
    if (named !== null && named !== principal.tenantPartnerId) {
      issues.push({ path: 'customerId', message: 'no such customer' });
      return null;
    }
    return principal.tenantPartnerId;
  }
  if (named === null) issues.push({ path: 'customerId', message: 'required for internal callers' });
  return named;
}

/** Hands a captured order to the orchestration; its failure does not undo the capture. */
async function announce(
  services: OrderCaptureServices,
  context: OrdersContext,
  outcome: Extract<CaptureOutcome, { kind: 'CAPTURED' }>,
): Promise<void> {
  if (!services.onCaptured) return;
  try {
    await services.onCaptured({
      number: outcome.number,
      odooId: outcome.orderRowId,
      tenantPartnerId: outcome.customerRowId,
    });
  } catch (error) {
    context.logger.error(
      { err: error, order: outcome.number },
      'onCaptured failed; the orchestration will find the order',
    );
  }
}
