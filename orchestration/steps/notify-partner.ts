import type { StepDefinition } from '../step-context.js';

/**
 * Tells the partner: an `order.fulfilled` event in the canonical log, which partner webhooks and
 * subscriptions deliver. Appended once per order (de-duplication key), whatever the retries.
 */
export const notifyPartner: StepDefinition = {
  name: 'NOTIFY_PARTNER',
  async run({ state, odoo, events }) {
    const invoices = await odoo.read('account.move', state.facts.invoiceIds ?? [], ['name']);
    const { id } = await events.append(
      {
        type: 'order.fulfilled',
        source: 'orchestration',
        subject: state.number,
        time: new Date().toISOString(),
        tenantPartnerId: state.tenantPartnerId,
        data: {
          orderNumber: state.number,
          carrier: state.facts.label?.carrier ?? null,
          trackingNumbers: state.facts.label ? [state.facts.label.trackingNumber] : [],
          invoiceNumbers: invoices.flatMap((m) => (m.name ? [m.name] : [])),
        },
      },
      { dedupKey: `orchestration:order.fulfilled:${state.number}` },
    );
    return { kind: 'done', facts: { notificationEventId: id } };
  },
};
