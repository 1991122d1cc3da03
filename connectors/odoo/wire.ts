import { z } from 'zod';

/**
 * The shapes Odoo puts on the wire, as Odoo's own code writes them: `serialize_exception` in
 * odoo/http.py builds the error object of both protocols; `JsonRPCDispatcher` wraps it for JSON-RPC.
 */

/** `serialize_exception(exc)`: the JSON-2 error body and the JSON-RPC `error.data`. */
export const odooExceptionSchema = z.object({
  name: z.string(),
  message: z.string().optional(),
  arguments: z.array(z.unknown()).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  debug: z.string().optional(),
});
export type OdooException = z.infer<typeof odooExceptionSchema>;

/**
 * JSON-RPC's `error`: `code` is 200 before Odoo 17 and 0 since ("we don't care of this code"),
 * 100 for an expired session and 404 for an unknown route.
 */
export const jsonRpcErrorSchema = z.object({
  code: z.number(),
  message: z.string(),
  data: odooExceptionSchema.optional(),
});
export type JsonRpcError = z.infer<typeof jsonRpcErrorSchema>;

/** A JSON-RPC answer. Odoo omits `result` when the method returned None. */
export const jsonRpcResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number(), z.string(), z.null()]).optional(),
  result: z.unknown().optional(),
  error: jsonRpcErrorSchema.optional(),
});

/**
 * `GET /web/version`. The first item is a number on community and enterprise releases and a
 * string such as `"saas~18"` on Odoo Online builds.
 */
export const webVersionSchema = z.object({
  version_info: z.tuple([z.union([z.number(), z.string()])], z.unknown()),
  version: z.string(),
});

/** `common.version()` over JSON-RPC, for servers without `/web/version`. */
export const commonVersionSchema = z.object({
  server_version: z.string(),
  server_version_info: z.tuple([z.union([z.number(), z.string()])], z.unknown()),
});
