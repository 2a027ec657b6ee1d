// The live camera in a real Chromium with a fake camera that plays a generated Y4M clip:
// document capture → selfie → server-chosen liveness challenge → review → submit → outcome on a
// phone; the camera refused (permission denied) → the explanation for this browser and the file
// upload still working; the same steps on a desktop viewport. Screenshots go to artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startKyra, createVerification, artifacts } from './support.js';

const WIDTH = 1280;
const HEIGHT = 720;

let kyra;
let clipDir;
let clip;
let camera; // a browser whose fake camera grants access
let denied; // a browser whose fake permission prompt refuses it

/**
 * A Y4M clip (4:2:0, `frames` frames): a grey gradient with a light card-shaped rectangle and a
 * dark bar that moves from frame to frame, so consecutive captures differ.
 */
function y4m(width, height, frames) {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const parts = [header];
  const cw = width / 2;
  const ch = height / 2;
  for (let f = 0; f < frames; f++) {
    const y = Buffer.alloc(width * height);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        let v = 40 + Math.floor((col / width) * 120);
        const inCard = col > width * 0.1 && col < width * 0.9 && row > height * 0.15 && row < height * 0.85;
        if (inCard) v = 200 - ((row >> 4) % 2) * 30;
        const bar = Math.floor((f / frames) * width);
        if (col >= bar && col < bar + 40) v = 20;
        y[row * width + col] = v;
      }
    }
    const u = Buffer.alloc(cw * ch, 128);
    const v = Buffer.alloc(cw * ch, 140);
    parts.push(Buffer.from('FRAME\n'), y, u, v);
  }
  return Buffer.concat(parts);
}

function launch(extra) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`,
      ...extra,
    ],
  });
}

/** The flow of the demo tenant, updated to also run the face checks. */
function enableFaceChecks(flowId) {
  const bin = process.env.KYRA_BIN;
  const args = ['--data-dir', kyra.dataDir];
  const config = JSON.parse(execFileSync(bin, [...args, 'flows', 'show', flowId], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  config.checks = ['document', 'selfie', 'liveness', 'face_match', 'sanctions', 'pep', 'duplicates'];
  const file = join(clipDir, 'flow.json');
  writeFileSync(file, JSON.stringify(config));
  execFileSync(bin, [...args, 'flows', 'update', flowId, '--file', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(async () => {
  kyra = await startKyra();
  clipDir = mkdtempSync(join(tmpdir(), 'kyra-camera-'));
  clip = join(clipDir, 'camera.y4m');
  writeFileSync(clip, y4m(WIDTH, HEIGHT, 6));
  const probe = await createVerification(kyra, { reference_id: 'e2e-probe' });
  enableFaceChecks(probe.flow.id);
  camera = await launch(['--use-fake-ui-for-media-stream']);
  denied = await launch(['--use-fake-ui-for-media-stream=deny']);
});

after(async () => {
  await camera?.close();
  await denied?.close();
  await kyra?.stop();
  if (clipDir) rmSync(clipDir, { recursive: true, force: true });
});

const PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

async function open(browser, options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`${msg.text()} ${msg.location()?.url ?? ''}`); });
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}

async function toUpload(page) {
  await page.waitForFunction(() => !document.querySelector('input[name=agree]').disabled, null, { timeout: 20_000 });
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('[data-step=document]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('#kyra-country').disabled);
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.locator('#kyra-country').selectOption('PT');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('[data-step=upload]').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('#kyra-file').disabled);
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

for (const [device, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${device}: document by camera, selfie, liveness challenge, review, submit, outcome`, async () => {
    const created = await createVerification(kyra, {
      reference_id: `e2e-camera-${device}`,
      metadata: { kyra_test_outcome: 'approved' },
    });
    assert.ok(created.checks === undefined || Array.isArray(created.checks));
    const { page, errors } = await open(camera, options);
    const sent = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/v/')) sent.push(new URL(r.url()).pathname.replace(created.id, 'ID'));
    });
    await page.goto(created.verify_url);
    await toUpload(page);
    await shot(page, `camera-upload-${device}`);

    await page.getByRole('button', { name: 'Take a photo with your camera' }).click();
    await page.locator('[data-camera=live]').waitFor({ timeout: 10_000 });
    // The rear camera was asked for, at a high resolution; the clip plays at its own.
    const settings = await page.evaluate(() => {
      const track = document.querySelector('[data-step=upload] video').srcObject.getVideoTracks()[0];
      window.kyraUploadTrack = track;
      return { ...track.getSettings(), constraints: track.getConstraints() };
    });
    assert.equal(settings.width, WIDTH);
    assert.equal(settings.height, HEIGHT);
    // Chromium reports a bare value for an `ideal` constraint.
    const ideal = (c) => c?.ideal ?? c;
    assert.equal(ideal(settings.constraints.facingMode), 'environment');
    assert.ok(ideal(settings.constraints.width) >= 1920, JSON.stringify(settings.constraints));
    await shot(page, `camera-live-${device}`);

    await page.getByRole('button', { name: 'Take photo' }).click();
    await page.locator('img.preview').waitFor();
    await page.waitForFunction(() => document.querySelector('img.preview').naturalWidth > 0);
    const natural = await page.evaluate(() => {
      const img = document.querySelector('img.preview');
      return [img.naturalWidth, img.naturalHeight];
    });
    assert.deepEqual(natural, [WIDTH, HEIGHT], 'captured at the native resolution');
    assert.equal(await page.evaluate(() => window.kyraUploadTrack.readyState), 'ended', 'the camera is off once the photo is taken');
    await page.getByRole('button', { name: 'Retake' }).waitFor();
    await shot(page, `camera-preview-${device}`);
    await page.getByRole('button', { name: 'Use this photo' }).click();

    await page.locator('[data-step=selfie]').waitFor({ timeout: 10_000 });
    await page.locator('[data-camera=live]').waitFor({ timeout: 10_000 });
    const facing = await page.evaluate(() => document.querySelector('[data-step=selfie] video').srcObject.getVideoTracks()[0].getConstraints().facingMode);
    assert.equal(facing?.ideal ?? facing, 'user');
    await shot(page, `camera-selfie-${device}`);
    await page.getByRole('button', { name: 'Take selfie' }).click();
    const challenge = page.locator('p.challenge[data-challenge]');
    await challenge.waitFor({ timeout: 10_000 });
    const kind = await challenge.getAttribute('data-challenge');
    assert.ok(['turn_left', 'turn_right', 'move_closer', 'look_up'].includes(kind), kind);
    assert.match(await challenge.innerText(), /^Slowly /);
    await shot(page, `camera-liveness-${device}`);

    await page.locator('[data-step=review]').waitFor({ timeout: 15_000 });
    await page.locator('[data-selfie=taken]').waitFor();
    await shot(page, `camera-review-${device}`);
    assert.deepEqual(sent, ['/v/ID/documents', '/v/ID/liveness/challenge', '/v/ID/liveness']);
    await page.waitForFunction(() => ![...document.querySelectorAll('button.primary')].some((b) => b.disabled));
    await page.getByRole('button', { name: 'Send for checking' }).click();
    await page.locator('[data-step=outcome][data-status=approved]').waitFor({ timeout: 30_000 });
    await shot(page, `camera-outcome-${device}`);
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    await page.context().close();
  });
}

