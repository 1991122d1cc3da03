import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '../../../platform/logger.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { DEMO_WAREHOUSES, WMS_EMULATOR_DEMO_TOKEN, type DemoWarehouse } from '../demo.js';
import type { WmsShipTo } from '../types.js';
import { CallCounter } from './call-counter.js';
import { EmulatorClock } from './clock.js';
import { CreditBucket } from './credits.js';
import { FaultInjector, type FaultsInput } from './faults.js';
import { shipHeroId } from './ids.js';
import { InventoryBook } from './inventory.js';
import {
  FULFILLMENT_STATUS_OF,
  OPEN_STAGES,
  type EmuAddress,
  type EmuOrder,
  type EmuPackage,
  type EmuShipment,
  type EmuWarehouse,
  type EmuWebhook,
  type OrderStage,
} from './model.js';
import {
  orderAllocatedBody,
  orderCanceledBody,
  orderPackedOutBody,
  inventoryUpdateBody,
  shipmentUpdateBody,
} from './payloads.js';
import { cancel, progress, type OrderEvent, type ProgressionContext } from './progression.js';
import { INVALID_INPUT, NOT_FOUND, ShipHeroError } from './shiphero-error.js';
import { WebhookDispatcher } from './webhooks.js';

export interface WmsEmulatorOptions {
  /** Emulator time between two steps of an order. Default 60 000 ms. */
  stepMs?: number;
  /** Chance that a line is picked short. Default 0.02. */
  shortPickRate?: number;
  /** Chance, at each step, that the warehouse cancels the order. Default 0.005. */
  cancelRate?: number;
  /** Seed of the short-pick, cancellation and tracking-number draws. Default 1. */
  seed?: number;
  /** Bearer token clients must send. Default: the demo token. */
  token?: string;
  /** Credits restored per second. Default 60 (ShipHero's). */
  creditsPerSecond?: number;
  /** Size of the credit bucket. Default 4004 (ShipHero's). */
  maxCredits?: number;
  faults?: FaultsInput;
  /** Webhook retries after a failure. Default 3. */
  webhookRetries?: number;
  /** First webhook retry delay, doubled each time. Default 1000 ms. */
  webhookRetryBaseMs?: number;
  /** Per webhook attempt. Default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** Default: CHI, DAL and NWK. */
  warehouses?: readonly DemoWarehouse[];
  /** Freeze the clock at this ISO time from the start. Default: real time. */
  now?: string;
  logger?: Logger;
}

export interface SeedOrderInput {
  orderNumber: string;
  warehouseCode: string;
  shipTo: WmsShipTo;
  lines: { sku: string; quantity: number }[];
  receivedAt: string;
  history?: {
    allocatedAt?: string;
    pickedAt?: string;
    packedAt?: string;
    shippedAt?: string;
    cancelledAt?: string;
  };
  packages?: { trackingNumber: string; carrier: string; service: string; weightOz?: number }[];
  shippingMethod?: string;
}

export interface OrderFilter {
  orderNumber?: string;
  warehouseId?: string;
  fulfillmentStatus?: string;
  shopName?: string;
  updatedFrom?: number;
  updatedTo?: number;
}

/** The emulated ShipHero account: warehouses, stock, orders and webhooks, moved on by its clock. */
export class WmsEmulator {
  readonly clock = new EmulatorClock();
  readonly calls = new CallCounter();
  readonly faults: FaultInjector;
  readonly credits: CreditBucket;
  readonly inventory = new InventoryBook();
  readonly warehouses: readonly EmuWarehouse[];
  readonly token: string;
  readonly logger: Logger;
  readonly stepMs: number;
  readonly dispatcher: WebhookDispatcher;
  readonly #orders: EmuOrder[] = [];
  readonly #webhooks = new Map<string, EmuWebhook>();
  readonly #progression: ProgressionContext;
  readonly #random: () => number;
  #nextLegacyId = 100_001;

