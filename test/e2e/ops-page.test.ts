/**
 * Issue 9 end to end: the operations page in headless Chromium (Debian's `chromium`, driven by
 * playwright-core). The WMS emulator is taken down by fault injection, so a captured order sits in
 * RELEASE_TO_WMS past its (tiny) limit; an operator signs in with the internal key and sees that order
 * in the stuck-order list. A screenshot goes to test-output/ops-page.png (docs/ops-page.png is a copy).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type BrowserContext } from 'playwright-core';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_INTERNAL_API_KEY, DEMO_PARTNER1_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';
import { waitFor } from '../platform/events/events-support.js';
import { CAPTURE, deliveryAddressId, productsInStock } from '../subgraphs/orders/capture-support.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join('test-output', 'ops-page.png');
const logger = createLogger({ name: 'e2e-ops-page', level: 'silent' });

const STUCK = `{ stuckOrders(first: 10) { edges { node { orderNumber phase } } } }`;
const PROGRESS = `query P($number: String!) { order(number: $number) { fulfillmentProgress { currentStep steps { step status lastError { code } } } } }`;
const internal = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };

describe('the operations page', () => {
  let stack: EmbeddedStack;
  let browser: BrowserContext;
  let profile: string;
  let base: string;
  let stuckNumber: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    stack = await startEmbeddedStack({
      logger,
      redisUrl: REDIS_URL,
      eventStream: `test-e2e-ops-${randomUUID()}`,
      reconcile: { autoStart: false },
      orchestration: {
        tuning: {
          pollMs: 100,
          backoffMs: 1000,
          lockDurationMs: 2000,
          stalledIntervalMs: 500,
          sweepEveryMs: 500,
        },
        stuckLimits: { RELEASE_TO_WMS: 500 },
      },
      gateway: { operationsPage: { historyIntervalMs: 1000 } },
    });
    base = stack.gateway.url.replace(/\/graphql$/, '');
    const odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger,
    });
    const skus = await productsInStock(odoo, 10, 1);
    const tenant = stack.demoPartners[0]!.tenantPartnerId;
    await odoo.write('res.partner', [tenant], { credit_limit: 0 });
    // The fault: the WMS is down, so the order cannot be released to it and stays in RELEASE_TO_WMS.
    stack.wms.faults.configure({ outage: true });
    const captured = await post(
      stack.gateway.url,
      CAPTURE,
      { authorization: `Bearer ${DEMO_PARTNER1_API_KEY}` },
      {
        input: {
          customerReference: `PO-${randomUUID()}`,
          lines: [{ sku: skus[0], quantity: '1' }],
          shipTo: { addressId: await deliveryAddressId(odoo, tenant) },
          shipping: { service: 'STANDARD' },
        },
        key: randomUUID(),
      },
    );
    expect(captured.body.data.captureOrder.outcome.__typename).toBe('OrderCaptured');
    stuckNumber = captured.body.data.captureOrder.outcome.order.number as string;
    let last: unknown = null;
    await waitFor(async () => {
      const answer = await post(stack.gateway.url, STUCK, internal);
      last = answer.body;
      return JSON.stringify(answer.body).includes(stuckNumber);
    }, 20_000).catch(async (error: unknown) => {
      const progress = await post(stack.gateway.url, PROGRESS, internal, { number: stuckNumber });
      throw new Error(
        `${stuckNumber} never stuck: ${JSON.stringify(last)} ${JSON.stringify(progress.body)}`,
        {
          cause: error,
        },
      );
    });
    profile = await mkdtemp(join(tmpdir(), 'dg-chromium-'));
    // A fresh profile (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await stack?.close();
  });

  it('refuses the data without a session, and a partner key at sign-in', async () => {
    const summary = await fetch(`${base}/ops/api/summary`);
    expect(summary.status).toBe(401);
    expect(await summary.json()).toEqual({ error: 'UNAUTHENTICATED' });
    const partner = await fetch(`${base}/ops/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: DEMO_PARTNER1_API_KEY }),
    });
    expect(partner.status).toBe(401);
    expect(partner.headers.get('set-cookie')).toBeNull();
  });

  it('shows the order stuck by the WMS outage to a signed-in operator, with charts', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/ops`);
    await page.fill('input[name=key]', DEMO_INTERNAL_API_KEY);
    await page.click('button[type=submit]');
    await page.locator('#sign-out').waitFor();
    const cookie = (await browser.cookies()).find((c) => c.name === 'dg_ops');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ops' });

    const row = page.locator('#stuck-orders tr', { hasText: stuckNumber });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('RELEASE_TO_WMS');
    await page.locator('#health tr', { hasText: 'wms' }).waitFor();
    // The WMS answers HTTP but fails every GraphQL call: every recent call to it failed.
    expect(await page.locator('#health tr', { hasText: 'wms' }).innerText()).toContain('100.0 %');
    expect(await page.locator('.uplot').count()).toBe(5);
    // A few live refreshes, so the charts have points to show.
    await page.waitForTimeout(6000);
    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  }, 40_000);
});
