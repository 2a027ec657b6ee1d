// The journey in an iframe of a tenant's page on another origin (http://localhost:<port>, while
// kyra listens on 127.0.0.1): with that origin in the flow's embedding.allowed_origins the
// journey renders in the frame and the parent hears kyra.step, kyra.error and kyra.completed;
// for a flow that does not allow it, frame-ancestors blocks the frame and nothing is heard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
  startKyra, createVerification, launchBrowser, phonePage, drawnPassport, completeOverHttp,
  createTenant, allowOrigins, artifacts,
} from './support.js';

let kyra;
let browser;
let parent;
let parentOrigin;
let shop;

/** The tenant's page: an iframe of `?src=` and a log of every message with its origin. */
const parentPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop checkout</title></head>
<body>
<h1>Shop checkout</h1>
<iframe id="kyra" title="Identity verification" allow="camera" width="400" height="700"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    window.received.push({ origin: event.origin, data: event.data });
  });
  document.getElementById('kyra').src = new URLSearchParams(location.search).get('src');
</script>
</body></html>`;

before(async () => {
  kyra = await startKyra();
  browser = await launchBrowser();
  parent = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(parentPage);
  });
  await new Promise((resolve) => parent.listen(0, '127.0.0.1', resolve));
  parentOrigin = `http://localhost:${parent.address().port}`;
  shop = createTenant(kyra, 'embedding-shop');
  allowOrigins(kyra, shop.flow_id, [parentOrigin]);
});

after(async () => {
  await browser?.close();
  await kyra?.stop();
  await new Promise((resolve) => parent?.close(resolve));
});

const framed = (url) => `${parentOrigin}/checkout?src=${encodeURIComponent(url)}`;
const messages = (page, type) => page.evaluate((t) => window.received.filter((m) => m.data?.type === t), type);

test('an allowed parent frames the journey and hears its steps and completion', async () => {
  const created = await createVerification({ ...kyra, key: shop.api_key }, {
    reference_id: 'e2e-embed',
    metadata: { kyra_test_outcome: 'approved' },
  });
  const { page, errors } = await phonePage(browser, { viewport: { width: 800, height: 900 } });
  await page.goto(framed(created.verify_url));
  const frame = page.frameLocator('#kyra');
  await frame.locator('[data-step=welcome]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => window.received.some((m) => m.data?.type === 'kyra.step'), null, { timeout: 20_000 });
  const [first] = await messages(page, 'kyra.step');
  assert.equal(first.origin, new URL(kyra.base).origin, 'sent by kyra');
  assert.deepEqual(first.data, { type: 'kyra.step', verification_id: created.id, status: 'pending', step: 'welcome' });

  // A step in the frame is heard by the parent.
  await frame.locator('input[name=agree]:not([disabled])').check();
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => window.received.some((m) => m.data?.step === 'document'), null, { timeout: 10_000 });
  await page.screenshot({ path: join(artifacts, 'embed-document-framed.png') });

  // The rest over HTTP, then the frame shows the outcome and says so.
  await completeOverHttp(kyra, created, await drawnPassport(page));
  await page.evaluate((src) => { document.getElementById('kyra').src = `${src}&reload=1`; }, created.verify_url);
  await frame.locator('[data-step=outcome][data-status=approved]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => window.received.some((m) => m.data?.type === 'kyra.completed'), null, { timeout: 10_000 });
  const [completed] = await messages(page, 'kyra.completed');
  assert.deepEqual(completed.data, { type: 'kyra.completed', verification_id: created.id, status: 'approved' });
  const steps = (await messages(page, 'kyra.step')).map((m) => m.data.step);
  assert.deepEqual(steps, ['welcome', 'document', 'outcome']);
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});

test('an expired link in an allowed frame tells the parent with kyra.error', async () => {
  const created = await createVerification({ ...kyra, key: shop.api_key }, {
    reference_id: 'e2e-embed-expired',
    metadata: { kyra_test_outcome: 'expired' },
  });
  const { page } = await phonePage(browser, { viewport: { width: 800, height: 900 } });
  await page.goto(framed(created.verify_url));
  await page.frameLocator('#kyra').getByRole('heading', { name: 'This link has expired' }).waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => window.received.some((m) => m.data?.type === 'kyra.error'), null, { timeout: 20_000 });
  const [error] = await messages(page, 'kyra.error');
  assert.deepEqual(error.data, { type: 'kyra.error', verification_id: created.id, code: 'link_expired' });
});

test('a flow that does not allow the parent is not framed and tells it nothing', async () => {
  // The demo tenant's flow has no allowed origins.
  const created = await createVerification(kyra, { reference_id: 'e2e-embed-refused' });
  const { page, errors } = await phonePage(browser, { viewport: { width: 800, height: 900 } });
  const response = page.waitForResponse((r) => r.url().startsWith(created.verify_url));
  await page.goto(framed(created.verify_url));
  const csp = (await response).headers()['content-security-policy'];
  assert.match(csp, /frame-ancestors 'none'/);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(await frame.locator('[data-step]').count(), 0, 'the journey did not render in the frame');
  assert.ok(errors.some((e) => e.includes('frame-ancestors')), `Chromium reports the refusal: ${errors.join('\n')}`);
  assert.deepEqual(await page.evaluate(() => window.received), []);
});
