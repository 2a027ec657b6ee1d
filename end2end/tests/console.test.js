// The operator console in a real browser: sign in with the keyboard, the queue, a case, a
// claim and an approval with a note — on a laptop and a tablet — and axe-core with zero
// violations on every console page, in light and dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startKyra, launchBrowser, assertAccessible, createOperator, decidedOverApi,
} from './support.js';

const PASSWORD = 'correct horse battery staple';
let kyra;
let browser;

before(async () => {
  kyra = await startKyra();
  browser = await launchBrowser();
  createOperator(kyra, 'demo', 'rita@demo.test', 'reviewer', PASSWORD);
});

after(async () => {
  await browser?.close();
  await kyra?.stop();
});

async function consolePage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}

for (const [device, viewport] of [['laptop', { width: 1280, height: 800 }], ['tablet', { width: 768, height: 1024 }]]) {
  test(`a reviewer decides a case in review (${device})`, async () => {
    const v = await decidedOverApi(kyra, {
      reference_id: `console-${device}`,
      checks: ['document', 'sanctions'],
      applicant: { first_name: 'Ana', last_name: 'Silva' },
      metadata: { kyra_test_outcome: 'needs_review' },
    });
    assert.equal(v.status, 'needs_review');
    const { page, errors } = await consolePage(viewport);

    await page.goto(`${kyra.base}/console`);
    assert.match(page.url(), /\/console\/login$/, 'signed out: the sign-in form');
    await assertAccessible(page, 'sign-in');
    // Keyboard only: the email field first, then the password, then Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'email');
    await page.keyboard.type('rita@demo.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${kyra.base}/console`);

    await assertAccessible(page, 'review queue');
    const row = page.getByRole('link', { name: v.id });
    await row.click();
    await page.waitForURL(`${kyra.base}/console/verifications/${v.id}`);
    await assertAccessible(page, 'case in review');
    assert.ok(await page.getByText('SANCTIONS_MATCH').first().isVisible());

    await page.getByRole('button', { name: 'Claim this case' }).click();
    await page.getByText('Claimed by rita@demo.test.').waitFor();
    await page.getByLabel('Approve').check();
    await page.getByLabel('Note (required: why this decision)').fill('Different person: the listed one is 30 years older.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForURL(`${kyra.base}/console/verifications/${v.id}`);
    await page.getByText('Different person: the listed one is 30 years older.').waitFor();
    await assertAccessible(page, 'decided case');

    const api = await (await fetch(`${kyra.base}/api/v1/verifications/${v.id}`, {
      headers: { authorization: `Bearer ${kyra.key}` },
    })).json();
    assert.equal(api.status, 'approved');
    assert.equal(api.decided_by.type, 'operator');

    await page.getByRole('link', { name: 'Verifications' }).click();
    await page.waitForURL(/\/console\/verifications$/);
    await assertAccessible(page, 'verification list');
    await page.getByLabel('Status').selectOption('approved');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=approved/);
    assert.ok(await page.getByRole('link', { name: v.id }).isVisible());

    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the list overflows by ${overflow}px on a ${device}`);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/console\/login$/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test('the admin and account pages pass axe', async () => {
  createOperator(kyra, 'demo', 'ada@demo.test', 'admin', PASSWORD);
  const { page, errors } = await consolePage({ width: 1280, height: 800 });
  await page.goto(`${kyra.base}/console/login`);
  await page.getByLabel('Email').fill('ada@demo.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${kyra.base}/console`);
  await page.getByRole('link', { name: 'Developers' }).click();
  await page.waitForURL(/\/console\/developers$/);
  await assertAccessible(page, 'developers');
  await page.getByRole('button', { name: 'Create an API key' }).click();
  await page.locator('#new-key').waitFor();
  assert.match(await page.locator('#new-key').textContent(), /^kyra_test_/);
  await assertAccessible(page, 'developers with a new key');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.waitForURL(/\/console\/audit$/);
  await page.getByRole('button', { name: 'Verify the whole chain' }).click();
  await page.getByText('The chain is intact').waitFor();
  await assertAccessible(page, 'audit log');
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.waitForURL(/\/console\/account$/);
  await assertAccessible(page, 'account');
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await page.locator('#totp-key').waitFor();
  assert.ok(await page.getByRole('img', { name: 'QR code of the authenticator key' }).isVisible());
  await assertAccessible(page, 'two-factor setup');
  assert.deepEqual(errors, []);
  await page.context().close();
});
