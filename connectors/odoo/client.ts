import { currentCorrelationId, newCorrelationId, withCorrelationId } from '../../platform/correlation.js';
import type { Logger } from '../../platform/logger.js';
import { answersHttp } from '../../platform/observability/answers-http.js';
import { publishConnectorCall } from '../../platform/observability/channels.js';
import { circuitName } from '../../platform/observability/circuit-name.js';
import { httpClientFor, withDeadline, type HttpSend } from '../shared/http-client.js';
import type { OdooConfig } from './config.js';
import type { Domain } from './domain.js';
import {
  OdooAuthenticationError,
  OdooMissingRecordError,
  OdooProtocolError,
  type OdooErrorCode,
} from './errors.js';
import { odooModels, type OdooFieldName, type OdooModelName, type OdooRecord } from './models.js';
import { DEFAULT_CURRENCY_DECIMALS } from './money.js';
import { currencyFieldsFor, many2oneId, normalizeRecord } from './normalize.js';
import { isRetrySafe } from './read-methods.js';
import { fieldsToRead, RelatedRecords, specificationOf, unnest, type Related } from './related-read.js';
import { createOdooPolicies, toPolicyError, type OdooPolicies } from './resilience.js';
import { Json2Transport } from './transport/json2.js';
import { JsonRpcTransport } from './transport/jsonrpc.js';
import {
  fetchServerVersion,
  protocolForVersion,
  type OdooServerVersion,
} from './transport/server-version.js';
import type { OdooCallArgs, OdooProtocol, OdooTransport } from './transport/transport.js';

export type OdooContext = Readonly<Record<string, unknown>>;

/** One attempt of one call, for the metrics layer. */
export interface OdooCallEvent {
  model: string;
  method: string;
  /** `auto` only while the protocol is still unknown (the version probe failed). */
  protocol: OdooProtocol | 'auto';
  durationMs: number;
  outcome: 'ok' | OdooErrorCode;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

export interface OdooClientOptions {
  config: OdooConfig;
  logger: Logger;
  /** Sends the HTTP requests. Default: undici over a keep-alive pool of this client's own. */
  send?: HttpSend;
  /** Called after every attempt; must not throw (what it throws is logged and ignored). */
  onCall?: (event: OdooCallEvent) => void;
}

export interface SearchReadOptions<F extends string> {
  domain?: Domain;
  /** Default: every field the model's spec lists. */
  fields?: readonly F[];
  limit?: number;
  offset?: number;
  order?: string;
  context?: OdooContext;
  signal?: AbortSignal;
}

export interface WriteOptions {
  context?: OdooContext;
  /** The caller guarantees that repeating the call is harmless, so transient failures are retried. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface CallMethodOptions extends WriteOptions {
  ids?: readonly number[];
  kwargs?: Readonly<Record<string, unknown>>;
}

/** Counters of this client's activity (per instance, never shared). */
export interface OdooClientStats {
  calls: number;
  attempts: number;
  failures: number;
}

/**
 * A typed client of one Odoo server over JSON-2 or JSON-RPC, with a per-attempt timeout, a
 * concurrency limit, a circuit breaker and retries for reads. Reads of the models in
 * {@link odooModels} come back validated and normalised; other calls return Odoo's raw value.
 */
export class OdooClient {
  readonly #config: OdooConfig;
  readonly #logger: Logger;
  readonly #send: HttpSend;
  readonly #closeHttp: () => Promise<void>;
  readonly #onCall: ((event: OdooCallEvent) => void) | undefined;
  readonly #policies: OdooPolicies;
  readonly #stats: OdooClientStats = { calls: 0, attempts: 0, failures: 0 };
  readonly #currencyDecimals = new Map<number, number>();
  #serverVersion: Promise<OdooServerVersion> | undefined;
  #transport: Promise<OdooTransport> | undefined;
  #protocol: OdooProtocol | undefined;

  constructor(options: OdooClientOptions) {
    this.#config = options.config;
    this.#logger = options.logger;
    const http = httpClientFor(options.send);
    this.#send = http.send;
    this.#closeHttp = http.close;
    this.#onCall = options.onCall;
    this.#policies = createOdooPolicies(options.config);
    this.#protocol = options.config.protocol === 'auto' ? undefined : options.config.protocol;
    this.#policies.breaker.onBreak(() => this.#logger.warn({ url: this.#config.url }, 'Odoo circuit opened'));
    this.#policies.breaker.onReset(() => this.#logger.info({ url: this.#config.url }, 'Odoo circuit closed'));
  }

