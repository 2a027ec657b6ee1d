// Smoke test of the foundation: a verify_url opens the consent step, the page hydrates, and the
// hydrated control moves the journey on, with no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startKyra, createVerification, launchBrowser, phonePage, artifacts } from './support.js';

let kyra;
let browser;

before(async () => {
  kyra = await startKyra();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await kyra?.stop();
});

test('consent step hydrates and continues to the document step', async () => {
  const created = await createVerification(kyra, { reference_id: 'e2e-user' });
  const { page, errors } = await phonePage(browser);

  const response = await page.goto(created.verify_url);
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();

  // The checkbox is disabled in the server-rendered HTML and enabled only by hydration.
  const agree = page.getByRole('checkbox');
  const proceed = page.getByRole('button', { name: 'Continue' });
  await page.waitForFunction(() => !document.querySelector('input[name=agree]').disabled, null, { timeout: 20_000 });
  assert.equal(await proceed.isDisabled(), true, 'continue stays disabled until consent is given');
  await page.screenshot({ path: join(artifacts, 'consent-phone.png'), fullPage: true });

  await agree.check();
  assert.equal(await proceed.isDisabled(), false);
  await proceed.click();
  await page.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(artifacts, 'document-phone.png'), fullPage: true });

  // The server recorded it: the verification is now in progress.
  const fetched = await (await fetch(`${kyra.base}/api/v1/verifications/${created.id}`, {
    headers: { authorization: `Bearer ${kyra.key}` },
  })).json();
  assert.equal(fetched.status, 'in_progress');

  // Reloading resumes where the applicant was.
  await page.reload();
  await page.locator('[data-step=document]').waitFor();
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});

test('a wrong token shows a friendly error page with status 404', async () => {
  const created = await createVerification(kyra);
  const { page, errors } = await phonePage(browser);
  const response = await page.goto(`${kyra.base}/v/${created.id}?token=wrong`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
});
