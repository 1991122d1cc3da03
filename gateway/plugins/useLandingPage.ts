import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { renderLandingPage } from '../landing-page.js';

export interface LandingPagePluginOptions {
  /** The GraphQL endpoint path. Default: `/graphql`. */
  graphqlPath?: string;
  /** The GraphiQL fallback path linked from the page. Default: `/graphiql`. */
  graphiqlPath?: string;
  /** Headers Sandbox starts with. Default: none. */
  headers?: Record<string, string>;
}

/**
 * Serves Apollo Sandbox to browsers: a GET of `/` or of the GraphQL path that accepts HTML and carries no
 * `query` parameter. API clients (JSON accept, or a query) fall through to GraphQL.
 */
export function useLandingPage(options: LandingPagePluginOptions = {}): GatewayPlugin {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const graphiqlPath = options.graphiqlPath ?? '/graphiql';
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== '/' && url.pathname !== graphqlPath) return;
      if (url.searchParams.has('query')) return;
      const html = renderLandingPage({
        endpoint: `${url.origin}${graphqlPath}`,
        graphiqlPath,
        headers: options.headers,
      });
      payload.endResponse(
        new fetchAPI.Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      );
    },
  };
}
