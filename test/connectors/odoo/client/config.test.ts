import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadOdooConfig, odooConfigSchema } from '../../../../connectors/odoo/index.js';

describe('loadOdooConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadOdooConfig({ ODOO_URL: 'https://erp.example.com/', ODOO_API_KEY: 'k' });
    expect(config).toEqual({
      url: 'https://erp.example.com',
      apiKey: 'k',
      protocol: 'auto',
      timeoutMs: 10_000,
      maxConcurrency: 4,
      maxQueue: 100,
      retryAttempts: 3,
      retryInitialDelayMs: 200,
      retryMaxDelayMs: 5_000,
      breakerThreshold: 5,
      breakerHalfOpenAfterMs: 30_000,
    });
  });

  it('reads every variable', () => {
    const config = loadOdooConfig({
      ODOO_URL: 'http://127.0.0.1:8069',
      ODOO_DB: 'acme',
      ODOO_LOGIN: 'bot',
      ODOO_API_KEY: 'k',
      ODOO_PROTOCOL: 'jsonrpc',
      ODOO_TIMEOUT_MS: '2500',
      ODOO_MAX_CONCURRENCY: '2',
      ODOO_RETRY_ATTEMPTS: '0',
      ODOO_BREAKER_THRESHOLD: '3',
      ODOO_BREAKER_HALF_OPEN_AFTER_MS: '1000',
    });
    expect(config).toMatchObject({
      database: 'acme',
      login: 'bot',
      protocol: 'jsonrpc',
      timeoutMs: 2500,
      maxConcurrency: 2,
      retryAttempts: 0,
    });
  });

  it('lists every problem, naming the variables', () => {
    let thrown: unknown;
    try {
      loadOdooConfig({
        ODOO_URL: 'not a url',
        ODOO_PROTOCOL: 'jsonrpc',
        ODOO_TIMEOUT_MS: 'soon',
        ODOO_API_KEY: '',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const { issues, message } = thrown as ConfigError;
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual(
      ['ODOO_API_KEY', 'ODOO_DB', 'ODOO_LOGIN', 'ODOO_TIMEOUT_MS', 'ODOO_URL'].sort(),
    );
    expect(issues).toContain('ODOO_API_KEY: is required');
    expect(issues).toContain('ODOO_DB: is required for JSON-RPC');
    expect(message).toContain('Invalid Odoo connector configuration');
  });

  it('accepts a config object without the environment', () => {
    const config = odooConfigSchema.parse({
      url: 'http://127.0.0.1:1',
      apiKey: 'k',
      protocol: 'json2',
      timeoutMs: 50,
    });
    expect(config.timeoutMs).toBe(50);
  });
});
