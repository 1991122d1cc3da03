import { requireOperator } from '../require-operator.js';
import { builder } from '../builder.js';
import type { SystemHealth } from '../integration-health.js';

const SystemKindType = builder.enumType('SystemKind', {
  description: 'What kind of system the graph depends on.',
  values: {
    CONNECTED_SYSTEM: {
      value: 'connected_system',
      description: 'An external system: Odoo, the WMS, the carrier.',
    },
    DATA_STORE: { value: 'data_store', description: 'Redis: caches, streams, queues, keys.' },
    SUBGRAPH: { value: 'subgraph', description: 'A subgraph of this graph (its `/readyz`).' },
  } as const,
});

const CircuitStateType = builder.enumType('CircuitState', {
  description: "A connector's circuit breaker.",
  values: {
    CLOSED: { value: 'closed', description: 'Calls flow.' },
    HALF_OPEN: { value: 'half-open', description: 'One trial call is let through after a pause.' },
    OPEN: { value: 'open', description: 'Calls fail at once after repeated failures.' },
  } as const,
});

const SystemHealthType = builder.objectRef<SystemHealth>('SystemHealth').implement({
  description: 'One system the graph depends on: whether it answers now, and how recent calls to it went.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '`odoo`, `wms`, `carrier`, `redis` or a subgraph name.' }),
    kind: t.field({ type: SystemKindType, description: 'What kind of system.', resolve: (s) => s.kind }),
    reachable: t.exposeBoolean('reachable', { description: 'Whether it answered the probe just now.' }),
    error: t.string({
      nullable: true,
      description: 'Why it is not reachable; null when it is.',
      resolve: (s) => s.error,
    }),
    probeMilliseconds: t.float({ description: 'How long the probe took.', resolve: (s) => s.probeMs }),
    circuit: t.field({
      type: CircuitStateType,
      nullable: true,
      description:
        'The circuit breaker after the last call seen; null for Redis, subgraphs and systems not called yet.',
      resolve: (s) => s.circuit,
    }),
    recentCalls: t.int({
      nullable: true,
      description:
        'Call attempts in the last 5 minutes seen by this process; null except for connected systems.',
      resolve: (s) => s.recentCalls,
    }),
    recentErrorRate: t.float({
      nullable: true,
      description: 'Failed attempts / attempts over the last 5 minutes, 0 to 1; null without calls.',
      resolve: (s) => s.recentErrorRate,
    }),
    recentLatencyMilliseconds: t.float({
      nullable: true,
      description: 'Mean attempt latency over the last 5 minutes; null without calls.',
      resolve: (s) => s.recentLatencyMs,
    }),
    checkedAt: t.field({ type: 'DateTime', description: 'When it was probed.', resolve: (s) => s.checkedAt }),
  }),
});

builder.queryFields((t) => ({
  integrationHealth: t.field({
    type: [SystemHealthType],
    description:
      'Each connected system (Odoo, WMS, carrier), Redis and each subgraph: reachable, circuit state, recent error rate and latency. Probes are shared for 2 seconds. Internal only (scope `operations:read`).',
    authenticated: true,
    requiresScopes: [['operations:read']],
    resolve: (_root, _args, context) => {
      requireOperator(context);
      return context.health.report();
    },
  }),
}));
