import { MAX_REPLAY_EVENT_IDS, MAX_REPLAY_EVENTS } from '../../../platform/webhooks/replay-request.js';
import { builder } from '../builder.js';
import { requireWebhooks, WEBHOOKS_MANAGE_SCOPE } from './webhook-access.js';
import { EventTypeEnum } from './webhook-endpoint.js';
import {
  EnableResultType,
  RegisterResultType,
  RemoveResultType,
  ReplayResultType,
  webhookRefusalOf,
} from './webhook-results.js';

const RegisterInput = builder.inputType('RegisterWebhookEndpointInput', {
  description:
    'A new webhook endpoint. The URL must be https in production and must not resolve to a private, loopback, link-local or otherwise non-public address.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'Where to POST deliveries; redirects are not followed.' }),
    eventTypes: t.field({
      type: [EventTypeEnum],
      required: true,
      description: 'The kinds of event to receive (partners: not STOCK_CHANGED, which is internal).',
    }),
    description: t.string({
      required: false,
      description: 'Human label: owner and purpose (500 characters at most).',
    }),
  }),
});

const ReplayInput = builder.inputType('ReplayWebhookDeliveriesInput', {
  description: `What to deliver again: either \`eventIds\` (at most ${MAX_REPLAY_EVENT_IDS}) or a time range from \`from\` (at most ${MAX_REPLAY_EVENTS} events; the event log keeps 7 days).`,
  fields: (t) => ({
    eventIds: t.stringList({ required: false, description: 'Event ids (`webhook-id`) to deliver again.' }),
    from: t.field({
      type: 'DateTime',
      required: false,
      description: 'Deliver again the events logged from then on.',
    }),
    to: t.field({ type: 'DateTime', required: false, description: 'Up to then (inclusive); default now.' }),
  }),
});

builder.mutationField('registerWebhookEndpoint', (t) =>
  t.field({
    type: RegisterResultType,
    description:
      "Registers an endpoint for the caller's tenant (internal callers: every tenant's events) and shows its signing secret once. Scope `webhooks:manage`.",
    args: { input: t.arg({ type: RegisterInput, required: true, description: 'The endpoint to register.' }) },
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    resolve: async (_root, { input }, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      try {
        return await webhooks.register(owner, {
          url: input.url,
          eventTypes: input.eventTypes,
          description: input.description ?? '',
        });
      } catch (error) {
        return webhookRefusalOf(error);
      }
    },
  }),
);

builder.mutationField('removeWebhookEndpoint', (t) =>
  t.field({
    type: RemoveResultType,
    description:
      'Removes an endpoint, its secret and its delivery log; queued deliveries are dropped. Scope `webhooks:manage`.',
    args: { id: t.arg.id({ required: true, description: 'The endpoint id, `whe_...`.' }) },
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    resolve: async (_root, { id }, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      try {
        return { endpoint: await webhooks.remove(owner, String(id)) };
      } catch (error) {
        return webhookRefusalOf(error);
      }
    },
  }),
);

builder.mutationField('enableWebhookEndpoint', (t) =>
  t.field({
    type: EnableResultType,
    description:
      'Makes a failing or disabled endpoint active again; replay what it missed meanwhile. Scope `webhooks:manage`.',
    args: { id: t.arg.id({ required: true, description: 'The endpoint id, `whe_...`.' }) },
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    resolve: async (_root, { id }, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      try {
        return { endpoint: await webhooks.enable(owner, String(id)) };
      } catch (error) {
        return webhookRefusalOf(error);
      }
    },
  }),
);

builder.mutationField('replayWebhookDeliveries', (t) =>
  t.field({
    type: ReplayResultType,
    description:
      'Delivers events from the event log to an endpoint again, by id or time range, keeping those of its types and tenant; even ones delivered before. Scope `webhooks:manage`.',
    args: {
      endpointId: t.arg.id({ required: true, description: 'The endpoint id, `whe_...`.' }),
      input: t.arg({ type: ReplayInput, required: true, description: 'Which events.' }),
    },
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    resolve: async (_root, { endpointId, input }, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      try {
        return await webhooks.replay(owner, String(endpointId), {
          ...(input.eventIds ? { eventIds: input.eventIds } : {}),
          ...(input.from ? { from: new Date(input.from) } : {}),
          ...(input.to ? { to: new Date(input.to) } : {}),
        });
      } catch (error) {
        return webhookRefusalOf(error);
      }
    },
  }),
);
