import { PyTypeError, unprocessable, type OdooException } from './exceptions.js';

/** A Python signature reduced to what argument binding needs. */
export interface Signature {
  /** Parameter names after `self`, in order. */
  params: readonly string[];
  /** Parameters without a default. */
  required?: readonly string[];
  /** Whether the method takes `**kwargs`. */
  varKw?: boolean;
}

type Failure = { kind: 'too-many' } | { kind: 'unexpected' | 'missing' | 'multiple'; arg: string };

type Bound = { ok: true; bound: Record<string, unknown> } | { ok: false; failure: Failure };

function tryBind(sig: Signature, positional: readonly unknown[], named: Record<string, unknown>): Bound {
  const fail = (failure: Failure): Bound => ({ ok: false, failure });
  if (positional.length > sig.params.length) return fail({ kind: 'too-many' });
  const bound: Record<string, unknown> = {};
  positional.forEach((value, i) => (bound[sig.params[i]!] = value));
  for (const [key, value] of Object.entries(named)) {
    if (key in bound) return fail({ kind: 'multiple', arg: key });
    if (!sig.params.includes(key) && !sig.varKw) return fail({ kind: 'unexpected', arg: key });
    bound[key] = value;
  }
  for (const name of sig.required ?? []) if (!(name in bound)) return fail({ kind: 'missing', arg: name });
  return { ok: true, bound };
}

/**
 * JSON-2 binds named arguments with `inspect.signature(func).bind(records, **kwargs)` and answers a
 * failure with 422 `UnprocessableEntity` carrying inspect's message (addons/rpc/controllers/json2.py).
 */
export function bindNamed(sig: Signature, named: Record<string, unknown>): Record<string, unknown> {
  const result = tryBind(sig, [], named);
  if (!result.ok) throw unprocessable(inspectMessage(result.failure));
  return result.bound;
}

/**
 * JSON-RPC calls the method directly (`getattr(recs, name)(*args, **kwargs)`), so a mismatch is the
 * TypeError Python raises for the call, which the client sees as `builtins.TypeError`.
 */
export function bindPositional(
  sig: Signature,
  qualname: string,
  positional: readonly unknown[],
  named: Record<string, unknown>,
): Record<string, unknown> {
  const result = tryBind(sig, positional, named);
  if (!result.ok) throw callError(qualname, sig, positional.length, result.failure);
  return result.bound;
}

function inspectMessage(failure: Failure): string {
  switch (failure.kind) {
    case 'too-many':
      return 'too many positional arguments';
    case 'unexpected':
      return `got an unexpected keyword argument '${failure.arg}'`;
    case 'missing':
      return `missing a required argument: '${failure.arg}'`;
    case 'multiple':
      return `multiple values for argument '${failure.arg}'`;
  }
}

function callError(qualname: string, sig: Signature, given: number, failure: Failure): OdooException {
  switch (failure.kind) {
    case 'too-many':
      return new PyTypeError(
        `${qualname}() takes from 2 to ${sig.params.length + 1} positional arguments but ${given + 1} were given`,
      );
    case 'unexpected':
      return new PyTypeError(`${qualname}() got an unexpected keyword argument '${failure.arg}'`);
    case 'missing':
      return new PyTypeError(`${qualname}() missing 1 required positional argument: '${failure.arg}'`);
    case 'multiple':
      return new PyTypeError(`${qualname}() got multiple values for argument '${failure.arg}'`);
  }
}
