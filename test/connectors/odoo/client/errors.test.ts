import { describe, expect, it } from '@jest/globals';
import {
  ODOO_ERROR_CODES,
  OdooAccessError,
  OdooAuthenticationError,
  OdooBadRequestError,
  OdooMissingRecordError,
  OdooProtocolError,
  OdooRetryableError,
  OdooServerError,
  OdooValidationError,
  toOdooError,
} from '../../../../connectors/odoo/index.js';

/**
 * The JSON-2 error example of Odoo's documentation, verbatim
 * (odoo/documentation content/developer/reference/external_api.rst, "Response").
 */
const JSON2_UNAUTHORIZED = JSON.parse(
  String.raw`{
  "name": "werkzeug.exceptions.Unauthorized",
  "message": "Invalid apikey",
  "arguments": ["Invalid apikey", 401],
  "context": {},
  "debug": "Traceback (most recent call last):\n  File \"/opt/Odoo/community/odoo/http.py\", line 2212, in _transactioning\n    return service_model.retrying(func, env=self.env)\n  File \"/opt/Odoo/community/odoo/service/model.py\", line 176, in retrying\n    result = func()\n  File \"/opt/Odoo/community/odoo/http.py\", line 2177, in _serve_ir_http\n    self.registry['ir.http']._authenticate(rule.endpoint)\n  File \"/opt/Odoo/community/odoo/addons/base/models/ir_http.py\", line 274, in _authenticate\n    cls._authenticate_explicit(auth)\n  File \"/opt/Odoo/community/odoo/addons/base/models/ir_http.py\", line 283, in _authenticate_explicit\n    getattr(cls, f'_auth_method_{auth}')()\n  File \"/opt/Odoo/community/odoo/addons/base/models/ir_http.py\", line 240, in _auth_method_bearer\n    raise werkzeug.exceptions.Unauthorized(\nwerkzeug.exceptions.Unauthorized: 401 Unauthorized: Invalid apikey\n"
}`,
) as unknown;

/**
 * A JSON-RPC error as odoo/http.py builds it: JsonRPCDispatcher.handle_error wraps
 * serialize_exception(exc) as `data` under `{code, message: "Odoo Server Error"}` (code 200 up to
 * Odoo 16, 0 since), and the answer is HTTP 200.
 */
function rpcError(name: string, message: string, code = 200): unknown {
  return {
    code,
    message: 'Odoo Server Error',
    data: {
      name,
      debug: `Traceback (most recent call last):\n${name}: ${message}\n`,
      message,
      arguments: [message],
      context: {},
    },
  };
}

describe('the error catalogue', () => {
  it('has unique, documented codes, one per class', () => {
    const classes = [
      OdooAuthenticationError,
      OdooAccessError,
      OdooValidationError,
      OdooMissingRecordError,
      OdooBadRequestError,
      OdooRetryableError,
      OdooProtocolError,
      OdooServerError,
    ];
    const codes = classes.map((Class) => new Class('x').code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [...codes, 'ODOO_CIRCUIT_OPEN']) expect(ODOO_ERROR_CODES).toHaveProperty(code);
    for (const text of Object.values(ODOO_ERROR_CODES)) expect(text.length).toBeGreaterThan(20);
  });
});

