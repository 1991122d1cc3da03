import { and, where, type Domain } from '../../../connectors/odoo/domain.js';
import type { OdooRecord } from '../../../connectors/odoo/models.js';
import { startInvoicingSubgraph } from '../../../subgraphs/invoicing/server.js';
import { startSubgraphHarness, type SubgraphHarness } from '../../support/subgraph-harness.js';
import type { OdooFixture } from '../../support/odoo.js';

export type InvoicingHarness = SubgraphHarness;

export function startInvoicingHarness(demo = { scale: 0.5, seed: 1 }): Promise<InvoicingHarness> {
  return startSubgraphHarness('invoicing', startInvoicingSubgraph, demo);
}

export type MoveRow = OdooRecord<'account.move'> & { commercialPartnerId: number };

/** Customer invoices as Odoo has them, read through the connector's client; expected values come from here. */
export async function readMoves(odoo: OdooFixture, domain: Domain = []): Promise<MoveRow[]> {
  const full = and(where('move_type', 'in', ['out_invoice', 'out_refund']), domain);
  const moves = await odoo.client.searchRead('account.move', { domain: full, order: 'id' });
  return moves.map((move) => ({ ...move, commercialPartnerId: move.commercial_partner_id!.id }));
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
