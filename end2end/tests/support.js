// Shared helpers: start a real `kyra serve` on a random port and a headless Debian Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Starts kyra on an empty SQLite store; resolves with its base URL and the demo test key. */
export async function startKyra() {
  const bin = process.env.KYRA_BIN;
  if (!bin) throw new Error('KYRA_BIN is not set: run the browser tests through `cargo xtask test`');
  const dataDir = mkdtempSync(join(tmpdir(), 'kyra-e2e-'));
  const child = spawn(bin, ['--data-dir', dataDir, 'serve', '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KYRA_LOG: 'warn' },
  });
  let out = '';
  const started = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kyra did not start: ${out}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const base = out.match(/kyra listening on (http:\/\/[\d.:]+)/);
      const key = out.match(/(kyra_test_[A-Za-z0-9_-]{43})/);
      if (base && key) {
        clearTimeout(timer);
        resolve({ base: base[1], key: key[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`kyra exited with ${code}: ${out}`)));
  });
  return {
    ...started,
    // For `kyra --data-dir … flows update` while the server runs (SQLite).
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createVerification(kyra, body = {}) {
  const response = await fetch(`${kyra.base}/api/v1/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kyra.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A phone-sized page that records console errors and uncaught exceptions. `options` go to the
 * browser context (e.g. `{ locale: 'de-DE' }`, which also sets Accept-Language).
 */
export async function phonePage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`${msg.text()} ${msg.location()?.url ?? ''}`); });
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}
