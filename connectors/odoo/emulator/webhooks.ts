/**
 * Automation rules whose action is "Send Webhook Notification", as Odoo's `ir.actions.server`
 * `_run_action_webhook` runs them (odoo/addons/base/models/ir_actions.py):
 * - body `{"_model", "_id", "_action": "<name>(#<id>)", ...record.read(fields, load=None)[0], "id"}`
 *   serialised with sorted keys (`json.dumps(vals, sort_keys=True, default=str)`), so many2one
 *   fields are bare ids and dates the strings Odoo stores;
 * - POSTed with `Content-Type: application/json` after the transaction commits (`cr.postcommit`),
 *   never when it rolls back; unsigned, not retried, 1 s timeout, failures only logged.
 * The trigger and filter come from `base.automation` (`on_create`, `on_write`, `on_create_or_write`,
 * `on_unlink`, `filter_domain`, `trigger_field_ids`). One notification per rule and record per transaction.
 */
import { z } from 'zod';
import type { Logger } from '../../../platform/logger.js';
import type { FaultInjector } from './faults.js';
import type { Domain, Env } from './orm/model-def.js';
import type { Orm, OrmListener } from './orm/orm.js';
import { search } from './orm/search.js';

export const webhookRuleSchema = z
  .object({
    /** The server action's id, shown in `_action` as `name(#id)`. Default: position in the list + 1. */
    id: z.number().int().positive().optional(),
    name: z.string().min(1),
    model: z.string().min(1),
    trigger: z.enum(['on_create', 'on_write', 'on_create_or_write', 'on_unlink']),
    url: z.url(),
    /** `filter_domain`: only records matching it notify. */
    domain: z.array(z.unknown()).optional(),
    /** `webhook_field_ids`: the fields sent besides `_id`, `_model`, `_action` and `id`. */
    fields: z.array(z.string()).default([]),
    /** `trigger_field_ids`: for write triggers, notify only when one of these fields was written. */
    triggerFields: z.array(z.string()).optional(),
  })
  .strict();

export const webhookRulesSchema = z.array(webhookRuleSchema);
export type WebhookRule = z.infer<typeof webhookRuleSchema> & { id: number };
export type WebhookRuleInput = z.input<typeof webhookRuleSchema>;

const TIMEOUT_MS = 1000;

/** Listens to the ORM and sends the configured notifications once their transaction commits. */
export class WebhookEngine implements OrmListener {
  private rules: WebhookRule[] = [];
  private readonly queued = new Set<string>();
  private queuedSerial = -1;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly orm: Orm,
    private readonly faults: FaultInjector,
    private readonly logger: Logger,
  ) {}

  /** Replaces the rules (throws a ZodError, or an Error naming an unknown model or field). */
  setRules(input: unknown): WebhookRule[] {
    const parsed = webhookRulesSchema.parse(input);
    const rules = parsed.map((rule, i) => ({ ...rule, id: rule.id ?? i + 1 }));
    for (const rule of rules) {
      const model = this.orm.registry.find(rule.model);
      if (!model) throw new Error(`webhook rule "${rule.name}": unknown model ${rule.model}`);
      for (const field of [...rule.fields, ...(rule.triggerFields ?? [])]) {
        if (!model.fields[field])
          throw new Error(`webhook rule "${rule.name}": unknown field ${rule.model}.${field}`);
      }
    }
    this.rules = rules;
    return rules;
  }

  getRules(): WebhookRule[] {
    return this.rules;
  }

  /** Resolves when every notification sent so far has been answered or has timed out. */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  created(env: Env, model: string, id: number): void {
    for (const rule of this.matching(model, ['on_create', 'on_create_or_write']))
      this.queue(env, rule, id, false);
  }

  written(env: Env, model: string, ids: number[], fields: string[]): void {
    for (const rule of this.matching(model, ['on_write', 'on_create_or_write'])) {
      if (rule.triggerFields && !rule.triggerFields.some((f) => fields.includes(f))) continue;
      for (const id of ids) this.queue(env, rule, id, false);
    }
  }

  unlinking(env: Env, model: string, ids: number[]): void {
    for (const rule of this.matching(model, ['on_unlink']))
      for (const id of ids) this.queue(env, rule, id, true);
  }

  private matching(model: string, triggers: WebhookRule['trigger'][]): WebhookRule[] {
    return this.rules.filter((rule) => rule.model === model && triggers.includes(rule.trigger));
  }

  /** Deleted records are read now; others when the transaction commits, so the body shows committed values. */
  private queue(env: Env, rule: WebhookRule, id: number, now: boolean): void {
    // Keys of a rolled-back transaction are never consumed: forget them when a new transaction starts.
    if (this.queuedSerial !== this.orm.store.serial) this.queued.clear();
    this.queuedSerial = this.orm.store.serial;
    const key = `${rule.id}:${id}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    const early = now ? this.payload(env, rule, id) : undefined;
    this.orm.store.afterCommit(() => {
      this.queued.delete(key);
      const body = now ? early : this.payload(env, rule, id);
      if (body) this.send(rule, body);
    });
  }

  private payload(env: Env, rule: WebhookRule, id: number): string | undefined {
    if (!this.orm.exists(rule.model, id)) return undefined;
    if (
      rule.domain &&
      search(this.orm, env, rule.model, [['id', '=', id], ...(rule.domain as Domain)]).length === 0
    )
      return undefined;
    const values = rule.fields.length > 0 ? this.orm.read(env, rule.model, [id], rule.fields, 'none')[0] : {};
    const vals: Record<string, unknown> = {
      _model: rule.model,
      _id: id,
      _action: `${rule.name}(#${rule.id})`,
      ...values,
      id,
    };
    const sorted = Object.fromEntries(
      Object.keys(vals)
        .sort()
        .map((k) => [k, vals[k]]),
    );
    return JSON.stringify(sorted);
  }

  private send(rule: WebhookRule, body: string): void {
    if (this.faults.dropWebhook()) {
      this.logger.info({ url: rule.url, rule: rule.name }, 'webhook dropped by fault injection');
      return;
    }
    const delivery = fetch(rule.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.body?.cancel();
        if (!response.ok) this.logger.warn({ url: rule.url, status: response.status }, 'webhook call failed');
      })
      .catch((error: unknown) => this.logger.warn({ url: rule.url, err: error }, 'webhook call failed'))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }
}
