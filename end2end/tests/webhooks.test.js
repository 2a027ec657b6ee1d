// Receiver check with an independent implementation: Kyra's deliveries are verified with the
// official Standard Webhooks library from npm (`standardwebhooks`), not with Kyra's own code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { startKyra, createVerification } from './support.js';

let kyra;
let receiver;
const received = [];

before(async () => {
  process.env.KYRA_WEBHOOKS_ALLOW_HOSTS = '127.0.0.1';
  process.env.KYRA_WEBHOOKS_POLL_INTERVAL_MS = '20';
  kyra = await startKyra();
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
});

after(async () => {
  await kyra?.stop();
  await new Promise((r) => receiver?.close(r));
});

async function api(method, path, body) {
  const response = await fetch(`${kyra.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${kyra.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function waitFor(count) {
  const deadline = Date.now() + 20_000;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} deliveries arrived`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return received[count - 1];
}

test('deliveries verify with the official standardwebhooks library, before and during a rotation', async () => {
  const url = `http://127.0.0.1:${receiver.address().port}/hook`;
  const created = await api('POST', '/webhook-endpoints', { url, events: ['verification.created', 'webhook.test'] });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const oldSecret = created.json.secret;

  const verification = await createVerification(kyra, { reference_id: 'node-receiver' });
  const first = await waitFor(1);
  const payload = new Webhook(oldSecret).verify(first.body, first.headers);
  assert.equal(payload.type, 'verification.created');
  assert.equal(payload.data.id, verification.id);
  assert.equal(payload.data.sequence, 1);
  assert.throws(() => new Webhook(oldSecret).verify(`${first.body} `, first.headers));

  const rotated = await api('POST', `/webhook-endpoints/${created.json.id}/rotate-secret`);
  assert.equal(rotated.status, 200);
  await api('POST', `/webhook-endpoints/${created.json.id}/test`);
  const second = await waitFor(2);
  // During the 24 h grace period receivers on either secret accept the delivery.
  assert.equal(new Webhook(rotated.json.secret).verify(second.body, second.headers).type, 'webhook.test');
  assert.equal(new Webhook(oldSecret).verify(second.body, second.headers).type, 'webhook.test');
});
