import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';
import { OdooProducts } from '../catalog/products.js';
import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import { OdooError, OdooProtocolError } from '../errors.js';
import { OdooCaptureAddresses } from './capture-address.js';
import { OdooCaptureCredit } from './capture-credit.js';
import { captureNote } from './capture-note.js';
import { OdooCaptureStock, type PricedLine } from './capture-stock.js';
import type { CaptureAttempt, CaptureIssue, CaptureRequest, CapturedOutcome } from './capture-types.js';

const capturedSchema = z.array(
  z.object({
    id: z.number().int(),
    name: z.string(),
    partner_id: z.tuple([z.number().int(), z.string()]),
    origin: z.string(),
  }),
);

export interface OdooOrderCaptureOptions {
  /** Tries of the create when Odoo's answer is lost or transient, each after a lookup. Default 3. */
  createAttempts?: number;
  /** Pause before the lookup that precedes a retry, times the attempt. Default 200 ms. */
  retryDelayMs?: number;
}

/**
 * Captures an order in Odoo: validates against the catalogue and the customer's addresses, refuses a
 * customer reference already used, checks stock and credit, and only then creates the sale order (a
 * quotation the orchestration confirms), with our capture reference in `origin`. Odoo has no uniqueness
 * on `client_order_ref` and a lookup then a create are two transactions: callers serialise captures per
 * customer and reference. A create whose answer is lost may have committed, so every retry of it, in
 * this call or a later one, first looks the reference up.
 */
export class OdooOrderCapture {
  readonly #attempts: number;
  readonly #retryDelayMs: number;

  constructor(
    private readonly client: OdooClient,
    options: OdooOrderCaptureOptions = {},
  ) {
    this.#attempts = options.createAttempts ?? 3;
    this.#retryDelayMs = options.retryDelayMs ?? 200;
  }

