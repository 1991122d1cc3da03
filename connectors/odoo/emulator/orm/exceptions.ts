/**
 * The exceptions the emulated Odoo raises, named exactly as Odoo's Python classes are, because the
 * wire error bodies of both protocols carry that qualified name (`data.name` in JSON-RPC, `name` in JSON-2).
 *
 * HTTP statuses follow Odoo 19's sources:
 * - `odoo/exceptions.py`: `UserError.http_status = 422` (inherited by `ValidationError`),
 *   `AccessError` and `AccessDenied` 403, `MissingError` 404, `LockError` 409.
 * - `Json2Dispatcher.handle_error` (odoo/http.py): a `UserError` answers its `http_status`, a werkzeug
 *   `HTTPException` its `code` (message = description, arguments = [description, code]), anything else
 *   (ValueError, TypeError, psycopg2 errors) 500 with the same serialised body.
 * - `addons/rpc/controllers/json2.py`: unknown model or method → `NotFound` 404, ids on an `@api.model`
 *   method or arguments that do not bind → `UnprocessableEntity` 422.
 * - `ir.http._auth_method_bearer`: a bad key → `Unauthorized("Invalid apikey")` 401 with `WWW-Authenticate: bearer`.
 */
export class OdooException extends Error {
  /** The Python exception's qualified name, e.g. `odoo.exceptions.UserError`. */
  readonly qualifiedName: string;
  /** HTTP status JSON-2 answers with. */
  readonly httpStatus: number;
  /** Python's `exception.args`, serialised as `arguments`. Default `[message]`. */
  readonly pyArgs: readonly unknown[];

  constructor(qualifiedName: string, message: string, httpStatus: number, pyArgs?: readonly unknown[]) {
    super(message);
    this.name = qualifiedName;
    this.qualifiedName = qualifiedName;
    this.httpStatus = httpStatus;
    this.pyArgs = pyArgs ?? [message];
  }
}

/** A business rule refused the operation (Odoo answers 422 on JSON-2 for user errors). */
export class UserError extends OdooException {
  constructor(message: string) {
    super('odoo.exceptions.UserError', message, 422);
  }
}

/** A constraint on field values failed (a `UserError` subclass: 422). */
export class ValidationError extends OdooException {
  constructor(message: string) {
    super('odoo.exceptions.ValidationError', message, 422);
  }
}

/** The user may not do this. */
export class AccessError extends OdooException {
  constructor(message: string) {
    super('odoo.exceptions.AccessError', message, 403);
  }
}

/** Login/password/key refused (JSON-RPC `execute_kw` with bad credentials). */
export class AccessDenied extends OdooException {
  constructor(message = 'Access Denied') {
    super('odoo.exceptions.AccessDenied', message, 403);
  }
}

/** A record does not exist (any longer). */
export class MissingError extends OdooException {
  constructor(message: string) {
    super('odoo.exceptions.MissingError', message, 404);
  }
}

/** A PostgreSQL serialization failure reached the client (concurrent update); safe to retry. */
export class SerializationFailure extends OdooException {
  constructor(message = 'could not serialize access due to concurrent update\n') {
    super('psycopg2.errors.SerializationFailure', message, 500);
  }
}

/** Python's `ValueError`: bad domain, unknown field, wrong selection key. Not a UserError, so 500. */
export class PyValueError extends OdooException {
  constructor(message: string) {
    super('builtins.ValueError', message, 500);
  }
}

/** Python's `TypeError`: arguments that do not fit a method called through JSON-RPC. */
export class PyTypeError extends OdooException {
  constructor(message: string) {
    super('builtins.TypeError', message, 500);
  }
}

/** Python's `AttributeError`: a method that does not exist (JSON-RPC; JSON-2 turns it into a 404). */
export class PyAttributeError extends OdooException {
  constructor(message: string) {
    super('builtins.AttributeError', message, 500);
  }
}

/** Any other server-side failure (the fault injector uses it). */
export class PyException extends OdooException {
  constructor(qualifiedName: string, message: string) {
    super(qualifiedName, message, 500);
  }
}

/** A werkzeug HTTP exception: `arguments` are `[description, code]` as Json2Dispatcher serialises them. */
export class HttpException extends OdooException {
  constructor(className: string, description: string, code: number) {
    super(`werkzeug.exceptions.${className}`, description, code, [description, code]);
  }
}

export const notFound = (description: string): HttpException =>
  new HttpException('NotFound', description, 404);
export const unprocessable = (description: string): HttpException =>
  new HttpException('UnprocessableEntity', description, 422);
export const unauthorized = (description: string): HttpException =>
  new HttpException('Unauthorized', description, 401);
export const badRequest = (description: string): HttpException =>
  new HttpException('BadRequest', description, 400);
export const methodNotAllowed = (): HttpException =>
  new HttpException('MethodNotAllowed', 'The method is not allowed for the requested URL.', 405);

/** Converts anything thrown into an Odoo exception; an unexpected JS error becomes a 500 Python-ish error. */
export function toOdooException(error: unknown): OdooException {
  if (error instanceof OdooException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PyException('builtins.RuntimeError', message);
}
