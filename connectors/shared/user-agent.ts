/**
 * The User-Agent of every request, which Odoo recommends so that server logs name the integration.
 * Kept in step with package.json by hand: importing package.json would pull it into the build output.
 */
export const CLIENT_VERSION = '0.1.0';
export const USER_AGENT = `distribution-graph/${CLIENT_VERSION}`;