  async capture(request: CaptureRequest): Promise<CaptureAttempt> {
    const { anchor, variant } = request.reference;
    const earlier = await this.#findCaptured(['=like', `${anchor}/%`]);
    if (earlier)
      return earlier.origin === `${anchor}/${variant}`
        ? { kind: 'earlier', outcome: earlier.outcome }
        : { kind: 'key-reused' };
    const issues: CaptureIssue[] = [];
    const [customerIssue, lines, shipTo] = await Promise.all([
      this.#checkCustomer(request.customerRowId),
      this.#priced(request, issues),
      new OdooCaptureAddresses(this.client).check(request.customerRowId, request.shipTo),
    ]);
    if (customerIssue) issues.unshift(customerIssue);
    if (shipTo.kind === 'invalid') issues.push(shipTo.issue);
    if (issues.length > 0 || shipTo.kind === 'invalid') return outcome({ kind: 'INVALID', issues });
    const duplicate = await this.#sameReference(request);
    if (duplicate)
      return outcome({ kind: 'DUPLICATE_REFERENCE', orderRowId: duplicate.id, number: duplicate.name ?? '' });
    const stock = await new OdooCaptureStock(this.client).check(request.customerRowId, lines);
    if (stock.kind === 'short')
      return outcome({ kind: 'OUT_OF_STOCK', warehouse: stock.warehouse.code, lines: stock.lines });
    const credit = await new OdooCaptureCredit(this.client).check(request.customerRowId, totalOf(lines));
    if (credit.kind === 'hold') {
      const { openBalance, orderTotal, creditLimit } = credit;
      return outcome({ kind: 'CREDIT_HOLD', openBalance, orderTotal, creditLimit });
    }
    const addressRowId = await new OdooCaptureAddresses(this.client).resolve(request.customerRowId, shipTo);
    const origin = `${anchor}/${variant}`;
    const created = await this.#create(origin, {
      partner_id: request.customerRowId,
      partner_shipping_id: addressRowId,
      client_order_ref: request.customerReference,
      origin,
      warehouse_id: stock.warehouse.rowId,
      note: captureNote(request.notes, request.shipping),
      ...(request.requestedDate ? { commitment_date: `${request.requestedDate} 00:00:00` } : {}),
      order_line: lines.map((line) => [
        0,
        0,
        { product_id: line.product.rowId, product_uom_qty: Number(line.quantity) },
      ]),
    });
    return { kind: 'outcome', outcome: created, createdNow: true };
  }

  /** Creates the order; after a lost or transient answer, looks for it before trying again. */
  async #create(origin: string, vals: Record<string, unknown>): Promise<CapturedOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [id] = await this.client.create('sale.order', [vals]);
        const [order] = await this.client.read('sale.order', id === undefined ? [] : [id], ['name']);
        if (!order?.name) throw new OdooProtocolError('Odoo created no sale order', { model: 'sale.order' });
        return {
          kind: 'CAPTURED',
          orderRowId: order.id,
          number: order.name,
          customerRowId: Number(vals.partner_id),
        };
      } catch (error) {
        if (!(error instanceof OdooError) || !error.retryable) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs * attempt));
        const found = await this.#findCaptured(['=', origin]);
        if (found) return found.outcome;
        if (attempt >= this.#attempts) throw error;
      }
    }
  }

  /** The order created with this capture reference (by `origin`), archived or cancelled ones included. */
  async #findCaptured([operator, value]: ['=' | '=like', string]) {
    const raw = await this.client.callMethod('sale.order', 'search_read', {
      kwargs: {
        domain: [['origin', operator, value]],
        fields: ['name', 'partner_id', 'origin'],
        order: 'id',
        limit: 1,
      },
    });
    const parsed = capturedSchema.safeParse(raw);
    if (!parsed.success)
      throw new OdooProtocolError('Odoo answered sale.order.search_read with something else than orders', {
        model: 'sale.order',
        method: 'search_read',
        cause: parsed.error,
      });
    const [found] = parsed.data;
    if (!found) return null;
    const outcome: CapturedOutcome = {
      kind: 'CAPTURED',
      orderRowId: found.id,
      number: found.name,
      customerRowId: found.partner_id[0],
    };
    return { origin: found.origin, outcome };
  }

  async #checkCustomer(customerRowId: number): Promise<CaptureIssue | null> {
    const [customer] = await this.client.read('res.partner', [customerRowId], ['parent_id', 'active']);
    if (!customer || customer.active === false) return { path: 'customerId', message: 'no such customer' };
    if (customer.parent_id !== null)
      return { path: 'customerId', message: 'is a contact or address of a customer; name the customer' };
    return null;
  }

  /** The lines with their products; unknown or archived SKUs are issues. */
  async #priced(request: CaptureRequest, issues: CaptureIssue[]): Promise<PricedLine[]> {
    const products = await new OdooProducts(this.client).bySkus(request.lines.map((line) => line.sku));
    const bySku = new Map(products.map((product) => [product.sku, product]));
    return request.lines.flatMap((line, index) => {
      const product = bySku.get(line.sku);
      if (product?.active) return [{ ...line, product }];
      issues.push({ path: `lines[${index}].sku`, message: 'no product with this SKU' });
      return [];
    });
  }

  /** An order of the customer, not cancelled, with the same customer reference. */
  async #sameReference(request: CaptureRequest) {
    const [order] = await this.client.searchRead('sale.order', {
      domain: and(
        where('partner_id', 'child_of', request.customerRowId),
        where('client_order_ref', '=', request.customerReference),
        where('state', '!=', 'cancel'),
      ),
      fields: ['name'],
      order: 'id',
      limit: 1,
    });
    return order ?? null;
  }
}

function outcome(value: Extract<CaptureAttempt, { kind: 'outcome' }>['outcome']): CaptureAttempt {
  return { kind: 'outcome', outcome: value, createdNow: false };
}

/** The order's untaxed total at list prices: an estimate (pricelists and taxes are Odoo's, on create). */
function totalOf(lines: readonly PricedLine[]): MoneyShape {
  const currency = lines[0]?.product.listPrice.currency ?? 'USD';
  const sum = lines.reduce(
    (total, line) => total.plus(new Decimal(line.product.listPrice.amount).times(line.quantity)),
    new Decimal(0),
  );
  return { amount: sum.toFixed(2), currency };
}
