import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL response as the gateway sends it, typed by the operation. */
export interface GraphResponse<TResult> {
  status: number;
  data?: TResult | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Runs a generated, typed operation against the graph: the result's type comes from the document, so a
 * field the query does not select is a compile error, not a runtime undefined.
 */
export async function runOperation<TResult, TVariables>(
  url: string,
  apiKey: string | null,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<GraphResponse<TResult>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as Omit<GraphResponse<TResult>, 'status'>;
  return { status: response.status, ...body };
}
