// The installable, offline app (issue #6) against dist/ as built: Chromium finds it
// installable (manifest, icons, a controlling service worker), the strict CSP is sent
// and nothing violates it, the app opens in airplane mode on every page with the
// offline banner, and a new build is offered with "Update available — Reload".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { chromium } from 'playwright-core';
import { launch, watchConsole, appReady, CHROMIUM } from './lib/browser.mjs';
import { startSim, simConfig } from './lib/sim.mjs';
import { watchCsp, builtCsp, assertStrictCsp } from './lib/csp.mjs';
import { DIST } from './lib/paths.mjs';

const ENDPOINTS = [
  'daily_sleep', 'sleep', 'daily_readiness', 'daily_activity', 'workout', 'session',
  'daily_stress', 'daily_resilience', 'daily_cardiovascular_age', 'daily_spo2', 'vO2_max',
  'heartrate', 'sleep_time', 'tag', 'enhanced_tag', 'personal_info', 'ring_configuration',
  'rest_mode_period',
];
const OFFLINE_TEXT = 'You are offline — showing data saved on this device.';

let browser;
let sim;
let app;
let configFile;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-pwa-'));

before(async () => {
  sim = await startSim();
  configFile = path.join(tmp, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(simConfig(sim)));
  app = await startStaticServer({ root: DIST, configFile });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await sim?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/// Waits until the service worker is active and controls the page.
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 20000 });
}

