// Shared helpers: start a real `kyra serve` on a random port and a headless Debian Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is, in light and in emulated dark
 * mode, and fails with every violation listed. `label` names the page in the message.
 */
export async function assertAccessible(page, label) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    // Injected through the DevTools protocol, which the page's CSP does not restrict.
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
      }));
    });
    if (violations.length > 0) {
      throw new Error(`${label} (${colorScheme}): ${JSON.stringify(violations, null, 2)}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Runs a `kyra` admin command against the running server's database; returns its stdout. */
function admin(kyra, args) {
  return execFileSync(process.env.KYRA_BIN, ['--data-dir', kyra.dataDir, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KYRA_LOG: 'warn' },
  });
}

/** Creates a tenant through the CLI: `{tenant_id, flow_id, api_key}`. */
export function createTenant(kyra, name) {
  return JSON.parse(admin(kyra, ['tenant', 'create', name, '--json']));
}

/** Replaces one section of a flow's configuration through the CLI (`kyra flows update`). */
export function setFlow(kyra, flowId, section, value) {
  const config = JSON.parse(admin(kyra, ['flows', 'show', flowId]));
  config[section] = value;
  const file = join(kyra.dataDir, 'flow.json');
  writeFileSync(file, JSON.stringify(config));
  admin(kyra, ['flows', 'update', flowId, '--file', file]);
}

/** Sets a flow's `embedding.allowed_origins`. */
export function allowOrigins(kyra, flowId, origins) {
  setFlow(kyra, flowId, 'embedding', { allowed_origins: origins });
}

/** A JPEG "passport photo page" drawn by the page's canvas (no image files in the repo). */
export async function drawnPassport(page) {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1000;
    canvas.height = 700;
    const g = canvas.getContext('2d');
    g.fillStyle = '#e8eef5';
    g.fillRect(0, 0, 1000, 700);
    g.fillStyle = '#223';
    g.font = '40px monospace';
    g.fillText('PASSPORT', 60, 80);
    g.fillText('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 20, 600);
    g.fillText('L898902C36UTO7408122F1204159ZE184226B<<<<<10', 20, 660);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(base64, 'base64');
}

/** A server function of the journey, called as the page calls it (form-encoded). */
export async function serverFn(kyra, endpoint, fields) {
  const response = await fetch(`${kyra.base}/_kyra/journey/${endpoint}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Takes a verification through the journey over HTTP, as the page would (consent, passport from
 * Portugal, upload of `jpeg`, submit), and waits until its checks are decided.
 */
export async function completeOverHttp(kyra, created, jpeg) {
  const { id, client_token: token } = created;
  await serverFn(kyra, 'consent', { id, token, consent_version: '2026-11-01' });
  await serverFn(kyra, 'document', { id, token, document_type: 'passport', country: 'PT' });
  const form = new FormData();
  form.append('side', 'front');
  form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'passport.jpg');
  const upload = await fetch(`${kyra.base}/v/${id}/documents?token=${token}`, { method: 'POST', body: form });
  if (!upload.ok) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  await serverFn(kyra, 'submit', { id, token });
  for (let i = 0; i < 120; i += 1) {
    const status = await (await fetch(`${kyra.base}/v/${id}/status?token=${token}`)).json();
    if (status.status !== 'processing') return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the checks did not finish');
}

/** Creates a console operator through the CLI (password on stdin); returns its id. */
export function createOperator(kyra, tenant, email, role, password) {
  const out = execFileSync(
    process.env.KYRA_BIN,
    ['--data-dir', kyra.dataDir, 'users', 'create', '--tenant', tenant, '--email', email,
      '--role', role, '--password-stdin', '--json'],
    { encoding: 'utf8', input: `${password}\n`, env: { ...process.env, KYRA_LOG: 'warn' } },
  );
  return JSON.parse(out).id;
}

/** Creates a verification through the API, submits it and waits for the rules' outcome. */
export async function decidedOverApi(kyra, body) {
  const created = await createVerification(kyra, body);
  const headers = { authorization: `Bearer ${kyra.key}` };
  const submit = await fetch(`${kyra.base}/api/v1/verifications/${created.id}/submit`, { method: 'POST', headers });
  if (submit.status !== 202) throw new Error(`submit failed: ${submit.status} ${await submit.text()}`);
  for (let i = 0; i < 400; i += 1) {
    const v = await (await fetch(`${kyra.base}/api/v1/verifications/${created.id}`, { headers })).json();
    if (!['pending', 'processing'].includes(v.status)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${created.id} was not decided`);
}
