import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { AuthorizationRules } from './authorization-rules.js';
import { findDeniedFields, type FieldDenial } from './field-authorization.js';

/** The scope set id of an anonymous caller (no scopes, and not authenticated either). */
const ANONYMOUS = 0;
/** Distinct scope sets remembered before their ids are forgotten (ids are never reused). */
const MAX_SCOPE_SETS = 10_000;

type Answers = Map<string | null, Map<number, readonly FieldDenial[]>>;

/**
 * {@link findDeniedFields} over one schema and its rules, remembered per parsed document (held weakly:
 * Apollo's document store hands the same DocumentNode to every request with the same query), operation
 * name and set of scopes (or anonymity), the only things the answer depends on. At most `perDocument`
 * operation names per document, and scope sets per operation, are kept (then they are forgotten and
 * found again). The denials given are frozen, shared by every request that gets them.
 */
export class DeniedFieldsMemo {
  readonly #schema: GraphQLSchema;
  readonly #rules: AuthorizationRules;
  readonly #perDocument: number;
  readonly #byDocument = new WeakMap<DocumentNode, Answers>();
  /** The scope set id of each frozen scopes array seen (a verified principal's serves all its requests). */
  readonly #scopeSetOfArray = new WeakMap<readonly string[], number>();
  readonly #scopeSetIds = new Map<string, number>();
  #nextScopeSetId = ANONYMOUS + 1;

  constructor(schema: GraphQLSchema, rules: AuthorizationRules, perDocument = 64) {
    this.#schema = schema;
    this.#rules = rules;
    this.#perDocument = perDocument;
  }

  deniedFields(
    document: DocumentNode,
    operationName: string | null | undefined,
    principal: { scopes: readonly string[] } | null,
  ): readonly FieldDenial[] {
    const name = operationName ?? null;
    const scopeSet = principal ? this.#scopeSetId(principal.scopes) : ANONYMOUS;
    let answers = this.#byDocument.get(document);
    let byScopeSet = answers?.get(name);
    const known = byScopeSet?.get(scopeSet);
    if (known) return known;
    const denials = Object.freeze(
      findDeniedFields(this.#schema, this.#rules, document, operationName, principal).map((denial) =>
        Object.freeze(denial),
      ),
    );
    if (!answers) {
      answers = new Map();
      this.#byDocument.set(document, answers);
    }
    if (!byScopeSet) {
      if (answers.size >= this.#perDocument) answers.clear();
      byScopeSet = new Map();
      answers.set(name, byScopeSet);
    } else if (byScopeSet.size >= this.#perDocument) byScopeSet.clear();
    byScopeSet.set(scopeSet, denials);
    return denials;
  }

  /** One id per distinct set of scopes, whatever their order or repetitions. */
  #scopeSetId(scopes: readonly string[]): number {
    const remembered = this.#scopeSetOfArray.get(scopes);
    if (remembered !== undefined) return remembered;
    const key = JSON.stringify([...new Set(scopes)].sort());
    let id = this.#scopeSetIds.get(key);
    if (id === undefined) {
      if (this.#scopeSetIds.size >= MAX_SCOPE_SETS) this.#scopeSetIds.clear();
      id = this.#nextScopeSetId++;
      this.#scopeSetIds.set(key, id);
    }
    // An array that may still change is not remembered: its id is worked out again next time.
    if (Object.isFrozen(scopes)) this.#scopeSetOfArray.set(scopes, id);
    return id;
  }
}