describe('toOdooError on JSON-2 bodies', () => {
  it("classifies the documentation's 401 example as an authentication error", () => {
    const error = toOdooError(JSON2_UNAUTHORIZED, {
      model: 'res.partner',
      method: 'search_read',
      httpStatus: 401,
    });
    expect(error).toBeInstanceOf(OdooAuthenticationError);
    expect(error).toMatchObject({
      code: 'ODOO_AUTHENTICATION',
      retryable: false,
      message: 'Invalid apikey',
      odooName: 'werkzeug.exceptions.Unauthorized',
      model: 'res.partner',
      method: 'search_read',
      httpStatus: 401,
    });
    expect(error.debug).toContain('_auth_method_bearer');
    expect(error.cause).toBe(JSON2_UNAUTHORIZED);
  });

  it.each([
    ['odoo.exceptions.AccessError', 403, OdooAccessError],
    ['odoo.exceptions.ValidationError', 422, OdooValidationError],
    ['odoo.exceptions.UserError', 422, OdooValidationError],
    ['odoo.exceptions.MissingError', 404, OdooMissingRecordError],
    ['werkzeug.exceptions.NotFound', 404, OdooBadRequestError],
    ['werkzeug.exceptions.UnprocessableEntity', 422, OdooBadRequestError],
    ['psycopg2.errors.SerializationFailure', 500, OdooRetryableError],
    ['builtins.ZeroDivisionError', 500, OdooServerError],
  ])('classifies %s (HTTP %i)', (name, status, Class) => {
    const error = toOdooError(
      { name, message: 'boom', arguments: ['boom'], context: {}, debug: '' },
      { httpStatus: status },
    );
    expect(error).toBeInstanceOf(Class);
    expect(error.odooName).toBe(name);
  });

  it('keeps the Odoo exception name of validation errors', () => {
    const body = {
      name: 'odoo.exceptions.ValidationError',
      message: 'The reference must be unique',
      arguments: [],
      context: {},
    };
    expect(toOdooError(body, { httpStatus: 422 })).toMatchObject({
      code: 'ODOO_VALIDATION',
      odooName: 'odoo.exceptions.ValidationError',
      message: 'The reference must be unique',
    });
  });

  it('reads an unexpected keyword argument as a bad request', () => {
    const body = {
      name: 'werkzeug.exceptions.UnprocessableEntity',
      message: "BaseModel.search_read() got an unexpected keyword argument 'limitt'",
      arguments: ["BaseModel.search_read() got an unexpected keyword argument 'limitt'", 422],
      context: {},
      debug: '',
    };
    expect(toOdooError(body, { httpStatus: 422 })).toBeInstanceOf(OdooBadRequestError);
    expect(
      toOdooError({ name: 'builtins.TypeError', message: "got an unexpected keyword argument 'x'" }),
    ).toBeInstanceOf(OdooBadRequestError);
  });

  it('classifies error pages that are not JSON by status', () => {
    expect(toOdooError(undefined, { httpStatus: 503 })).toBeInstanceOf(OdooRetryableError);
    expect(toOdooError(undefined, { httpStatus: 502 })).toBeInstanceOf(OdooRetryableError);
    expect(toOdooError(undefined, { httpStatus: 500 })).toBeInstanceOf(OdooRetryableError);
    expect(toOdooError(undefined, { httpStatus: 429 })).toBeInstanceOf(OdooRetryableError);
    expect(toOdooError(undefined, { httpStatus: 401 })).toBeInstanceOf(OdooAuthenticationError);
    expect(toOdooError('the model does not exist', { httpStatus: 404 })).toMatchObject({
      code: 'ODOO_BAD_REQUEST',
      message: 'the model does not exist',
    });
  });
});

describe('toOdooError on JSON-RPC errors', () => {
  it.each([
    ['odoo.exceptions.AccessDenied', OdooAuthenticationError],
    ['odoo.exceptions.AccessError', OdooAccessError],
    ['odoo.exceptions.ValidationError', OdooValidationError],
    ['odoo.exceptions.UserError', OdooValidationError],
    ['odoo.exceptions.MissingError', OdooMissingRecordError],
    ['builtins.ValueError', OdooBadRequestError],
    ['builtins.KeyError', OdooBadRequestError],
    ['psycopg2.errors.SerializationFailure', OdooRetryableError],
    ['builtins.RuntimeError', OdooServerError],
  ])('classifies %s', (name, Class) => {
    const error = toOdooError(rpcError(name, 'it failed'), { model: 'sale.order', method: 'write' });
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({
      odooName: name,
      message: 'it failed',
      model: 'sale.order',
      method: 'write',
    });
  });

  it('reads Odoo 17+ code 0 the same as code 200', () => {
    expect(toOdooError(rpcError('odoo.exceptions.UserError', 'nope', 0))).toBeInstanceOf(OdooValidationError);
  });

  it('treats "could not serialize access" as retryable whatever the name', () => {
    const error = toOdooError(
      rpcError(
        'psycopg2.errors.InFailedSqlTransaction',
        'could not serialize access due to concurrent update',
      ),
    );
    expect(error).toMatchObject({ code: 'ODOO_UNAVAILABLE', retryable: true });
  });

  it('reads an expired session (code 100) as an authentication error', () => {
    const body = {
      code: 100,
      message: 'Odoo Session Expired',
      data: {
        name: 'odoo.http.SessionExpiredException',
        message: 'Session expired',
        arguments: ['Session expired'],
        context: {},
        debug: '',
      },
    };
    expect(toOdooError(body)).toMatchObject({
      code: 'ODOO_AUTHENTICATION',
      odooName: 'odoo.http.SessionExpiredException',
    });
  });
});

describe('toOdooError on thrown values', () => {
  it("reads undici's fetch failed with a connection code as retryable", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = toOdooError(new TypeError('fetch failed', { cause: refused }), {
      model: 'res.partner',
      method: 'read',
    });
    expect(error).toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      retryable: true,
      message: 'Odoo is unreachable (ECONNREFUSED)',
    });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toOdooError(new TypeError('fetch failed', { cause: reset })).message).toContain('ECONNRESET');
  });

  it('reads an AbortSignal timeout as retryable', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toOdooError(timeout, { timeoutMs: 50 })).toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      message: 'Odoo did not answer after 50 ms',
    });
  });

  it('passes an OdooError through and wraps anything else as a protocol error', () => {
    const original = new OdooAccessError('no');
    expect(toOdooError(original)).toBe(original);
    expect(toOdooError(42)).toBeInstanceOf(OdooProtocolError);
  });
});
