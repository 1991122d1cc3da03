import { createLogger, type Logger } from '../../../platform/logger.js';
import { seedBaseData, type BaseData } from './base-data.js';
import { Clock } from './clock.js';
import { Credentials } from './credentials.js';
import { FaultInjector, type FaultsInput } from './faults.js';
import { allModels } from './models/index.js';
import { bindNamed, bindPositional } from './orm/bind.js';
import { OrmEnv } from './orm/env.js';
import { PyAttributeError, PyException, UserError, notFound, unprocessable } from './orm/exceptions.js';
import { callMethod, resolveMethod, type MethodSpec } from './orm/methods.js';
import type { ModelDef } from './orm/model-def.js';
import { Orm } from './orm/orm.js';
import { Registry } from './orm/registry.js';
import { Store } from './orm/store.js';
import { WebhookEngine, type WebhookRuleInput } from './webhooks.js';
import { CallCounter } from './call-counter.js';

/** Odoo's SUPERUSER_ID: the emulator's own env runs as it, bypassing nothing (there are no access rules). */
export const SUPERUSER_ID = 1;

export interface OdooEmulatorOptions {
  /** Database name. Default `distribution-demo`. */
  database?: string;
  /** API key of the integration bot. Default: a fresh random key. */
  apiKey?: string;
  /** Login of the integration bot. Default `integration-bot`. */
  login?: string;
  faults?: FaultsInput;
  webhooks?: WebhookRuleInput[];
  /** Models to serve. Default: every model of `models/index.ts`. */
  models?: ModelDef[];
  logger?: Logger;
}

/**
 * One emulated Odoo database: registry, store, clock, users and keys, fault injector and webhook engine.
 * Both wire protocols come through {@link OdooEmulator.execute} (JSON-2 semantics) or
 * {@link OdooEmulator.executeKw} (JSON-RPC `execute_kw` semantics); each call is one transaction.
 */
export class OdooEmulator {
  readonly database: string;
  readonly login: string;
  readonly apiKey: string;
  /** RPC calls served, per model and method (tests and benchmarks read and reset it). */
  readonly calls = new CallCounter();
  readonly registry: Registry;
  readonly store: Store;
  readonly orm: Orm;
  readonly clock = new Clock();
  readonly credentials = new Credentials();
  readonly faults: FaultInjector;
  readonly webhooks: WebhookEngine;
  readonly logger: Logger;
  readonly base: BaseData;

  constructor(options: OdooEmulatorOptions = {}) {
    this.database = options.database ?? 'distribution-demo';
    this.login = options.login ?? 'integration-bot';
    this.logger = options.logger ?? createLogger({ name: 'odoo-emulator' });
    this.registry = new Registry(options.models ?? allModels);
    this.store = new Store(this.registry);
    this.orm = new Orm(this.registry, this.store, () => this.clock.now());
    this.faults = new FaultInjector(options.faults);
    this.webhooks = new WebhookEngine(this.orm, this.faults, this.logger);
    this.base = seedBaseData(this.env(), { botLogin: this.login, botName: 'Integration Bot' });
    this.apiKey = this.credentials.addKey(this.base.botUid, options.apiKey);
    this.credentials.setPassword(this.base.adminUid, 'admin');
    this.orm.listener = this.webhooks;
    if (options.webhooks) this.webhooks.setRules(options.webhooks);
  }

  now(): string {
    return this.clock.now();
  }

  /** Freezes the clock at a `YYYY-MM-DD HH:MM:SS` UTC moment, or lets it run with `null`. */
  setNow(ts: string | null): void {
    this.clock.set(ts);
  }

  /** A superuser environment (the demo seeder and tests use it). */
  env(context: Record<string, unknown> = {}): OrmEnv {
    return this.envFor(SUPERUSER_ID, context);
  }

  /** The environment of a user, with the user's context under the call's. */
  envFor(uid: number, context: Record<string, unknown> = {}): OrmEnv {
    const user = this.store.table('res.users').get(uid);
    const base = { lang: user?.lang || 'en_US', tz: user?.tz || 'Europe/Brussels', uid };
    return new OrmEnv(this.orm, uid, { ...base, ...context }, callMethod);
  }

  /** Runs `fn` as one transaction: all its changes or none; webhooks after commit. */
  transaction<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  /** The user an active bearer key belongs to. */
  uidForKey(key: string): number | undefined {
    const uid = this.credentials.uidForKey(key);
    return uid !== undefined && this.isActiveUser(uid) ? uid : undefined;
  }

  isActiveUser(uid: number): boolean {
    return this.store.table('res.users').get(uid)?.active === true;
  }

  /** `common.login`/`authenticate`: the uid for a login and password or API key, or false. */
  authenticate(login: string, secret: string): number | false {
    for (const user of this.store.table('res.users').rows.values()) {
      if (user.login === login && user.active === true)
        return this.credentials.check(user.id, secret) ? user.id : false;
    }
    return false;
  }

  /**
   * A call with named arguments, as JSON-2 makes it (addons/rpc/controllers/json2.py): unknown model or
   * method → 404, ids on a model method or arguments that do not bind → 422, private method → 403.
   */
  execute(
    uid: number,
    model: string,
    method: string,
    ids: number[],
    kwargs: Record<string, unknown>,
    context: Record<string, unknown> = {},
  ): unknown {
    this.calls.record(model, method);
    if (!this.registry.has(model)) throw notFound(`the model '${model}' does not exist`);
    const env = this.envFor(uid, context);
    let spec: MethodSpec;
    try {
      spec = resolveMethod(env, model, method);
    } catch (error) {
      if (error instanceof PyAttributeError) throw notFound(error.message);
      throw error;
    }
    if (spec.model && ids.length > 0) throw unprocessable(`cannot call ${model}.${method} with ids`);
    const bound = bindNamed(spec, kwargs);
    return normalizeResult(this.transaction(() => spec.run(env, model, ids, bound)));
  }

  /**
   * `execute_kw` as odoo/service/model.py runs it: unknown model → UserError, then `get_public_method`,
   * then `call_kw` (the first positional argument is the ids of a record method; `context` is taken
   * out of kwargs); mismatched arguments are Python TypeErrors. `create` with one dict answers one id.
   */
  executeKw(
    uid: number,
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): unknown {
    this.calls.record(model, method);
    if (!this.registry.has(model)) throw new UserError(`Object ${model} doesn't exist`);
    const { context, ...named } = kwargs;
    const env = this.envFor(uid, isRecord(context) ? context : {});
    const spec = resolveMethod(env, model, method);
    let ids: number[] = [];
    let positional = args;
    if (!spec.model) {
      if (args.length === 0) throw new PyException('builtins.IndexError', 'list index out of range');
      const first = args[0];
      ids = typeof first === 'number' ? [first] : Array.isArray(first) ? (first as number[]) : [];
      positional = args.slice(1);
    }
    const bound = bindPositional(spec, `${spec.owner}.${method}`, positional, named);
    const result = this.transaction(() => spec.run(env, model, ids, bound));
    if (method === 'create' && !Array.isArray(bound.vals_list) && Array.isArray(result))
      return result[0] as unknown;
    return normalizeResult(result);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python's None is JSON null; a method that returns nothing answers null. */
function normalizeResult(result: unknown): unknown {
  return result === undefined ? null : result;
}
