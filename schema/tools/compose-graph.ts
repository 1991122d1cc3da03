import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse, type GraphQLSchema } from 'graphql';

/** A subgraph as composition sees it: its schema and the URL the gateway will call. */
export interface SubgraphEntry {
  name: string;
  schema: GraphQLSchema;
  url: string;
}

export interface ComposedGraph {
  /** Each subgraph's SDL, by name. */
  subgraphSdl: Record<string, string>;
  /** What the gateway runs: the supergraph with join directives and subgraph URLs. */
  supergraphSdl: string;
  /** What clients see: the API schema, without federation machinery. */
  publicSdl: string;
}

/** Composes the subgraphs into a Federation 2 supergraph; throws one error listing every composition error. */
export function composeGraph(subgraphs: readonly SubgraphEntry[]): ComposedGraph {
  const subgraphSdl: Record<string, string> = {};
  for (const subgraph of subgraphs) subgraphSdl[subgraph.name] = printSubgraphSchema(subgraph.schema);
  const result = composeServices(
    subgraphs.map((subgraph) => ({
      name: subgraph.name,
      url: subgraph.url,
      typeDefs: parse(subgraphSdl[subgraph.name]!),
    })),
  );
  if (compositionHasErrors(result)) {
    throw new Error(
      `Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`,
    );
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}
