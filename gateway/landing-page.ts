/** The CDN script of Apollo's embeddable Sandbox; the user's browser loads it, the gateway never does. */
export const SANDBOX_SCRIPT_URL =
  'https://embeddable-sandbox.cdn.apollographql.com/_latest/embeddable-sandbox.umd.production.min.js';
/** The origin the embedded Sandbox's iframe sends its GraphQL requests from (so CORS must allow it). */
export const SANDBOX_ORIGIN = 'https://sandbox.embed.apollographql.com';

export interface LandingPageOptions {
  /** Absolute URL of the GraphQL endpoint, Sandbox's initial endpoint. */
  endpoint: string;
  /** Path of the offline fallback (GraphiQL), linked from the page. */
  graphiqlPath: string;
  /** Headers Sandbox starts with (e.g. the demo key in demo mode). Default: none. */
  headers?: Record<string, string>;
}

/** JSON for a `<script>` body: `<` escaped so that no value can close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The landing page browsers get at `/` and `/graphql`: Apollo Sandbox embedded, GraphiQL linked. */
export function renderLandingPage(options: LandingPageOptions): string {
  const sandbox = {
    target: '#embedded-sandbox',
    initialEndpoint: options.endpoint,
    initialState: { sharedHeaders: options.headers ?? {} },
    endpointIsEditable: false,
    includeCookies: false,
  };
  return `<!doctype html>
<html lang="en" style="height:100%">
<head>
<meta charset="utf-8">
<title>Distribution Graph: Apollo Sandbox</title>
<style>body{margin:0;height:100%;display:flex;flex-direction:column;font-family:sans-serif}
#fallback{padding:4px 12px;font-size:13px;background:#f4f4f4}#embedded-sandbox{flex:1}</style>
</head>
<body>
<div id="fallback">Distribution Graph at <code>${escapeHtml(options.endpoint)}</code>. Sandbox not loading (offline)?
Use <a href="${escapeHtml(options.graphiqlPath)}">GraphiQL</a>.</div>
<div id="embedded-sandbox"></div>
<script src="${SANDBOX_SCRIPT_URL}"></script>
<script>new window.EmbeddedSandbox(${scriptJson(sandbox)});</script>
</body>
</html>
`;
}
