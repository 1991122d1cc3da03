import { requireOperator } from '../require-operator.js';
import { builder } from '../builder.js';
import { RECENT_ATTEMPTS, type PartnerDeliveryFigures } from '../webhook-delivery-health.js';
import { webhooksOf } from './webhook-dead-letters.js';

const PartnerDeliveryFiguresType = builder
  .objectRef<PartnerDeliveryFigures>('PartnerWebhookDeliveries')
  .implement({
    description: `How webhook deliveries to one partner's endpoints went, over the last ${RECENT_ATTEMPTS} attempts of each endpoint.`,
    fields: (t) => ({
      tenantPartnerId: t.int({
        nullable: true,
        description: 'The partner (its Odoo commercial partner id); null for internally owned endpoints.',
        resolve: (f) => f.tenantPartnerId,
      }),
      endpoints: t.exposeInt('endpoints', { description: 'Its endpoints.' }),
      attempts: t.exposeInt('attempts', { description: 'Attempts counted.' }),
      delivered: t.exposeInt('delivered', { description: 'Attempts the endpoint answered 2xx.' }),
      failed: t.exposeInt('failed', {
        description: 'Attempts that failed (retried, dead-lettered or gone).',
      }),
      successRate: t.float({
        nullable: true,
        description: 'delivered / attempts, 0 to 1; null without attempts.',
        resolve: (f) => f.successRate,
      }),
    }),
  });

builder.queryFields((t) => ({
  partnerWebhookDeliveries: t.field({
    type: [PartnerDeliveryFiguresType],
    description:
      'Webhook delivery success per partner, from the delivery log of every endpoint. Internal only (scope `operations:read`).',
    authenticated: true,
    requiresScopes: [['operations:read']],
    resolve: (_root, _args, context) => {
      const principal = requireOperator(context);
      return webhooksOf(context).perPartner({ principalId: principal.id, tenantPartnerId: null });
    },
  }),
}));
