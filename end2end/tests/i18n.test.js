// Localized journey pages in a real browser: Arabic by `?lang=` renders right to left and
// mirrored, German comes from the browser's language, the switcher changes language and keeps the
// link working, and hydration works in every case.
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

const hydrated = (page) =>
  page.waitForFunction(() => !document.querySelector('input[name=agree]').disabled, null, { timeout: 20_000 });

test('?lang=ar renders the consent step right to left, mirrored, in Arabic', async () => {
  const created = await createVerification(kyra, { reference_id: 'e2e-ar' });
  const { page, errors } = await phonePage(browser);
  const response = await page.goto(`${created.verify_url}&lang=ar`);
  assert.equal(response.status(), 200);

  await page.getByRole('heading', { name: 'أكِّد هويتك' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
  assert.equal(await page.title(), 'التحقق من الهوية');
  await hydrated(page);

  // Mirrored: the language switcher sits at the end of the line, which is now the left, and
  // the checkbox is on the right of its label.
  const form = await page.locator('form.language').boundingBox();
  assert.ok(form.x < 40, `switcher at x=${form.x}`);
  const box = await page.getByRole('checkbox').boundingBox();
  const label = await page.locator('.agree span').boundingBox();
  assert.ok(box.x > label.x, 'checkbox right of its label');
  await page.screenshot({ path: join(artifacts, 'consent-ar-phone.png'), fullPage: true });

  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'متابعة' }).click();
  await page.getByRole('heading', { name: 'اختر وثيقتك' }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(artifacts, 'document-ar-phone.png'), fullPage: true });
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});

test('the browser language picks German, and the switcher changes language', async () => {
  const created = await createVerification(kyra, { reference_id: 'e2e-de' });
  const { page, errors } = await phonePage(browser, { locale: 'de-DE' });
  await page.goto(created.verify_url);

  await page.getByRole('heading', { name: 'Bestätigen Sie Ihre Identität' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  await page.getByText('Um Ihre Identität zu prüfen').waitFor();
  await hydrated(page);
  assert.equal(await page.getByRole('button', { name: 'Weiter' }).isDisabled(), true);
  await page.screenshot({ path: join(artifacts, 'consent-de-phone.png'), fullPage: true });

  // The switcher is a labelled select; choosing French reloads the same link in French.
  const select = page.getByLabel('Sprache');
  assert.equal(await select.inputValue(), 'de');
  await select.selectOption('fr');
  await Promise.all([
    page.waitForURL(/lang=fr/),
    page.getByRole('button', { name: 'Sprache ändern' }).click(),
  ]);
  assert.ok(page.url().includes(`token=${created.client_token}`), page.url());
  await page.getByRole('heading', { name: 'Vérifiez votre identité' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  await hydrated(page);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('heading', { name: 'Choisissez votre document' }).waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});

test('the pseudo-locale shows every string accented, for review', async () => {
  const created = await createVerification(kyra, { reference_id: 'e2e-pseudo' });
  const { page, errors } = await phonePage(browser);
  await page.goto(`${created.verify_url}&lang=en-XA`);
  await hydrated(page);
  const text = await page.locator('main').innerText();
  for (const english of ['Verify your identity', 'Continue', 'Your consent', 'You will need']) {
    assert.ok(!text.includes(english), `untranslated: ${english}`);
  }
  // A third longer than English and still no sideways scrolling on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(artifacts, 'consent-en-XA-phone.png'), fullPage: true });
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
});
