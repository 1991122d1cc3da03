import { and, where, type Domain } from '../../../connectors/odoo/domain.js';
import type { OdooRecord } from '../../../connectors/odoo/models.js';
import type { RunningSubgraph } from '../../../platform/graphql/start-subgraph-server.js';
import { createLogger } from '../../../platform/logger.js';
import { startInvoicingSubgraph } from '../../../subgraphs/invoicing/server.js';
import { TEST_IDENTITY_SECRET } from '../../support/graphql.js';
import { startOdooFixture, type OdooFixture } from '../../support/odoo.js';

/** An emulated Odoo with demo data and the invoicing subgraph in front of it, both on port 0. */
export interface InvoicingHarness {
  odoo: OdooFixture;
  subgraph: RunningSubgraph;
  url: string;
  close(): Promise<void>;
}

export async function startInvoicingHarness(demo = { scale: 0.5, seed: 1 }): Promise<InvoicingHarness> {
  const odoo = await startOdooFixture(demo);
  const subgraph = await startInvoicingSubgraph({
    odoo: odoo.client,
    port: 0,
    logger: createLogger({ name: 'invoicing', level: 'silent' }),
    identitySecret: TEST_IDENTITY_SECRET,
  });
  return {
    odoo,
    subgraph,
    url: subgraph.url,
    close: async () => {
      await subgraph.close();
      await odoo.close();
    },
  };
}

export type MoveRow = OdooRecord<'account.move'> & { commercialPartnerId: number; ref: string | null };

/**
 * Customer invoices as Odoo has them, read through the connector's client (typed fields) plus the two
 * fields the typed models do not list yet; the expected values of every test come from here.
 */
export async function readMoves(odoo: OdooFixture, domain: Domain = []): Promise<MoveRow[]> {
  const full = and(where('move_type', 'in', ['out_invoice', 'out_refund']), domain);
  const typed = await odoo.client.searchRead('account.move', { domain: full, order: 'id' });
  const extra = (await odoo.client.callMethod('account.move', 'search_read', {
    kwargs: { domain: full, fields: ['commercial_partner_id', 'ref'], order: 'id' },
  })) as { id: number; commercial_partner_id: [number, string]; ref: string | false }[];
  const byId = new Map(extra.map((row) => [row.id, row]));
  return typed.map((move) => ({
    ...move,
    commercialPartnerId: byId.get(move.id)!.commercial_partner_id[0],
    ref: byId.get(move.id)!.ref || null,
  }));
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Overdue as the graph defines it. */
export const isOverdue = (m: MoveRow) =>
  m.state === 'posted' &&
  (m.payment_state === 'not_paid' || m.payment_state === 'partial') &&
  m.invoice_date_due !== null &&
  m.invoice_date_due < todayUtc();

/** The nodes of a connection in a response body. */
export function nodesOf(connection: unknown): Record<string, unknown>[] {
  return (connection as { edges: { node: Record<string, unknown> }[] }).edges.map((edge) => edge.node);
}