test('camera permission denied: the fix for this browser, and the file upload still works', async () => {
  const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';
  for (const [device, options, fix] of [
    ['phone', { ...PHONE, userAgent: android }, 'In Chrome on Android'],
    ['desktop', DESKTOP, 'In Chrome:'],
  ]) {
    const created = await createVerification(kyra, { reference_id: `e2e-camera-denied-${device}`, checks: ['document'] });
    const { page, errors } = await open(denied, options);
    await page.goto(created.verify_url);
    await toUpload(page);
    await page.getByRole('button', { name: 'Take a photo with your camera' }).click();
    await page.locator('[data-camera=denied]').waitFor({ timeout: 10_000 });
    const panel = page.locator('.camera-problem');
    await panel.getByText('This page was not allowed to use the camera.').waitFor();
    await panel.getByText(fix).waitFor();
    await panel.getByRole('button', { name: 'Try again' }).waitFor();
    await shot(page, `camera-denied-${device}`);
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    if (device === 'desktop') {
      await page.context().close();
      continue;
    }
    // A picture too small to read is refused in the browser…
    const small = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      canvas.getContext('2d').fillRect(0, 0, 10, 10);
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
    });
    await page.locator('#kyra-file').setInputFiles({ name: 'small.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(small, 'base64') });
    await page.getByRole('alert').getByText('too small to read').waitFor();
    await shot(page, `camera-too-small-${device}`);
    // …and a real photo goes through the upload, as without a camera.
    const photo = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 1000;
      canvas.height = 700;
      const g = canvas.getContext('2d');
      g.fillStyle = '#e8eef5';
      g.fillRect(0, 0, 1000, 700);
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
    });
    await page.locator('#kyra-file').setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo, 'base64') });
    await page.locator('img.preview').waitFor();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('[data-step=review]').waitFor({ timeout: 10_000 });
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    await page.context().close();
  }
});