  constructor(options: WmsEmulatorOptions = {}) {
    this.logger = options.logger ?? createLogger({ name: 'wms-emulator' });
    this.token = options.token ?? WMS_EMULATOR_DEMO_TOKEN;
    this.stepMs = options.stepMs ?? 60_000;
    this.warehouses = (options.warehouses ?? DEMO_WAREHOUSES).map((w) => ({ ...w }));
    this.faults = new FaultInjector(options.faults);
    this.credits = new CreditBucket(options.maxCredits ?? 4004, options.creditsPerSecond ?? 60);
    this.dispatcher = new WebhookDispatcher(
      {
        retries: options.webhookRetries ?? 3,
        retryBaseMs: options.webhookRetryBaseMs ?? 1000,
        timeoutMs: options.webhookTimeoutMs ?? 10_000,
      },
      this.faults,
      this.logger,
    );
    this.#random = seededRandom(options.seed ?? 1);
    this.#progression = {
      stepMs: this.stepMs,
      shortPickRate: options.shortPickRate ?? 0.02,
      cancelRate: options.cancelRate ?? 0.005,
      random: this.#random,
      inventory: this.inventory,
      newShipment: (at, packages) => this.#newShipment(at, packages),
      trackingNumber: () => this.#trackingNumber(),
      emit: (event) => this.#emit(event),
    };
    if (options.now) this.clock.set(options.now);
    this.clock.onChange(() => this.tick());
  }

  /** Takes every order step the clock says is due. */
  tick(): void {
    const now = this.clock.now();
    for (const order of this.#orders)
      if (OPEN_STAGES.has(order.stage)) progress(order, now, this.#progression);
  }

  warehouseByCode(code: string): EmuWarehouse | undefined {
    return this.warehouses.find((w) => w.code === code);
  }

  warehouseById(id: string): EmuWarehouse | undefined {
    return this.warehouses.find((w) => w.id === id);
  }

  fulfillmentStatus(order: EmuOrder): string {
    return FULFILLMENT_STATUS_OF[order.stage];
  }

  /** Sets on hand of a SKU in a warehouse (the demo seeder's opening stock). */
  seedInventory(warehouseCode: string, sku: string, onHand: number): void {
    const warehouse = this.#warehouse(warehouseCode);
    if (!Number.isInteger(onHand) || onHand < 0)
      throw new Error(`onHand must be a whole number ≥ 0, got ${onHand}`);
    const stock = this.inventory.get(warehouse.id, sku, this.clock.now());
    stock.onHand = onHand;
    stock.updatedAt = this.clock.now();
  }

  /**
   * Adds an order as its history says it went (no webhooks). One not shipped nor cancelled goes on from its
   * last step when the clock says the next one is due. Seed the stock first: allocated orders reserve theirs.
   */
  seedOrder(input: SeedOrderInput): { wmsOrderId: string } {
    const warehouse = this.#warehouse(input.warehouseCode);
    const h = input.history ?? {};
    const at = (iso: string | undefined, name: string): number | null => {
      if (iso === undefined) return null;
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) throw new Error(`seedOrder ${input.orderNumber}: ${name} is not a date: ${iso}`);
      return ms;
    };
    const receivedAt = at(input.receivedAt, 'receivedAt')!;
    const allocatedAt = at(h.allocatedAt, 'allocatedAt');
    const pickedAt = at(h.pickedAt, 'pickedAt');
    const packedAt = at(h.packedAt, 'packedAt');
    const shippedAt = at(h.shippedAt, 'shippedAt');
    const cancelledAt = at(h.cancelledAt, 'cancelledAt');
    const stage: OrderStage =
      cancelledAt !== null
        ? 'cancelled'
        : shippedAt !== null
          ? 'shipped'
          : packedAt !== null
            ? 'packed'
            : pickedAt !== null
              ? 'picked'
              : allocatedAt !== null
                ? 'allocated'
                : 'received';
    const order = this.#newOrder({
      orderNumber: input.orderNumber,
      shopName: 'distribution-graph',
      warehouse,
      address: toAddress(input.shipTo),
      email: input.shipTo.email ?? null,
      shippingMethod: input.shippingMethod ?? 'Ground',
      requiredShipDate: null,
      lines: input.lines,
      receivedAt,
    });
    const steps: [number | null, string][] = [
      [allocatedAt, 'Order allocated'],
      [pickedAt, 'Order picked'],
      [packedAt, 'Order packed out'],
      [shippedAt, 'Order shipped'],
      [cancelledAt, 'Order canceled: seeded'],
    ];
    for (const [when, information] of steps) if (when !== null) order.history.push({ at: when, information });
    Object.assign(order, { stage, allocatedAt, pickedAt, packedAt, shippedAt, cancelledAt });
    order.lastStepAt = Math.max(receivedAt, ...steps.map(([when]) => when ?? 0));
    order.updatedAt = order.lastStepAt;
    const packages: EmuPackage[] | null =
      input.packages?.map((p) => ({ ...p, weightOz: p.weightOz ?? null })) ?? null;
    for (const line of order.lines) {
      if (stage === 'cancelled' || stage === 'received') continue;
      line.picked = stage === 'allocated' ? 0 : line.quantity;
      if (stage === 'shipped') line.shipped = line.quantity;
      else {
        line.allocated = line.quantity;
        this.inventory.get(warehouse.id, line.sku, receivedAt).allocated += line.quantity;
      }
    }
    if (stage === 'shipped')
      order.shipments.push(
        this.#newShipment(
          shippedAt!,
          packages ?? [
            {
              trackingNumber: this.#trackingNumber(),
              carrier: 'UPS',
              service: order.shippingMethod,
              weightOz: null,
            },
          ],
        ),
      );
    else order.plannedPackages = packages;
    return { wmsOrderId: order.id };
  }

  /** `order_create`: validates like ShipHero would, dates the order by the emulator clock. */
  createOrder(data: Record<string, unknown>): EmuOrder {
    const orderNumber = typeof data.order_number === 'string' ? data.order_number.trim() : '';
    const lines = Array.isArray(data.line_items) ? (data.line_items as Record<string, unknown>[]) : [];
    const problems: string[] = [];
    if (!orderNumber) problems.push('order_number is required');
    if (lines.length === 0) problems.push('line_items must contain at least one line item');
    const warehouseIds = new Set<string>();
    lines.forEach((line, i) => {
      if (typeof line.sku !== 'string' || !line.sku.trim()) problems.push(`line_items[${i}].sku is required`);
      if (typeof line.quantity !== 'number' || line.quantity <= 0)
        problems.push(`line_items[${i}].quantity must be greater than 0`);
      if (typeof line.warehouse_id === 'string') warehouseIds.add(line.warehouse_id);
    });
    for (const id of warehouseIds) if (!this.warehouseById(id)) problems.push(`Warehouse ${id} not found`);
    if (warehouseIds.size > 1) problems.push('all line items must ship from one warehouse');
    if (problems.length > 0) throw new ShipHeroError(problems.join('; '), INVALID_INPUT);
    const warehouse = this.warehouseById([...warehouseIds][0] ?? '') ?? this.warehouses[0]!;
    const shipping = (data.shipping_lines ?? {}) as { method?: string; title?: string };
    return this.#newOrder({
      orderNumber,
      shopName: typeof data.shop_name === 'string' ? data.shop_name : 'api',
      warehouse,
      address: data.shipping_address ?? {},
      email: typeof data.email === 'string' ? data.email : null,
      shippingMethod: shipping.method ?? shipping.title ?? 'Ground',
      requiredShipDate: typeof data.required_ship_date === 'string' ? data.required_ship_date : null,
      lines: lines.map((line) => ({
        sku: String(line.sku),
        quantity: Number(line.quantity),
        partnerLineItemId:
          typeof line.partner_line_item_id === 'string' ? line.partner_line_item_id : undefined,
        productName: typeof line.product_name === 'string' ? line.product_name : undefined,
      })),
      receivedAt: this.clock.now(),
    });
  }

  /** `order_cancel`: releases the allocation; a shipped order cannot be cancelled. */
  cancelOrder(orderId: string, reason: string | undefined): EmuOrder {
    const order = this.orderById(orderId);
    if (!order) throw new ShipHeroError('Order not found', NOT_FOUND);
    if (order.stage === 'cancelled') return order;
    if (order.stage === 'shipped')
      throw new ShipHeroError('Order is already fulfilled and cannot be canceled', INVALID_INPUT);
    cancel(order, this.clock.now(), reason ?? 'Canceled via API', this.#progression);
    return order;
  }

  orderById(id: string): EmuOrder | undefined {
    return this.#orders.find((order) => order.id === id);
  }

  /** Orders matching `filter`, by last update then id (the order reconciliation pages in). */
  findOrders(filter: OrderFilter): EmuOrder[] {
    return this.#orders
      .filter(
        (o) =>
          (filter.orderNumber === undefined || o.orderNumber === filter.orderNumber) &&
          (filter.warehouseId === undefined || o.warehouse.id === filter.warehouseId) &&
          (filter.fulfillmentStatus === undefined ||
            FULFILLMENT_STATUS_OF[o.stage] === filter.fulfillmentStatus) &&
          (filter.shopName === undefined || o.shopName === filter.shopName) &&
          (filter.updatedFrom === undefined || o.updatedAt >= filter.updatedFrom) &&
          (filter.updatedTo === undefined || o.updatedAt <= filter.updatedTo),
      )
      .sort((a, b) => a.updatedAt - b.updatedAt || a.legacyId - b.legacyId);
  }

  /** Units of `sku` waiting on backorder in a warehouse, over its open and held orders. */
  backorderOf(warehouseId: string, sku: string): number {
    let total = 0;
    for (const order of this.#orders) {
      if (order.warehouse.id !== warehouseId || order.stage === 'cancelled' || order.stage === 'shipped')
        continue;
      for (const line of order.lines) if (line.sku === sku) total += line.backordered;
    }
    return total;
  }

  /** `webhook_create`: one webhook per name; the secret is shown once. */
  createWebhook(data: { name: string; url: string; shop_name?: string | null }): EmuWebhook {
    if (this.#webhooks.has(data.name))
      throw new ShipHeroError(`A webhook named ${data.name} already exists; delete it first`, INVALID_INPUT);
    try {
      new URL(data.url);
    } catch {
      throw new ShipHeroError(`Invalid url ${data.url}`, INVALID_INPUT);
    }
    const legacyId = this.#nextLegacyId++;
    const webhook: EmuWebhook = {
      id: shipHeroId('Webhook', legacyId),
      legacyId,
      name: data.name,
      url: data.url,
      shopName: data.shop_name ?? null,
      secret: randomBytes(24).toString('base64url'),
      createdAt: this.clock.now(),
    };
    this.#webhooks.set(data.name, webhook);
    return webhook;
  }

  deleteWebhook(name: string): void {
    if (!this.#webhooks.delete(name)) throw new ShipHeroError(`Webhook ${name} not found`, NOT_FOUND);
  }

  webhooks(): EmuWebhook[] {
    return [...this.#webhooks.values()];
  }

  orderCount(): number {
    return this.#orders.length;
  }

  #warehouse(code: string): EmuWarehouse {
    const warehouse = this.warehouseByCode(code);
    if (!warehouse)
      throw new Error(
        `Unknown warehouse code ${code} (known: ${this.warehouses.map((w) => w.code).join(', ')})`,
      );
    return warehouse;
  }

  #newOrder(input: {
    orderNumber: string;
    shopName: string;
    warehouse: EmuWarehouse;
    address: EmuAddress;
    email: string | null;
    shippingMethod: string;
    requiredShipDate: string | null;
    lines: { sku: string; quantity: number; partnerLineItemId?: string; productName?: string }[];
    receivedAt: number;
  }): EmuOrder {
    const legacyId = this.#nextLegacyId++;
    const order: EmuOrder = {
      id: shipHeroId('Order', legacyId),
      legacyId,
      orderNumber: input.orderNumber,
      shopName: input.shopName,
      warehouse: input.warehouse,
      address: input.address,
      email: input.email,
      shippingMethod: input.shippingMethod,
      requiredShipDate: input.requiredShipDate,
      lines: input.lines.map((line, i) => {
        const lineId = this.#nextLegacyId++;
        return {
          id: shipHeroId('LineItem', lineId),
          legacyId: lineId,
          sku: line.sku,
          partnerLineItemId: line.partnerLineItemId ?? `${input.orderNumber}-${i + 1}`,
          productName: line.productName ?? line.sku,
          quantity: line.quantity,
          allocated: 0,
          picked: 0,
          shipped: 0,
          backordered: 0,
        };
      }),
      stage: 'received',
      receivedAt: input.receivedAt,
      allocatedAt: null,
      pickedAt: null,
      packedAt: null,
      shippedAt: null,
      cancelledAt: null,
      lastStepAt: input.receivedAt,
      updatedAt: input.receivedAt,
      history: [{ at: input.receivedAt, information: 'Order received' }],
      shipments: [],
      plannedPackages: null,
    };
    this.#orders.push(order);
    return order;
  }

  #newShipment(at: number, packages: EmuPackage[]): EmuShipment {
    const legacyId = this.#nextLegacyId++;
    return { id: shipHeroId('Shipment', legacyId), legacyId, createdAt: at, packages };
  }

  /** UPS-shaped: `1Z`, six shipper characters, service `03`, eight digits. */
  #trackingNumber(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    const pick = (chars: string, n: number) =>
      Array.from({ length: n }, () => chars[Math.floor(this.#random() * chars.length)]).join('');
    return `1Z${pick(alphabet, 6)}03${pick('0123456789', 8)}`;
  }

  #emit(event: OrderEvent): void {
    if (event.type === 'inventory') {
      const warehouse = this.warehouseById(event.warehouseId)!;
      const body = inventoryUpdateBody(
        warehouse,
        event.skus,
        this.inventory,
        (sku) => this.backorderOf(warehouse.id, sku),
        this.clock.now(),
      );
      return this.#send('Inventory Update', body);
    }
    if (event.type === 'allocated') return this.#send('Order Allocated', orderAllocatedBody(event.order));
    if (event.type === 'packed') return this.#send('Order Packed Out', orderPackedOutBody(event.order));
    if (event.type === 'cancelled') return this.#send('Order Canceled', orderCanceledBody(event.order));
    this.#send('Shipment Update', shipmentUpdateBody(event.order, event.shipment));
  }

  #send(type: string, body: Record<string, unknown>): void {
    const targets = this.webhooks().filter((w) => w.name === type);
    if (targets.length > 0) this.dispatcher.send(targets, type, body);
  }
}

function toAddress(shipTo: WmsShipTo): EmuAddress {
  const [first = shipTo.name, ...rest] = shipTo.name.trim().split(/\s+/);
  return {
    first_name: first,
    last_name: rest.join(' '),
    company: shipTo.company ?? null,
    address1: shipTo.street1,
    address2: shipTo.street2 ?? null,
    city: shipTo.city,
    state: shipTo.state,
    zip: shipTo.postalCode,
    country: shipTo.country,
    email: shipTo.email ?? null,
    phone: shipTo.phone ?? null,
  };
}
