// Measures what the first load of the consent step transfers: the HTML page and every asset it
// pulls, as Chromium received them (body bytes after content encoding), plus the HTML's brotli
// size as a compressing proxy would serve it (kyra itself sends pages uncompressed).
//
//   cargo xtask build --release
//   KYRA_BIN=$CARGO_TARGET_DIR/release/kyra node end2end/first-load.js [lang]
//
// KYRA_SITE_ROOT may point a debug binary at a release site instead.
import { brotliCompressSync } from 'node:zlib';
import { startKyra, createVerification, launchBrowser } from './tests/support.js';

const lang = process.argv[2];
const kyra = await startKyra();
const browser = await launchBrowser();
try {
  const created = await createVerification(kyra, { reference_id: 'first-load' });
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const responses = [];
  page.on('requestfinished', (request) => responses.push(request));
  const url = lang ? `${created.verify_url}&lang=${lang}` : created.verify_url;
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => !document.querySelector('input[name=agree]')?.disabled);

  let total = 0;
  let totalBrotli = 0;
  const rows = [];
  for (const request of responses) {
    const response = await request.response();
    if (!response) continue;
    const { responseBodySize } = await request.sizes();
    const path = new URL(request.url()).pathname;
    const encoding = (await response.allHeaders())['content-encoding'] ?? 'identity';
    let brotli = responseBodySize;
    if (encoding === 'identity') {
      brotli = brotliCompressSync(await response.body()).length;
    }
    total += responseBodySize;
    totalBrotli += brotli;
    rows.push(`${path.padEnd(40)} ${encoding.padEnd(9)} ${(responseBodySize / 1000).toFixed(1).padStart(7)} KB  brotli ${(brotli / 1000).toFixed(1).padStart(7)} KB`);
  }
  console.log(rows.join('\n'));
  console.log(`total as transferred: ${(total / 1000).toFixed(1)} KB; all brotli: ${(totalBrotli / 1000).toFixed(1)} KB`);
} finally {
  await browser.close();
  await kyra.stop();
}
