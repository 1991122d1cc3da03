/**
 * The exceptions the emulated Odoo raises, named exactly as Odoo's Python classes are, because the
 * wire error bodies of both protocols carry that qualified name (`data.name` in JSON-RPC, `name` in JSON-2).
 */
export class OdooException extends Error {
  /** The Python exception's qualified name, e.g. `odoo.exceptions.UserError`. */
  readonly qualifiedName: string;
  /** HTTP status JSON-2 answers with. */
  readonly httpStatus: number;

  constructor(qualifiedName: string, message: string, httpStatus: number) {
    super(message);
    this.name = qualifiedName;
    this.qualifiedName = qualifiedName;
    this.httpStatus = httpStatus;
  }
}

/** A business rule refused the operation (Odoo answers 422 on JSON-2 for user errors). */
export class UserError extends OdooException {
  constructor(message: string) {
    super('odoo.exceptions.UserError', message, 422);
  }
}

/** A constraint on field values failed. */
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

/** A record does not exist (any longer). */
export class MissingError extends OdooException {
  constructor(message: string) {
    super('odoo.exceptions.MissingError', message, 404);
  }
}

/** A PostgreSQL serialization failure reached the client (concurrent update); safe to retry. */
export class SerializationFailure extends OdooException {
  constructor(message = 'could not serialize access due to concurrent update') {
    super('psycopg2.errors.SerializationFailure', message, 500);
  }
}
