import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { eventTypes, type EventType } from '../../../platform/events/canonical-event.js';
import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import { checkPageArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/graphql/page-args.js';
import type { WebhookEndpoint } from '../../../platform/webhooks/webhook-endpoint.js';
import { builder } from '../builder.js';
import { requireWebhooks, WEBHOOKS_MANAGE_SCOPE } from './webhook-access.js';

/** `order.status_changed` ↔ `ORDER_STATUS_CHANGED`. */
const enumName = (type: EventType) => type.replace(/\./g, '_').toUpperCase();

export const EventTypeEnum = builder.enumType('EventType', {
  description: 'A kind of canonical event, as partner webhooks deliver it (`type` in the body).',
  values: Object.fromEntries(
    (Object.entries(eventTypes) as [EventType, string][]).map(([type, description]) => [
      enumName(type),
      { value: type, description: `\`${type}\`: ${description}` },
    ]),
  ),
});

const EndpointStatusEnum = builder.enumType('WebhookEndpointStatus', {
  description: 'Whether an endpoint receives events.',
  values: {
    ACTIVE: { value: 'active', description: 'New events are delivered to it.' },
    FAILING: {
      value: 'failing',
      description:
        'A delivery used every attempt and was dead-lettered: new events are not queued until it is enabled again (replay what it missed).',
    },
    DISABLED: {
      value: 'disabled',
      description: 'It answered 410 Gone: nothing is delivered until it is enabled again.',
    },
  } as const,
});

export const WebhookEndpointType = builder.objectRef<WebhookEndpoint>('WebhookEndpoint').implement({
  description: 'A URL that receives signed event deliveries (Standard Webhooks). Never shows its secret.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Its stable id, `whe_...`.' }),
    url: t.exposeString('url', { description: 'Where deliveries are POSTed.' }),
    eventTypes: t.field({
      type: [EventTypeEnum],
      description: 'The kinds of event it receives.',
      resolve: (e) => e.eventTypes,
    }),
    description: t.exposeString('description', {
      description: 'Human label: owner and purpose; may be empty.',
    }),
    tenantPartnerId: t.int({
      nullable: true,
      description: "The partner whose events it receives; null for internal endpoints (every tenant's).",
      resolve: (e) => e.tenantPartnerId,
    }),
    status: t.field({
      type: EndpointStatusEnum,
      description: 'Whether it receives events.',
      resolve: (e) => e.status,
    }),
    statusReason: t.string({
      nullable: true,
      description: 'Why it is failing or disabled; null while active.',
      resolve: (e) => e.statusReason,
    }),
    statusChangedAt: t.field({
      type: 'DateTime',
      description: 'When its status last changed.',
      resolve: (e) => e.statusChangedAt,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was registered.',
      resolve: (e) => e.createdAt,
    }),
  }),
});

const WebhookEndpointConnection = builder.connectionObject(
  {
    type: WebhookEndpointType,
    name: 'WebhookEndpointConnection',
    description: 'A page of webhook endpoints, oldest first.',
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    edgesField: { description: 'The endpoints of this page, each with its cursor.' },
  },
  {
    name: 'WebhookEndpointEdge',
    description: 'A webhook endpoint in a page, with its cursor.',
    nodeField: { description: 'The endpoint.' },
  },
);

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: WebhookEndpointConnection,
    description:
      "The caller's webhook endpoints: a partner's own tenant's, every endpoint for internal callers. Scope `webhooks:manage`.",
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `Endpoints per page, 1 to ${MAX_PAGE_SIZE}.`,
      }),
      after: t.arg.string({
        required: false,
        description: 'The `endCursor` of the previous page; omit for the first page.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      const issues: Issue[] = [];
      checkPageArgs(args, issues);
      throwIfIssues(issues);
      return resolveOffsetConnection(
        { args: { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after }, maxSize: MAX_PAGE_SIZE },
        ({ offset, limit }) => webhooks.endpoints(owner, offset, limit),
      );
    },
  }),
);

builder.queryField('webhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointType,
    nullable: true,
    description:
      "One webhook endpoint by id; null when there is none or it is another partner's. Scope `webhooks:manage`.",
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    args: { id: t.arg.id({ required: true, description: 'The endpoint id, `whe_...`.' }) },
    resolve: (_root, { id }, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      return webhooks.endpoint(owner, String(id));
    },
  }),
);
