/**
 * Odoo search domains in prefix (Polish) notation, built with types so that a typo in an operator
 * fails to compile. Every builder returns one normalised expression, so results nest freely.
 */

export type DomainOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'in'
  | 'not in'
  | 'like'
  | 'ilike'
  | '=like'
  | '=ilike'
  | 'child_of'
  | 'parent_of';

/** A scalar a condition compares with; `false` is Odoo's "not set". */
export type DomainScalar = string | number | boolean | null;

/** `in` and `not in` take a list; `child_of`/`parent_of` an id or ids; the rest a scalar. */
export type DomainValue<O extends DomainOperator> = O extends 'in' | 'not in'
  ? readonly DomainScalar[]
  : O extends 'child_of' | 'parent_of'
    ? number | readonly number[]
    : DomainScalar;

/** `[path, operator, value]`; the path may traverse relations (`partner_id.country_id.code`). */
export type DomainCondition = readonly [path: string, operator: DomainOperator, value: unknown];
export type DomainItem = '&' | '|' | '!' | DomainCondition;
export type Domain = readonly DomainItem[];

/** Matches every record. */
export const TRUE_DOMAIN: Domain = [];
/** Matches no record: ids are never unset. */
export const FALSE_DOMAIN: Domain = [['id', '=', false]];

/** One condition, e.g. `where('state', 'in', ['sale'])`. */
export function where<O extends DomainOperator>(path: string, operator: O, value: DomainValue<O>): Domain {
  return [[path, operator, value]];
}

/** All of the domains; an empty domain (true) drops out. */
export function and(...domains: readonly Domain[]): Domain {
  return combine('&', domains.map(normalizeDomain), TRUE_DOMAIN);
}

/** Any of the domains; an empty domain (true) makes the whole true. */
export function or(...domains: readonly Domain[]): Domain {
  const normalized = domains.map(normalizeDomain);
  if (normalized.some((domain) => domain.length === 0)) return TRUE_DOMAIN;
  return combine('|', normalized, FALSE_DOMAIN);
}

/** The negation of a domain. */
export function not(domain: Domain): Domain {
  const normalized = normalizeDomain(domain);
  return normalized.length === 0 ? FALSE_DOMAIN : ['!', ...normalized];
}

function combine(operator: '&' | '|', domains: Domain[], empty: Domain): Domain {
  const terms = domains.filter((domain) => domain.length > 0);
  if (terms.length === 0) return empty;
  return [...Array<'&' | '|'>(terms.length - 1).fill(operator), ...terms.flat()];
}

/**
 * Makes Odoo's implicit "and" between consecutive top-level expressions explicit, so that a domain
 * written by hand (`[a, b]`) can be negated or nested. Throws on a malformed domain.
 */
export function normalizeDomain(domain: Domain): Domain {
  if (domain.length === 0) return domain;
  let expected = 1;
  const result: DomainItem[] = [];
  for (const item of domain) {
    if (expected === 0) {
      // A new top-level expression begins: and it with everything so far.
      result.unshift('&');
      expected = 1;
    }
    result.push(item);
    if (item === '&' || item === '|') expected += 1;
    else if (item !== '!') expected -= 1;
  }
  if (expected !== 0) throw new TypeError(`Malformed domain: ${JSON.stringify(domain)}`);
  return result;
}
