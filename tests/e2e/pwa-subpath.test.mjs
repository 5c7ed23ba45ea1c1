// A sub-path deployment: `trunk build --release --public-url /healthhub/` (into its own
// dist dir; the cargo build is shared with dist/, so this costs the wasm-bindgen and
// wasm-opt steps only) served under /healthhub/. Navigation stays under the base, the
// service worker's scope and the manifest's start_url are /healthhub/, and sign-in
// sends redirect_uri http://127.0.0.1:PORT/healthhub/ and comes back there signed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from './lib/static-server.mjs';
import { watchConsole, appReady, CHROMIUM } from './lib/browser.mjs';
import { startSim, simConfig } from './lib/sim.mjs';
import { watchCsp, builtCsp, assertStrictCsp } from './lib/csp.mjs';
import { ROOT } from './lib/paths.mjs';

const SUB_DIST = path.join(ROOT, 'target/e2e-dist-healthhub');

let context;
let sim;
let app;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-subpath-'));

function trunkBuild() {
  const env = { ...process.env, TRUNK_SKIP_VERSION_CHECK: 'true' };
  env.PATH = `${path.join(ROOT, 'node_modules/.bin')}:${path.join(os.homedir(), '.cargo/bin')}:${env.PATH}`;
  delete env.HEALTHHUB_CONFIG; // ship public/config.json; the test serves its own
  return new Promise((resolve, reject) => {
    const child = spawn('trunk', ['build', '--release', '--public-url', '/healthhub/', '--dist', SUB_DIST], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`trunk build failed (${code}):\n${log.slice(-4000)}`))));
  });
}

before(async () => {
  await trunkBuild();
  sim = await startSim();
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  app = await startStaticServer({ root: SUB_DIST, configFile: config, basePath: '/healthhub/' });
  // A real profile, so Chromium can also judge installability.
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    viewport: { width: 360, height: 740 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, { timeout: 15 * 60 * 1000 });

after(async () => {
  await context?.close();
  await app?.close();
  await sim?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('under /healthhub/: navigation, service worker scope, manifest, CSP, and sign-in back to /healthhub/', async () => {
  assert.match(app.url, /^http:\/\/127\.0\.0\.1:\d+\/healthhub\/$/);
  const html = fs.readFileSync(path.join(SUB_DIST, 'index.html'), 'utf8');
  assert.match(html, /<base href="\/healthhub\/"/);
  assert.ok(html.includes("'/healthhub/healthhub-"), 'the loader imports from the sub-path');
  assertStrictCsp(assert, builtCsp(SUB_DIST));
  assert.match(fs.readFileSync(path.join(SUB_DIST, '_redirects'), 'utf8'), /^\/healthhub\/\*  \/healthhub\/index\.html  200$/m);

  const violations = await watchCsp(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = watchConsole(page);
  await page.goto(app.url);
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 20000 });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, app.url, 'the worker\'s scope is /healthhub/');

  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${app.url}manifest.webmanifest`);
  const data = JSON.parse(manifest.data);
  assert.equal(new URL(data.start_url, manifest.url).href, app.url, 'start_url resolves to /healthhub/');
  assert.equal(new URL(data.scope, manifest.url).href, app.url);
  assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);

  // Navigation stays under the base path.
  const nav = page.locator('nav.bottom-nav');
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(`${app.url}settings`);
  await nav.getByRole('link', { name: 'All data' }).click();
  await page.waitForURL(`${app.url}data`);
  await page.locator('main a[href="/healthhub/data/heartrate"]').click();
  await page.waitForURL(`${app.url}data/heartrate`);
  assert.equal((await page.locator('main h1').first().textContent()).trim(), 'Heart rate');
  await page.reload(); // a deep link under the sub-path
  await appReady(page);
  assert.equal((await page.locator('main h1').first().textContent()).trim(), 'Heart rate');
  await nav.getByRole('link', { name: 'Today' }).click();
  await page.waitForURL(app.url);

  // Sign-in: redirect_uri is the sub-path URL, and the app comes back there signed in.
  await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
  await page.getByRole('button', { name: 'Sign in with Oura' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${sim.url}/oauth/authorize`));
  assert.equal(new URL(page.url()).searchParams.get('redirect_uri'), app.url);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url));
  await page.getByText('Signed in with Oura.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/healthhub/');
  assert.ok(JSON.parse(await page.evaluate(() => localStorage.getItem('healthhub.session'))).token);
  await page.waitForTimeout(300);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
});