function pngSize(buf) {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test('installable: manifest, icons and a controlling service worker; Chromium reports no installability error', async () => {
  // Installing needs a real profile (an incognito context is never installable).
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    viewport: { width: 360, height: 740 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const violations = await watchCsp(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = watchConsole(page);
  await page.goto(app.url);
  await appReady(page);
  await controlled(page);

  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, app.url, 'the worker controls the whole app');

  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${app.url}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, [], 'the manifest parses without error');
  const data = JSON.parse(manifest.data);
  assert.equal(data.name, 'healthHub');
  assert.equal(data.display, 'standalone');
  assert.equal(new URL(data.start_url, manifest.url).href, app.url);
  assert.equal(new URL(data.scope, manifest.url).href, app.url);
  // The manifest's colours are the app's background (style/main.css --bg).
  assert.equal(data.background_color, '#f6f7f9');
  assert.equal(data.theme_color, '#f6f7f9');
  const purposes = data.icons.map((i) => `${i.sizes}:${i.purpose}`).sort();
  assert.deepEqual(purposes, ['192x192:any', '512x512:any', '512x512:maskable']);
  for (const icon of [...data.icons, { src: 'icons/apple-touch-icon.png', sizes: '180x180' }]) {
    const res = await fetch(new URL(icon.src, manifest.url));
    assert.equal(res.status, 200, icon.src);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.deepEqual(pngSize(Buffer.from(await res.arrayBuffer())), icon.sizes.split('x').map(Number), icon.src);
  }

  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'Chromium finds the app installable');
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the strict CSP is sent with the build\'s loader hash; the app and sign-in never violate it, injected inline code is blocked', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const errors = watchConsole(page);
  const response = await page.goto(app.url);
  const policy = response.headers()['content-security-policy'];
  assert.ok(policy, 'the page is served with a Content-Security-Policy header');
  const directives = assertStrictCsp(assert, policy);
  // The served policy is the build's, plus the simulator (a cross-origin api_base here).
  assert.deepEqual(directives['connect-src'], ["'self'", sim.url]);
  assert.equal(policy, builtCsp(DIST).replace("connect-src 'self'", `connect-src 'self' ${sim.url}`));
  assert.equal(response.headers()['referrer-policy'], 'no-referrer');
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  await appReady(page);

  // Every page of the shell, on the desktop navigation.
  for (const link of await page.locator('nav.side-nav a').all()) {
    await link.click();
    await page.waitForFunction(() => (document.querySelector('main h1')?.textContent ?? '').trim() !== '');
  }
  // No element carries an inline style (the policy would block it anyway).
  assert.equal(await page.locator('[style]').count(), 0, 'no style= attributes');

  // Sign-in through the simulator's consent page (a navigation: allowed).
  await page.goto(app.url);
  await appReady(page);
  await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
  await page.getByRole('button', { name: 'Sign in with Oura' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${sim.url}/oauth/authorize`));
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url));
  await page.getByText('Signed in with Oura.').waitFor();
  await page.waitForTimeout(500); // let anything the signed-in app starts run under the policy
  assert.deepEqual(violations, [], 'no CSP violation');
  assert.deepEqual(errors, []);

  // Negative control: the policy is enforced (so the empty list above means something).
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    const d = document.createElement('div');
    d.setAttribute('style', 'color: red');
    document.body.append(d);
    const styled = getComputedStyle(d).color;
    d.remove();
    return { script: window.__injected === true, styled };
  });
  assert.equal(ran.script, false, 'an injected inline script does not run');
  assert.notEqual(ran.styled, 'rgb(255, 0, 0)', 'an inline style attribute is not applied');
  await page.waitForFunction(() => true);
  await new Promise((r) => setTimeout(r, 200));
  const directivesHit = new Set(violations.filter((v) => v.directive).map((v) => v.directive));
  assert.ok(directivesHit.has('script-src-elem'), JSON.stringify(violations));
  assert.ok(directivesHit.has('style-src-attr'), JSON.stringify(violations));
  await context.close();
});

test('the worker keeps only the app shell and config.json: never API responses, /oauth or a request with Authorization', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const violations = await watchCsp(context);
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    await appReady(page);
    await controlled(page);
    const viaWorker = new Map();
    page.on('response', (r) => viaWorker.set(`${r.request().headers().authorization ? 'auth ' : ''}${r.url()}`, r.fromServiceWorker()));
    await page.evaluate(async (simUrl) => {
      const auth = { headers: { Authorization: 'Bearer not-a-real-token' } };
      await fetch(`${simUrl}/v2/usercollection/personal_info`, auth).catch(() => {});
      await fetch('manifest.webmanifest', auth);
      await fetch('oauth/authorize?client_id=x');
      await fetch('config.json', { cache: 'no-cache' });
      await fetch('manifest.webmanifest');
    }, sim.url);
    await page.goto(`${app.url}data/sleep`);
    await appReady(page);
    assert.equal(viaWorker.get(`auth ${sim.url}/v2/usercollection/personal_info`), false, 'cross-origin API: untouched');
    assert.equal(viaWorker.get(`auth ${app.url}manifest.webmanifest`), false, 'Authorization: untouched');
    assert.equal(viaWorker.get(`${app.url}oauth/authorize?client_id=x`), false, '/oauth: untouched');
    assert.equal(viaWorker.get(`${app.url}config.json`), true, 'config.json: through the worker');
    assert.equal(viaWorker.get(`${app.url}manifest.webmanifest`), true, 'a shell file: from the worker');

    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const key of await caches.keys()) {
        for (const req of await (await caches.open(key)).keys()) urls.push(req.url);
      }
      return urls.sort();
    });
    const build = JSON.parse(fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8').match(/^const BUILD = (\{.*\});/m)[1]);
    const expected = [...build.files.map((f) => new URL(f, app.url).href), `${app.url}config.json`].sort();
    assert.deepEqual(cached, expected, 'exactly the shell and config.json');
    assert.ok(build.files.some((f) => f.endsWith('_bg.wasm')) && build.files.some((f) => /^healthhub-[0-9a-f]{16}\.js$/.test(f)), 'the hashed build files are precached');
    assert.ok(build.files.some((f) => /^split_settings_page-[0-9a-f]{16}\.wasm$/.test(f)) && build.files.some((f) => /^split_load_ja-[0-9a-f]{16}\.wasm$/.test(f)), 'the modules loaded on first use are precached too (Settings, Japanese text: offline)');
    assert.deepEqual(violations, []);
  } finally {
    await context.close();
  }
});

test('airplane mode: with the network and the simulator gone, the app opens on every page with the offline banner', async () => {
  // Its own simulator and server, both stopped below (the other tests keep theirs).
  const offlineSim = await startSim();
  const cfg = path.join(tmp, 'offline-config.json');
  fs.writeFileSync(cfg, JSON.stringify(simConfig(offlineSim)));
  const server = await startStaticServer({ root: DIST, configFile: cfg });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 } });
  const violations = await watchCsp(context);
  try {
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(server.url);
    await appReady(page);
    await controlled(page);
    assert.equal(await page.getByText(OFFLINE_TEXT).count(), 0, 'no offline banner while online');

    await context.setOffline(true);
    await page.getByText(OFFLINE_TEXT).waitFor(); // the `offline` event shows it at once
    await offlineSim.stop();
    await server.close();
    // Not even the app's own server answers now: only the service worker can.
    await assert.rejects(fetch(server.url), 'the app server is down');

    await page.reload();
    await appReady(page);
    await page.getByText(OFFLINE_TEXT).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'config.json came from the cache: no configuration problem');

    const heading = async () => ((await page.locator('main h1').first().textContent()) ?? '').trim();
    const visit = async (name) => {
      await page.waitForFunction(() => (document.querySelector('main h1')?.textContent ?? '').trim() !== '');
      assert.ok((await heading()).length > 0, `${name}: a heading, not a blank page`);
      assert.ok(await page.getByText(OFFLINE_TEXT).isVisible(), `${name}: the offline banner`);
    };
    await visit('Today');
    const nav = page.locator('nav.bottom-nav');
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings$/);
    await visit('Settings');
    await nav.getByRole('link', { name: 'All data' }).click();
    await page.waitForURL(/\/data$/);
    await visit('All data');
    for (const endpoint of ENDPOINTS) {
      await page.locator(`main a[href="/data/${endpoint}"]`).click();
      await page.waitForURL(new RegExp(`/data/${endpoint}$`));
      await visit(endpoint);
      await page.goBack();
      await page.waitForURL(/\/data$/);
    }
    // A deep link typed while offline: the worker answers with the app.
    await page.goto(`${server.url}data/sleep`);
    await appReady(page);
    await visit('deep link /data/sleep');
    await nav.getByRole('link', { name: 'Today' }).click();
    await visit('Today again');

    // Back online: the banner goes away.
    await context.setOffline(false);
    await page.getByText(OFFLINE_TEXT).waitFor({ state: 'detached' });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
    await offlineSim.stop(); // (again, if the test failed early: a running child would keep the runner alive)
  }
});

test('a new build waits for the user: "Update available — Reload" switches to it and old caches are removed', async () => {
  // A copy of dist/ whose sw.js we can change, as a new deployment would.
  const root = path.join(tmp, 'update-dist');
  fs.cpSync(DIST, root, { recursive: true });
  const server = await startStaticServer({ root, configFile });
  const context = await browser.newContext({ locale: 'en-US' });
  const violations = await watchCsp(context);
  try {
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(server.url);
    await appReady(page);
    await controlled(page);
    const swFile = path.join(root, 'sw.js');
    const sw = fs.readFileSync(swFile, 'utf8');
    const oldVersion = sw.match(/"version":"([0-9a-f]+)"/)[1];
    const cacheKeys = () => page.evaluate(() => caches.keys());
    assert.ok((await cacheKeys()).some((k) => k.endsWith(`:${oldVersion}`)), 'the shell is cached under its version');
    assert.equal(await page.getByRole('button', { name: 'Reload' }).count(), 0, 'no update offered yet');

    const newVersion = 'feedfacecafe0001';
    fs.writeFileSync(swFile, sw.replace(`"version":"${oldVersion}"`, `"version":"${newVersion}"`));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: 'Update available' });
    await banner.waitFor();
    // Still the old worker until the user chooses.
    assert.ok((await cacheKeys()).some((k) => k.endsWith(`:${oldVersion}`)));

    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await appReady(page);
    await controlled(page);
    await page.waitForFunction((v) => caches.keys().then((ks) => ks.some((k) => k.endsWith(`:${v}`))), newVersion);
    const keys = await cacheKeys();
    assert.ok(!keys.some((k) => k.endsWith(`:${oldVersion}`)), `old shell cache removed: ${keys}`);
    assert.equal(await page.getByText('Update available').count(), 0, 'the banner is gone after the switch');
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
