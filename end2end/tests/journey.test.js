// The journey after consent on a phone: document choice → upload (checked in the browser first)
// → review → submit → live processing → a retryable decline with its localized reason → try
// again on the same link → back at document choice. Screenshots of each step go to artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startKyra, createVerification, launchBrowser, phonePage, artifacts, drawnPassport } from './support.js';

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

async function consentAndChoosePassport(page) {
  await page.waitForFunction(() => !document.querySelector('input[name=agree]').disabled, null, { timeout: 20_000 });
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('#kyra-country').disabled);
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.locator('#kyra-country').selectOption('PT');
}

test('choose, upload, submit, see the retry reason, try again on the same link', async () => {
  const created = await createVerification(kyra, {
    reference_id: 'e2e-journey',
    metadata: { kyra_test_outcome: 'declined_retry', kyra_test_reason: 'GLARE' },
  });
  const { page, errors } = await phonePage(browser);
  await page.goto(created.verify_url);
  await consentAndChoosePassport(page);
  await page.screenshot({ path: join(artifacts, 'journey-document-phone.png'), fullPage: true });
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.locator('[data-step=upload]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('#kyra-file').disabled);
  await page.screenshot({ path: join(artifacts, 'journey-upload-phone.png'), fullPage: true });
  await page.locator('#kyra-file').setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: await drawnPassport(page) });
  await page.locator('img.preview').waitFor();
  await page.screenshot({ path: join(artifacts, 'journey-preview-phone.png'), fullPage: true });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();

  await page.locator('[data-step=review]').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(artifacts, 'journey-review-phone.png'), fullPage: true });
  // Reloading resumes at review: the state is on the server.
  await page.reload();
  await page.locator('[data-step=review]').waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('button.primary')].some((b) => b.disabled));
  await page.getByRole('button', { name: 'Send for checking' }).click();

  // Test-mode checks finish in milliseconds: the processing page may already have given way to
  // the outcome by the time the browser looks, so either is fine here; the outcome is what counts.
  await page.locator('[data-step=processing], [data-step=outcome]').first().waitFor({ timeout: 10_000 });
  if (await page.locator('[data-step=processing]').isVisible()) {
    await page.screenshot({ path: join(artifacts, 'journey-processing-phone.png'), fullPage: true });
  }
  await page.locator('[data-step=outcome]').waitFor({ timeout: 30_000 });
  await page.getByText('Too much glare').waitFor();
  await page.screenshot({ path: join(artifacts, 'journey-outcome-retry-phone.png'), fullPage: true });

  await page.waitForFunction(() => ![...document.querySelectorAll('button.primary')].some((b) => b.disabled));
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  assert.ok(page.url().includes(created.client_token), 'the same link keeps working');
  await page.reload();
  await page.locator('[data-step=document]').waitFor();
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});

test('a wrong-type or oversize file is refused in the browser, in the page language', async () => {
  const created = await createVerification(kyra, { reference_id: 'e2e-files' });
  const { page, errors } = await phonePage(browser);
  const uploads = [];
  page.on('request', (r) => { if (r.url().includes('/documents')) uploads.push(r.url()); });
  await page.goto(`${created.verify_url}&lang=de`);
  await page.waitForFunction(() => !document.querySelector('input[name=agree]').disabled, null, { timeout: 20_000 });
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('#kyra-country').disabled);
  await page.locator('#kyra-country').selectOption('DE');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.locator('[data-step=upload]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('#kyra-file').disabled);

  // A GIF renamed to .jpg: the magic bytes decide.
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  await page.locator('#kyra-file').setInputFiles({ name: 'ausweis.jpg', mimeType: 'image/jpeg', buffer: gif });
  await page.getByRole('alert').getByText('weder ein Foto noch ein PDF').waitFor();
  await page.screenshot({ path: join(artifacts, 'journey-wrong-type-phone.png'), fullPage: true });

  // A JPEG over the 10 MiB limit.
  const big = Buffer.alloc(10 * 1024 * 1024 + 1);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  await page.locator('#kyra-file').setInputFiles({ name: 'ausweis.jpg', mimeType: 'image/jpeg', buffer: big });
  await page.getByRole('alert').getByText('zu groß').waitFor();
  await page.screenshot({ path: join(artifacts, 'journey-too-large-phone.png'), fullPage: true });
  assert.deepEqual(uploads, [], 'nothing was sent');
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});
