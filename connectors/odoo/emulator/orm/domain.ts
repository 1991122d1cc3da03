import type { Domain, Env } from './model-def.js';
import { PyValueError } from './exceptions.js';
import type { CompiledModel } from './registry.js';
import { pyRepr } from './values.js';

/** A parsed domain: Odoo's prefix notation turned into a tree. */
export type DomainNode =
  | { kind: 'and' | 'or'; children: DomainNode[] }
  | { kind: 'not'; child: DomainNode }
  | { kind: 'const'; value: boolean }
  | { kind: 'term'; path: string[]; operator: string; value: unknown; leaf: readonly unknown[] };

/** The operators Odoo's `expression.py` accepts (`TERM_OPERATORS`, plus `any`/`not any` since 17). */
export const OPERATORS: ReadonlySet<string> = new Set([
  '=',
  '!=',
  '<=',
  '<',
  '>',
  '>=',
  '=?',
  '=like',
  '=ilike',
  'like',
  'not like',
  'ilike',
  'not ilike',
  'not =like',
  'not =ilike',
  'in',
  'not in',
  'child_of',
  'parent_of',
  'any',
  'not any',
]);

/** Negative operators are evaluated as NOT(positive), which is how Odoo treats NULLs and x2many paths. */
export const NEGATIONS: Readonly<Record<string, string>> = {
  '!=': '=',
  'not in': 'in',
  'not like': 'like',
  'not ilike': 'ilike',
  'not =like': '=like',
  'not =ilike': '=ilike',
  'not any': 'any',
};

function leafRepr(leaf: readonly unknown[]): string {
  return `(${leaf.map(pyRepr).join(', ')})`;
}

function isLeaf(item: unknown): item is readonly unknown[] {
  return Array.isArray(item) && item.length === 3;
}

/** Parses and validates a domain against a model, raising Odoo's ValueErrors for malformed input. */
export function parseDomain(
  model: CompiledModel,
  domain: unknown,
  resolve: (name: string) => CompiledModel,
): DomainNode {
  if (domain === null || domain === undefined || domain === false) return { kind: 'and', children: [] };
  if (!Array.isArray(domain)) throw new PyValueError(`Invalid domain: ${pyRepr(domain)}`);
  const stack: DomainNode[] = [];
  for (let i = domain.length - 1; i >= 0; i--) {
    const item: unknown = domain[i];
    if (item === '!') {
      const child = stack.pop();
      if (!child) throw syntaxError(domain);
      stack.push({ kind: 'not', child });
    } else if (item === '&' || item === '|') {
      const a = stack.pop();
      const b = stack.pop();
      if (!a || !b) throw syntaxError(domain);
      stack.push({ kind: item === '&' ? 'and' : 'or', children: [a, b] });
    } else if (isLeaf(item)) {
      stack.push(parseLeaf(model, item, resolve));
    } else {
      throw new PyValueError(`Invalid leaf ${pyRepr(item)}`);
    }
  }
  stack.reverse();
  return stack.length === 1 ? stack[0]! : { kind: 'and', children: stack };
}

function syntaxError(domain: unknown): PyValueError {
  return new PyValueError(`Domain ${pyRepr(domain)} is syntactically not correct.`);
}

function parseLeaf(
  model: CompiledModel,
  leaf: readonly unknown[],
  resolve: (name: string) => CompiledModel,
): DomainNode {
  const [left, rawOperator, value] = leaf;
  // Odoo's TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if ((left === 1 || left === 0) && rawOperator === '=' && value === 1)
    return { kind: 'const', value: left === 1 };
  if (typeof left !== 'string' || typeof rawOperator !== 'string')
    throw new PyValueError(`Invalid leaf ${leafRepr(leaf)}`);
  const operator = rawOperator.toLowerCase();
  if (!OPERATORS.has(operator)) throw new PyValueError(`Invalid leaf ${leafRepr(leaf)}`);
  const path = left.split('.');
  let current = model;
  path.forEach((name, i) => {
    const field = current.fields[name];
    if (!field) throw new PyValueError(`Invalid field ${current.name}.${name} in leaf ${leafRepr(leaf)}`);
    if (i < path.length - 1) {
      if (!field.relation)
        throw new PyValueError(`Invalid field ${current.name}.${name} in leaf ${leafRepr(leaf)}`);
      current = resolve(field.relation);
    }
  });
  if ((operator === 'any' || operator === 'not any') && !current.fields[path[path.length - 1]!]?.relation) {
    throw new PyValueError(`Invalid leaf ${leafRepr(leaf)}`);
  }
  return { kind: 'term', path, operator, value, leaf };
}

/** Whether a domain mentions `active` anywhere (Odoo then skips its implicit `active = True`). */
export function mentionsActive(domain: Domain | null | undefined): boolean {
  return Array.isArray(domain) && domain.some((item) => isLeaf(item) && item[0] === 'active');
}

/** Extra leaves the ORM adds to a search, e.g. for archived records. */
export function withActiveTest(
  model: CompiledModel,
  env: Env,
  node: DomainNode,
  domain: Domain | null | undefined,
): DomainNode {
  if (!model.hasActive || env.context.active_test === false || mentionsActive(domain)) return node;
  const active: DomainNode = {
    kind: 'term',
    path: ['active'],
    operator: '=',
    value: true,
    leaf: ['active', '=', true],
  };
  // Flattened, so that search's index lookup still sees the caller's top-level terms.
  return { kind: 'and', children: [active, ...(node.kind === 'and' ? node.children : [node])] };
}
