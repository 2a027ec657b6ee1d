// "Continue on your phone": the desktop page shows a QR code of a single-use link, a second
// browser (the phone) opens it and finishes the capture there, and the desktop page follows
// along to the review step on its own. Opening the link again says it was already used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  startKyra, createVerification, launchBrowser, phonePage, drawnPassport, serverFn, artifacts,
} from './support.js';

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

test('the desktop shows a QR code, the phone continues, the desktop moves on', async () => {
  const created = await createVerification(kyra, { reference_id: 'e2e-handoff' });
  const { id, client_token: token } = created;
  await serverFn(kyra, 'consent', { id, token, consent_version: '2026-11-01' });
  await serverFn(kyra, 'document', { id, token, document_type: 'passport', country: 'PT' });

  const desktop = await phonePage(browser, { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await desktop.page.goto(created.verify_url);
  await desktop.page.locator('[data-step=upload]').waitFor({ timeout: 20_000 });
  await desktop.page.waitForFunction(() => !document.querySelector('.handoff button').disabled, null, { timeout: 20_000 });
  await desktop.page.getByRole('button', { name: 'Show a code for my phone' }).click();
  const qr = desktop.page.getByRole('img', { name: /QR code/ });
  await qr.waitFor();
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml;base64,/);
  const svg = Buffer.from((await qr.getAttribute('src')).split(',')[1], 'base64').toString();
  assert.match(svg, /<svg[^>]*>/, 'a server-rendered SVG');
  const url = await qr.getAttribute('data-handoff-url');
  assert.ok(url.startsWith(`${kyra.base}/v/${id}/handoff?h=`), url);
  assert.ok(!url.includes(token), 'the code does not carry the client token');
  await desktop.page.getByRole('status').getByText('Waiting for your phone').waitFor();
  await desktop.page.screenshot({ path: join(artifacts, 'handoff-desktop-qr.png'), fullPage: true });

  const phone = await phonePage(browser);
  await phone.page.goto(url);
  await phone.page.locator('[data-step=upload]').waitFor({ timeout: 20_000 });
  assert.ok(phone.page.url().includes(`/v/${id}?token=`), 'the phone continues on the journey link');
  await desktop.page.locator('.handoff-status[data-opened=true]').waitFor({ timeout: 10_000 });

  await phone.page.waitForFunction(() => !document.querySelector('#kyra-file').disabled, null, { timeout: 20_000 });
  await phone.page.locator('#kyra-file').setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: await drawnPassport(phone.page) });
  await phone.page.locator('img.preview').waitFor();
  await phone.page.getByRole('button', { name: 'Upload', exact: true }).click();
  await phone.page.locator('[data-step=review]').waitFor({ timeout: 10_000 });

  // The desktop page follows on its own.
  await desktop.page.locator('[data-step=review]').waitFor({ timeout: 10_000 });
  await desktop.page.screenshot({ path: join(artifacts, 'handoff-desktop-followed.png'), fullPage: true });

  // The link worked once.
  const again = await phone.page.goto(url);
  assert.equal(again.status(), 410);
  await phone.page.getByRole('heading', { name: 'This link was already used' }).waitFor();
  await phone.page.screenshot({ path: join(artifacts, 'handoff-used-phone.png'), fullPage: true });
  assert.deepEqual(desktop.errors, [], `desktop console errors: ${desktop.errors.join('\n')}`);
  assert.deepEqual(phone.errors.filter((e) => !e.includes('410')), [], `phone console errors: ${phone.errors.join('\n')}`);
});
