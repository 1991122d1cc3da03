import type { Domain } from './model-def.js';
import type { Signature } from './bind.js';
import type { OrmEnv } from './env.js';
import { AccessError, PyAttributeError, PyTypeError, PyValueError } from './exceptions.js';
import { fieldsGet } from './fields-get.js';
import type { Load } from './orm.js';
import { search, searchCount } from './search.js';
import { defaultValue } from './values.js';
import { webRead, webSearchRead } from './web-read.js';
import { createRecord, unlinkRecords, writeRecords } from './writer.js';

/** A method a client may call, with the Python signature its arguments bind against. */
export interface MethodSpec extends Signature {
  /** `@api.model`: called without ids (JSON-2 refuses ids with 422). */
  model: boolean;
  /** The Python class the method is defined on, for TypeError messages. */
  owner: string;
  run(env: OrmEnv, model: string, ids: number[], args: Record<string, unknown>): unknown;
}

const num = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
const limitOf = (value: unknown): number | null => (typeof value === 'number' && value > 0 ? value : null);
const orderOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const fieldsOf = (value: unknown): string[] | null => (Array.isArray(value) ? (value as string[]) : null);

function loadOf(args: Record<string, unknown>): Load {
  for (const key of Object.keys(args)) {
    if (key !== 'load') throw new PyTypeError(`BaseModel.read() got an unexpected keyword argument '${key}'`);
  }
  return args.load === null || args.load === false ? 'none' : 'classic';
}

function dict(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PyValueError(`${what} must be a dictionary`);
  return value as Record<string, unknown>;
}

/** The ORM methods of `BaseModel` that an external client may call, with Odoo 19's signatures. */
const ORM_METHODS: Record<string, MethodSpec> = {
  search: {
    params: ['domain', 'offset', 'limit', 'order'],
    required: ['domain'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) =>
      search(env.orm, env, model, a.domain as Domain, {
        offset: num(a.offset, 0),
        limit: limitOf(a.limit),
        order: orderOf(a.order),
      }),
  },
  search_count: {
    params: ['domain', 'limit'],
    required: ['domain'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) => searchCount(env.orm, env, model, a.domain as Domain, limitOf(a.limit)),
  },
  search_read: {
    params: ['domain', 'fields', 'offset', 'limit', 'order'],
    varKw: true,
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, { domain, fields, offset, limit, order, ...readKwargs }) => {
      const load = loadOf(readKwargs);
      const ids = search(env.orm, env, model, (domain ?? []) as Domain, {
        offset: num(offset, 0),
        limit: limitOf(limit),
        order: orderOf(order),
      });
      return env.orm.read(env, model, ids, fieldsOf(fields), load);
    },
  },
  read: {
    params: ['fields', 'load'],
    model: false,
    owner: 'BaseModel',
    run: (env, model, ids, a) =>
      env.orm.read(
        env,
        model,
        ids,
        fieldsOf(a.fields),
        a.load === null || a.load === false ? 'none' : 'classic',
      ),
  },
  web_read: {
    params: ['specification'],
    required: ['specification'],
    model: false,
    owner: 'BaseModel',
    run: (env, model, ids, a) => webRead(env, model, ids, a.specification),
  },
  web_search_read: {
    params: ['domain', 'specification', 'offset', 'limit', 'order', 'count_limit'],
    required: ['domain', 'specification'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) =>
      webSearchRead(env, model, {
        domain: (a.domain ?? []) as Domain,
        specification: a.specification,
        offset: num(a.offset, 0),
        limit: limitOf(a.limit),
        order: orderOf(a.order),
        countLimit: limitOf(a.count_limit),
      }),
  },
  create: {
    params: ['vals_list'],
    required: ['vals_list'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) => {
      const list = Array.isArray(a.vals_list) ? (a.vals_list as unknown[]) : [a.vals_list];
      return list.map((vals) => createRecord(env.orm, env, model, dict(vals, 'vals')));
    },
  },
  write: {
    params: ['vals'],
    required: ['vals'],
    model: false,
    owner: 'BaseModel',
    run: (env, model, ids, a) => (writeRecords(env.orm, env, model, ids, dict(a.vals, 'vals')), true),
  },
  unlink: {
    params: [],
    model: false,
    owner: 'BaseModel',
    run: (env, model, ids) => (unlinkRecords(env.orm, env, model, ids), true),
  },
  exists: {
    params: [],
    model: false,
    owner: 'BaseModel',
    run: (env, model, ids) => ids.filter((id) => env.orm.exists(model, id)),
  },
  name_search: {
    params: ['name', 'domain', 'operator', 'limit'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) => {
      const compiled = env.orm.model(model);
      const name = typeof a.name === 'string' ? a.name : '';
      const operator = typeof a.operator === 'string' ? a.operator : 'ilike';
      const base = (Array.isArray(a.domain) ? a.domain : []) as Domain;
      const field = compiled.recName === 'id' ? 'display_name' : compiled.recName;
      const domain: Domain = name ? [...base, [field, operator, name]] : base;
      const ids = search(env.orm, env, model, domain, {
        limit: a.limit === undefined ? 100 : limitOf(a.limit),
      });
      return ids.map((id) => [id, env.orm.displayNameOf(env, model, id)]);
    },
  },
  fields_get: {
    params: ['allfields', 'attributes'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) => fieldsGet(env.orm.model(model), a.allfields, a.attributes),
  },
  default_get: {
    params: ['fields_list'],
    required: ['fields_list'],
    model: true,
    owner: 'BaseModel',
    run: (env, model, _ids, a) => {
      const compiled = env.orm.model(model);
      const out: Record<string, unknown> = {};
      for (const name of fieldsOf(a.fields_list) ?? []) {
        const field = compiled.fields[name];
        if (field?.default === undefined) continue;
        out[name] = defaultValue(field, env, {});
      }
      return out;
    },
  },
};

/** Methods only some models have. */
const MODEL_METHODS: Record<string, Record<string, MethodSpec>> = {
  'res.users': {
    context_get: {
      params: [],
      model: true,
      owner: 'ResUsers',
      run: (env) => {
        const user = env.orm.store.table('res.users').get(env.uid);
        return { lang: user?.lang || 'en_US', tz: user?.tz || 'Europe/Brussels', uid: env.uid };
      },
    },
  },
};

const className = (model: string): string =>
  model
    .split(/[._]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');

/**
 * Odoo's `get_public_method`: a name starting with `_` is private (AccessError), an unknown name an
 * AttributeError ("The method 'x.y' does not exist"), otherwise the method's spec.
 */
export function resolveMethod(env: OrmEnv, model: string, method: string): MethodSpec {
  if (method.startsWith('_'))
    throw new AccessError(`Private methods (such as '${model}.${method}') cannot be called remotely.`);
  const special = MODEL_METHODS[model]?.[method];
  if (special) return special;
  const impl = env.orm.model(model).def.methods?.[method];
  if (impl)
    return {
      params: [],
      varKw: true,
      model: false,
      owner: className(model),
      run: (e, _m, ids, kwargs) => impl(e, ids, kwargs),
    };
  const orm = Object.hasOwn(ORM_METHODS, method) ? ORM_METHODS[method] : undefined;
  if (orm) return orm;
  throw new PyAttributeError(`The method '${model}.${method}' does not exist`);
}

/** `Env.call`: what an external call does once its arguments are bound, inside the caller's transaction. */
export function callMethod(
  env: OrmEnv,
  model: string,
  method: string,
  ids: number[],
  kwargs: Record<string, unknown>,
): unknown {
  return resolveMethod(env, model, method).run(env, model, ids, kwargs);
}