  get stats(): Readonly<OdooClientStats> {
    return { ...this.#stats };
  }

  /** For readiness probes: resolves when Odoo answers HTTP at its URL and the circuit is not open. */
  async checkReachable(signal: AbortSignal): Promise<void> {
    if (circuitName(this.#policies.breaker.state) === 'open')
      throw new Error('circuit open after repeated failures');
    await answersHttp(this.#send, this.#config.url, signal);
  }

  /** Lets go of the connections kept open to Odoo (none to close when `send` was given). */
  close(): Promise<void> {
    return this.#closeHttp();
  }

  /** Records matching `domain`, in one call (search and read in one transaction). */
  async searchRead<M extends OdooModelName, F extends OdooFieldName<M> = OdooFieldName<M>>(
    model: M,
    options: SearchReadOptions<F> = {},
  ): Promise<OdooRecord<M, F>[]> {
    const fields = options.fields ?? (Object.keys(odooModels[model]) as F[]);
    const kwargs = {
      domain: options.domain ?? [],
      fields: fieldsToRead(model, fields),
      ...pagingOf(options),
    };
    const raw = await this.#call(model, 'search_read', { kwargs, context: options.context }, options);
    return this.#normalize(model, fields, raw, options.context);
  }

  /**
   * Records matching `domain` with, in the same call, the co-records of the fields in `related`
   * (`web_search_read` with a nested specification, Odoo 17 and later): one call where a search_read
   * and a read per relation would take several. Every record reads as `searchRead` and `read` return it.
   */
  async searchReadRelated<M extends OdooModelName, F extends OdooFieldName<M>>(
    model: M,
    options: SearchReadOptions<F> & { fields: readonly F[]; related: Readonly<Partial<Record<F, Related>>> },
  ): Promise<{ records: OdooRecord<M, F>[]; related: RelatedRecords }> {
    await this.#requireSpecificationReads(model);
    const { fields, context } = options;
    const nested = options.related as Readonly<Record<string, Related>>;
    const kwargs = {
      domain: options.domain ?? [],
      specification: specificationOf(model, fields, nested),
      ...pagingOf(options),
    };
    const answer = await this.#call(model, 'web_search_read', { kwargs, context }, options);
    const rows = (answer as { records?: unknown } | null)?.records;
    if (!Array.isArray(rows)) throw unexpected(model, 'web_search_read', '{ length, records }');
    const collected = new Map<Related, Map<number, Record<string, unknown>>>();
    const records = await this.#normalize(
      model,
      fields,
      unnest(model, fields, nested, rows, collected),
      context,
    );
    const byRelated = new Map<Related, Map<number, Record<string, unknown>>>();
    for (const [co, found] of collected) {
      const coFields = co.fields as readonly OdooFieldName<typeof co.model>[];
      const normalized = await this.#normalize(co.model, coFields, [...found.values()], context);
      byRelated.set(co, new Map(normalized.map((record) => [record.id, record])));
    }
    return { records, related: new RelatedRecords(byRelated) };
  }

  /**
   * The records with these ids, in one call whatever their number: duplicates asked once,
   * results in the order of `ids`, ids that do not exist (any longer) left out.
   */
  async read<M extends OdooModelName, F extends OdooFieldName<M> = OdooFieldName<M>>(
    model: M,
    ids: readonly number[],
    fields?: readonly F[],
    context?: OdooContext,
  ): Promise<OdooRecord<M, F>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const wanted = fields ?? (Object.keys(odooModels[model]) as F[]);
    const kwargs = { fields: fieldsToRead(model, wanted) };
    let raw: unknown;
    try {
      raw = await this.#call(model, 'read', { ids: unique, kwargs, context }, {});
    } catch (error) {
      if (!(error instanceof OdooMissingRecordError)) throw error;
      // A record deleted meanwhile fails the whole read; a search drops it instead (archived ones included).
      const domain = [['id', 'in', unique]];
      raw = await this.#call(
        model,
        'search_read',
        { kwargs: { domain, ...kwargs }, context: { ...context, active_test: false } },
        {},
      );
    }
    const byId = new Map(
      (await this.#normalize(model, wanted, raw, context)).map((record) => [record.id, record]),
    );
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  /** How many records match `domain`. */
  async searchCount(
    model: string,
    options: { domain?: Domain; context?: OdooContext; signal?: AbortSignal } = {},
  ): Promise<number> {
    const result = await this.#call(
      model,
      'search_count',
      { kwargs: { domain: options.domain ?? [] }, context: options.context },
      options,
    );
    if (typeof result !== 'number' || !Number.isInteger(result))
      throw unexpected(model, 'search_count', 'a count');
    return result;
  }

  /** Creates records, returning their ids in order. Not retried unless `idempotent`. */
  async create(
    model: string,
    valsList: readonly Readonly<Record<string, unknown>>[],
    options: WriteOptions = {},
  ): Promise<number[]> {
    const result = await this.#call(
      model,
      'create',
      { kwargs: { vals_list: valsList }, context: options.context },
      options,
    );
    const ids = typeof result === 'number' ? [result] : result;
    if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id)))
      throw unexpected(model, 'create', 'a list of ids');
    return ids as number[];
  }

