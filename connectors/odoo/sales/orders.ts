import type { Order, OrderFilter, OrderLine, ProductReference } from '../../../schema/canonical/orders.js';
import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import type { OdooRecord } from '../models.js';
import { related, type Related } from '../related-read.js';
import { ORDER_LINE_FIELDS, ORDERED_LINE_FIELDS, toOrderedLine, toOrderLine } from './map-order-line.js';
import { LISTED_ORDER_FIELDS, ORDER_FIELDS, toListedOrder, toOrder } from './map-order.js';
import { orderDomain, tenantDomain, type SalesScope } from './order-domain.js';
import { LINE_PRODUCTS, lineProductsIn } from './product-references.js';

/** Newest first; the id breaks ties so that pages never overlap. */
const ORDER_ORDER = 'date_order desc, id desc';
/** Lines in their order on the document. */
const LINE_ORDER = 'order_id, sequence, id';

/** Goods lines of these orders: sections and notes (`display_type` set) are layout, not goods. */
function linesDomain(orderIds: readonly number[]) {
  return and(where('order_id', 'in', [...new Set(orderIds)]), where('display_type', '=', false));
}

/** Order lines with the references of the products on them. */
export interface LinesWithProducts {
  lines: OrderLine[];
  products: ProductReference[];
}

type LineField = (typeof ORDER_LINE_FIELDS)[number];

/** A page of listed orders with their lines (by order row id) and the lines' products. */
export interface ListedOrdersWithLines {
  orders: Order[];
  linesByOrderId: Map<number, OrderLine[]>;
  products: ProductReference[];
}

/** Lines read within their orders: the fields of each variant, the section/note marker, the sequence. */
const ORDER_LINES = {
  ordered: related('sale.order.line', [...ORDERED_LINE_FIELDS, 'display_type', 'sequence'], {
    product_id: LINE_PRODUCTS,
  }),
  full: related('sale.order.line', [...ORDER_LINE_FIELDS, 'display_type', 'sequence'], {
    product_id: LINE_PRODUCTS,
  }),
};

export interface OrderSearch {
  filter: OrderFilter;
  offset: number;
  limit: number;
}

/**
 * Sale orders in Odoo as canonical Orders, seen through a scope: a partner's scope never returns
 * another tenant's order. Every method is one Odoo call, whatever the number of rows; lines come with
 * their products in that call.
 */
export class OdooOrders {
  constructor(
    private readonly client: OdooClient,
    private readonly scope: SalesScope = {},
  ) {}

  async byNumbers(numbers: readonly string[]): Promise<Order[]> {
    if (numbers.length === 0) return [];
    const records = await this.client.searchRead('sale.order', {
      domain: and(where('name', 'in', [...new Set(numbers)]), tenantDomain(this.scope)),
      fields: ORDER_FIELDS,
    });
    return records.map(toOrder);
  }

  async byIds(ids: readonly number[]): Promise<Order[]> {
    if (ids.length === 0) return [];
    // A read cannot carry a domain: a scoped caller searches by id within its tenant instead.
    const records =
      this.scope.tenantPartnerId === undefined
        ? await this.client.read('sale.order', ids, ORDER_FIELDS)
        : await this.client.searchRead('sale.order', {
            domain: and(where('id', 'in', [...new Set(ids)]), tenantDomain(this.scope)),
            fields: ORDER_FIELDS,
          });
    return records.map(toOrder);
  }

  async search({ filter, offset, limit }: OrderSearch): Promise<Order[]> {
    const records = await this.client.searchRead('sale.order', {
      domain: orderDomain(filter, this.scope),
      fields: ORDER_FIELDS,
      offset,
      limit,
      order: ORDER_ORDER,
    });
    return records.map(toOrder);
  }

  /**
   * The same search reading only what a list of orders shows (see `toListedOrder`): less to read and
   * convert when a request wants no more of them.
   */
  async searchListed({ filter, offset, limit }: OrderSearch): Promise<Order[]> {
    const records = await this.client.searchRead('sale.order', {
      domain: orderDomain(filter, this.scope),
      fields: LISTED_ORDER_FIELDS,
      offset,
      limit,
      order: ORDER_ORDER,
    });
    return records.map(toListedOrder);
  }

  /**
   * The same listed search with each order's lines (`which`: see `linesByOrderIds` and
   * `orderedLinesByOrderIds`) and their products, still in one call: a page of orders with lines
   * costs one Odoo call instead of two.
   */
  searchListedWithLines(search: OrderSearch, which: 'ordered' | 'full'): Promise<ListedOrdersWithLines> {
    return which === 'ordered'
      ? this.#listedWithLines(search, ORDER_LINES.ordered, toOrderedLine)
      : this.#listedWithLines(search, ORDER_LINES.full, toOrderLine);
  }

  async #listedWithLines<F extends LineField>(
    { filter, offset, limit }: OrderSearch,
    lines: Related<'sale.order.line', F | 'display_type' | 'sequence'>,
    toLine: (record: OdooRecord<'sale.order.line', F>) => OrderLine,
  ): Promise<ListedOrdersWithLines> {
    const { records, related } = await this.client.searchReadRelated('sale.order', {
      domain: orderDomain(filter, this.scope),
      fields: [...LISTED_ORDER_FIELDS, 'order_line'],
      related: { order_line: lines },
      offset,
      limit,
      order: ORDER_ORDER,
    });
    const read = related.of(lines);
    const linesByOrderId = new Map(
      records.map((order) => {
        const goods = order.order_line
          .flatMap((id) => read.get(id) ?? [])
          // As linesDomain and LINE_ORDER: product lines only, in their order on the document.
          .filter((line) => line.display_type === null)
          .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.id - b.id);
        return [order.id, goods.map(toLine)];
      }),
    );
    return {
      orders: records.map(toListedOrder),
      linesByOrderId,
      products: lineProductsIn(related),
    };
  }

  /** How many orders match: one search_count, asked only when a client wants the total. */
  count(filter: OrderFilter): Promise<number> {
    return this.client.searchCount('sale.order', { domain: orderDomain(filter, this.scope) });
  }

  /**
   * The lines of these orders, in their order on the document, sections and notes left out, with
   * their products' references read in the same call.
   */
  linesByOrderIds(orderIds: readonly number[]): Promise<LinesWithProducts> {
    return this.#lines(orderIds, ORDER_LINE_FIELDS, toOrderLine);
  }

  /**
   * The same lines read for their product and ordered quantity only (see `toOrderedLine`): less to
   * read, convert and answer when a request wants no more of them.
   */
  orderedLinesByOrderIds(orderIds: readonly number[]): Promise<LinesWithProducts> {
    return this.#lines(orderIds, ORDERED_LINE_FIELDS, toOrderedLine);
  }

  async #lines<F extends (typeof ORDER_LINE_FIELDS)[number]>(
    orderIds: readonly number[],
    fields: readonly F[],
    toLine: (record: OdooRecord<'sale.order.line', F>) => OrderLine,
  ): Promise<LinesWithProducts> {
    if (orderIds.length === 0) return { lines: [], products: [] };
    const { records, related } = await this.client.searchReadRelated('sale.order.line', {
      domain: linesDomain(orderIds),
      fields,
      order: LINE_ORDER,
      related: { product_id: LINE_PRODUCTS } as Partial<Record<F, typeof LINE_PRODUCTS>>,
    });
    return {
      lines: records.map(toLine),
      products: lineProductsIn(related),
    };
  }
}
