// Accessibility of every page of the journey: axe-core (WCAG 2.0/2.1 A and AA) with zero
// violations on each step, each outcome and each error page, in light and in emulated dark mode;
// the consent step done with the keyboard alone, and focus on the new step's heading after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startKyra, createVerification, launchBrowser, phonePage, assertAccessible, drawnPassport,
  completeOverHttp, serverFn, createTenant, setFlow,
} from './support.js';

let kyra;
let browser;
let jpeg;

before(async () => {
  kyra = await startKyra();
  browser = await launchBrowser();
  const { page } = await phonePage(browser);
  jpeg = await drawnPassport(page);
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await kyra?.stop();
});

const hydrated = (page, selector) => page.waitForFunction((s) => {
  const el = document.querySelector(s);
  return el && !el.disabled;
}, selector, { timeout: 20_000 });

test('every step passes axe in light and dark mode, and works with the keyboard', async () => {
  const created = await createVerification(kyra, {
    reference_id: 'a11y-steps',
    return_url: 'https://shop.example/done',
    metadata: { kyra_test_outcome: 'approved' },
  });
  const { page, errors } = await phonePage(browser);
  await page.goto(created.verify_url);
  await hydrated(page, 'input[name=agree]');
  await assertAccessible(page, 'consent');

  // Keyboard only: Tab to the checkbox, Space, Tab to Continue, Enter.
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.name === 'agree')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'agree', 'the checkbox is reachable by Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), 'Continue');
  await page.keyboard.press('Enter');
  await page.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.activeElement?.id === 'title', null, { timeout: 5_000 });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Choose your document');

  await hydrated(page, '#kyra-country');
  await assertAccessible(page, 'document choice');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.locator('#kyra-country').selectOption('PT');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.locator('[data-step=upload]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.activeElement?.id === 'title');
  await hydrated(page, '#kyra-file');
  await assertAccessible(page, 'upload');
  await page.getByRole('button', { name: 'Show a code for my phone' }).click();
  await page.locator('.qr img').waitFor();
  await assertAccessible(page, 'upload with the handoff code');
  await page.locator('#kyra-file').setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.locator('img.preview').waitFor();
  await assertAccessible(page, 'upload with a preview');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();

  await page.locator('[data-step=review]').waitFor({ timeout: 10_000 });
  await hydrated(page, 'button.primary');
  await assertAccessible(page, 'review');
  // Hold the progress stream so that the processing step stays on screen while axe looks.
  await page.route(/\/v\/[^/]+\/(progress|status)\?/, () => {});
  await page.getByRole('button', { name: 'Send for checking' }).click();
  await page.locator('[data-step=processing]').waitFor({ timeout: 10_000 });
  await assertAccessible(page, 'processing');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  await page.locator('[data-step=outcome][data-status=approved]').waitFor({ timeout: 30_000 });
  await assertAccessible(page, 'outcome approved');
  assert.deepEqual(errors.filter((e) => !e.includes('/progress') && !e.includes('/status')), [], `console errors: ${errors.join('\n')}`);
});

for (const outcome of ['declined_retry', 'declined_final', 'needs_review']) {
  test(`the ${outcome} outcome passes axe`, async () => {
    const created = await createVerification(kyra, { reference_id: `a11y-${outcome}`, metadata: { kyra_test_outcome: outcome } });
    await completeOverHttp(kyra, created, jpeg);
    const { page, errors } = await phonePage(browser);
    await page.goto(created.verify_url);
    await page.locator('[data-step=outcome]').waitFor({ timeout: 20_000 });
    await assertAccessible(page, `outcome ${outcome}`);
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  });
}

test('error pages pass axe: invalid, expired, handoff already used, unknown page', async () => {
  const { page } = await phonePage(browser);
  const valid = await createVerification(kyra, { reference_id: 'a11y-errors' });
  await page.goto(`${kyra.base}/v/${valid.id}?token=wrong`);
  await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
  await assertAccessible(page, 'invalid link');

  const expired = await createVerification(kyra, { reference_id: 'a11y-expired', metadata: { kyra_test_outcome: 'expired' } });
  await page.goto(expired.verify_url);
  await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
  await assertAccessible(page, 'expired link');

  const offer = await serverFn(kyra, 'handoff', { id: valid.id, token: valid.client_token });
  await page.goto(offer.url);
  await page.locator('[data-step=welcome]').waitFor();
  await page.goto(offer.url);
  await page.getByRole('heading', { name: 'This link was already used' }).waitFor();
  await assertAccessible(page, 'handoff link already used');

  await page.goto(`${kyra.base}/no/such/page`);
  await assertAccessible(page, 'unknown page');
});

test("a tenant's brand colours apply in light and dark mode and keep AA contrast", async () => {
  const tenant = createTenant(kyra, 'a11y-branded');
  setFlow(kyra, tenant.flow_id, 'branding', { brand_color: '#0b6e4f', brand_color_dark: '#7ee0b5' });
  const created = await createVerification({ ...kyra, key: tenant.api_key }, { reference_id: 'a11y-brand' });
  const { page, errors } = await phonePage(browser);
  await page.goto(created.verify_url);
  await hydrated(page, 'input[name=agree]');
  await page.getByRole('checkbox').check();
  const brand = () => page.evaluate(() => getComputedStyle(document.querySelector('button.primary')).backgroundColor);
  assert.equal(await brand(), 'rgb(11, 110, 79)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await brand(), 'rgb(126, 224, 181)');
  await assertAccessible(page, 'branded consent');
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});
