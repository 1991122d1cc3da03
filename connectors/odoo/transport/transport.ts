/** The two wire protocols a connector can speak; see the reference's "Two wire protocols". */
export type OdooProtocol = 'json2' | 'jsonrpc';

/** What one call carries besides the model and method. */
export interface OdooCallArgs {
  /** The records a record method runs on; omitted for model methods (`search_read`, `create`). */
  ids?: readonly number[];
  /** Named arguments of the method (`domain`, `fields`, `vals_list`...). */
  kwargs?: Readonly<Record<string, unknown>>;
  /** Odoo context (`lang`, `tz`, `warehouse`, `active_test`...). */
  context?: Readonly<Record<string, unknown>>;
}

/** One Odoo method call over the wire: resolves with the method's return value or rejects with an OdooError. */
export interface OdooTransport {
  readonly protocol: OdooProtocol;
  call(model: string, method: string, args: OdooCallArgs, signal: AbortSignal): Promise<unknown>;
}