  /** Writes the same values on records. Not retried unless `idempotent`. */
  async write(
    model: string,
    ids: readonly number[],
    vals: Readonly<Record<string, unknown>>,
    options: WriteOptions = {},
  ): Promise<boolean> {
    const result = await this.#call(
      model,
      'write',
      { ids, kwargs: { vals }, context: options.context },
      options,
    );
    if (typeof result !== 'boolean') throw unexpected(model, 'write', 'a boolean');
    return result;
  }

  /** Any public method; retried only when it reads or the caller says it is `idempotent`. */
  callMethod(model: string, method: string, options: CallMethodOptions = {}): Promise<unknown> {
    const args: OdooCallArgs = { ids: options.ids, kwargs: options.kwargs ?? {}, context: options.context };
    return this.#call(model, method, args, options);
  }

  /** The server's version (cached after the first success). */
  version(): Promise<OdooServerVersion> {
    return this.#run('web', 'version', { idempotent: true }, (signal) => this.#loadVersion(signal));
  }

  /** The protocol in use, probing the server when configured `auto`. */
  async protocol(): Promise<OdooProtocol> {
    if (this.#protocol) return this.#protocol;
    await this.#run('web', 'version', { idempotent: true }, (signal) => this.#loadTransport(signal));
    return this.#protocol ?? 'json2';
  }

  /** Reads with a specification came with Odoo 17; JSON-2 means 19 or later, JSON-RPC may be older. */
  async #requireSpecificationReads(model: string): Promise<void> {
    if ((await this.protocol()) === 'json2') return;
    const { major } = await this.version();
    if (major < 17)
      throw new OdooProtocolError(
        `Reading ${model} with its related records needs Odoo 17 or later; this server runs ${major}`,
        { model, method: 'web_search_read' },
      );
  }

  #call(model: string, method: string, args: OdooCallArgs, options: WriteOptions): Promise<unknown> {
    return this.#run(model, method, options, async (signal) =>
      (await this.#loadTransport(signal)).call(model, method, args, signal),
    );
  }

  /** Runs one call through retry → bulkhead → breaker → timeout, reporting every attempt. */
  #run<T>(
    model: string,
    method: string,
    options: WriteOptions,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const policy = isRetrySafe(method, options.idempotent) ? this.#policies.retry : this.#policies.once;
    const { timeoutMs } = this.#config;
    const site = { model, method, timeoutMs };
    this.#stats.calls += 1;
    const attemptOnce = async (signal: AbortSignal, attempt: number): Promise<T> => {
      const started = performance.now();
      this.#stats.attempts += 1;
      try {
        const result = await this.#policies.bulkhead.execute(
          () =>
            this.#policies.breaker.execute(async ({ signal: breakerSignal }) => {
              try {
                return await withDeadline([breakerSignal], timeoutMs, fn);
              } catch (error) {
                // Convert inside the breaker, which counts only transient OdooErrors.
                throw toPolicyError(error, site);
              }
            }, signal),
          signal,
        );
        this.#report({ model, method, started, outcome: 'ok', attempt });
        return result;
      } catch (error) {
        const odooError = toPolicyError(error, site);
        this.#stats.failures += 1;
        this.#report({ model, method, started, outcome: odooError.code, attempt });
        throw odooError;
      }
    };
    const correlationId = currentCorrelationId() ?? newCorrelationId();
    return withCorrelationId(correlationId, () =>
      policy.execute(({ signal, attempt }) => attemptOnce(signal, attempt + 1), options.signal),
    );
  }

  #report(event: {
    model: string;
    method: string;
    started: number;
    outcome: OdooCallEvent['outcome'];
    attempt: number;
  }): void {
    const { model, method, outcome, attempt } = event;
    const durationMs = Math.round((performance.now() - event.started) * 1000) / 1000;
    const call: OdooCallEvent = {
      model,
      method,
      protocol: this.#protocol ?? 'auto',
      durationMs,
      outcome,
      attempt,
    };
    this.#logger.debug(call, 'odoo call');
    publishConnectorCall({
      system: 'odoo',
      method: `${model}.${method}`,
      outcome,
      durationMs,
      circuit: circuitName(this.#policies.breaker.state),
    });
    try {
      this.#onCall?.(call);
    } catch (error) {
      this.#logger.warn({ err: error }, 'onCall hook threw');
    }
  }

  #loadVersion(signal: AbortSignal): Promise<OdooServerVersion> {
    this.#serverVersion ??= fetchServerVersion(
      this.#send,
      this.#config.url,
      signal,
      this.#config.timeoutMs,
    ).catch((error: unknown) => {
      this.#serverVersion = undefined;
      throw error;
    });
    return this.#serverVersion;
  }

  #loadTransport(signal: AbortSignal): Promise<OdooTransport> {
    this.#transport ??= this.#createTransport(signal).catch((error: unknown) => {
      this.#transport = undefined;
      throw error;
    });
    return this.#transport;
  }

  async #createTransport(signal: AbortSignal): Promise<OdooTransport> {
    const { url, apiKey, database, login, timeoutMs } = this.#config;
    const protocol = this.#protocol ?? protocolForVersion(await this.#loadVersion(signal));
    if (protocol === 'json2') {
      this.#protocol = protocol;
      return new Json2Transport({ url, apiKey, database, timeoutMs, send: this.#send });
    }
    if (!database || !login) {
      throw new OdooAuthenticationError(
        'This Odoo speaks JSON-RPC only (before 19), which needs ODOO_DB and ODOO_LOGIN',
        {
          model: 'web',
          method: 'version',
        },
      );
    }
    this.#protocol = protocol;
    return new JsonRpcTransport({ url, database, login, apiKey, timeoutMs, send: this.#send });
  }

  async #normalize<M extends OdooModelName, F extends OdooFieldName<M>>(
    model: M,
    fields: readonly F[],
    raw: unknown,
    context: OdooContext | undefined,
  ): Promise<OdooRecord<M, F>[]> {
    if (!Array.isArray(raw)) throw unexpected(model, 'read', 'a list of records');
    const spec = odooModels[model];
    await this.#loadCurrencyDecimals(currencyFieldsFor(spec, fields), raw, context);
    const currencyDecimals = (id: number | undefined): number =>
      (id === undefined ? undefined : this.#currencyDecimals.get(id)) ?? DEFAULT_CURRENCY_DECIMALS;
    return raw.map(
      (record) => normalizeRecord(record, { model, spec, fields, currencyDecimals }) as OdooRecord<M, F>,
    );
  }

  /** Learns the decimal places of the currencies these records use, once per currency per client. */
  async #loadCurrencyDecimals(
    currencyFields: readonly string[],
    raw: readonly unknown[],
    context: OdooContext | undefined,
  ): Promise<void> {
    if (currencyFields.length === 0) return;
    const unknown = new Set<number>();
    for (const record of raw) {
      if (typeof record !== 'object' || record === null) continue;
      for (const field of currencyFields) {
        const id = many2oneId((record as Record<string, unknown>)[field]);
        if (id !== undefined && !this.#currencyDecimals.has(id)) unknown.add(id);
      }
    }
    if (unknown.size === 0) return;
    const currencies = await this.read('res.currency', [...unknown], ['decimal_places'], context);
    for (const currency of currencies) {
      this.#currencyDecimals.set(currency.id, currency.decimal_places ?? DEFAULT_CURRENCY_DECIMALS);
    }
  }
}

/** A search's `limit`, `offset` and `order` as keyword arguments, those not given left out. */
function pagingOf(options: Pick<SearchReadOptions<string>, 'limit' | 'offset' | 'order'>) {
  const paging: { limit?: number; offset?: number; order?: string } = {};
  if (options.limit !== undefined) paging.limit = options.limit;
  if (options.offset !== undefined) paging.offset = options.offset;
  if (options.order !== undefined) paging.order = options.order;
  return paging;
}

function unexpected(model: string, method: string, expected: string): OdooProtocolError {
  return new OdooProtocolError(`Odoo answered ${model}.${method} with something other than ${expected}`, {
    model,
    method,
  });
}
