// Code loaded on first use (the release build's wasm-split modules): when a module
// cannot be fetched (offline before the service worker cached it, or the site was
// updated and the old module is gone), the app says so, keeps working and loads it on
// "Try again"; a sync whose module is missing says why and starts once it arrives; a
// slow module shows "Loading…" meanwhile; English users never download the Japanese text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { launch, appReady } from './lib/browser.mjs';
import { startSim, simConfig } from './lib/sim.mjs';
import { DIST } from './lib/paths.mjs';

let browser;
const cleanup = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-lazy-'));

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const c of cleanup.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/// The simulator, the app and a page whose requests for modules matching `pattern`
/// fail while `blocked.on`; `crashes` collects uncaught page errors.
async function startBlocking(pattern) {
  const sim = await startSim(['--auto-approve']);
  cleanup.push(() => sim.stop());
  const config = path.join(tmp, `config-${sim.port}.json`);
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  const app = await startStaticServer({ root: DIST, configFile: config });
  cleanup.push(() => app.close());
  // No service worker: it would precache every module at once and hide the failure.
  const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  cleanup.push(() => context.close());
  const blocked = { on: true, hits: 0 };
  await context.route(pattern, (route) => {
    if (blocked.on) {
      blocked.hits += 1;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  const page = await context.newPage();
  const crashes = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await page.goto(app.url);
  await appReady(page);
  return { sim, app, page, blocked, crashes };
}

test('a page whose module cannot be fetched says so, the app keeps working, and "Try again" loads it', async () => {
  const { page, blocked, crashes } = await startBlocking(/split_settings_page[^/]*\.wasm$/);
  await page.getByRole('link', { name: 'Settings' }).first().click();
  const alert = page.getByRole('alert').filter({ hasText: 'This page could not be loaded' });
  await alert.waitFor();
  assert.ok(blocked.hits > 0, 'the Settings module was requested');
  assert.deepEqual(crashes, [], 'no crash: the failure is handled');

  // The rest of the app still works.
  await page.getByRole('link', { name: 'Today' }).first().click();
  await page.locator('main h1', { hasText: 'Today' }).waitFor();
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await alert.waitFor();

  // Back online: "Try again" fetches the module and shows the page.
  blocked.on = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('main h1', { hasText: 'Settings' }).waitFor();
  assert.equal(await alert.count(), 0);
  assert.deepEqual(crashes, []);
});

test('a sync whose module cannot be fetched says why, and runs once the module arrives', async () => {
  const { sim, app, page, blocked, crashes } = await startBlocking(/split_sync_run[^/]*\.wasm$/);
  await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
  await page.getByRole('button', { name: 'Sign in with Oura' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url) && !u.href.includes('oauth'));
  await appReady(page);
  await page.getByText('The sync could not start: a part of healthHub could not be loaded').waitFor();
  assert.ok(blocked.hits > 0, 'the sync module was requested');
  const stats = await sim.stats();
  const apiCalls = Object.keys(stats.by_route).filter((r) => r.startsWith('/v2/'));
  assert.deepEqual(apiCalls, [], 'nothing was asked of the API');
  assert.deepEqual(crashes, []);

  blocked.on = false;
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByText('Sync complete: everything on this device is up to date.').waitFor({ timeout: 120000 });
  assert.deepEqual(crashes, []);
});

test('while a page module is on its way, the page says "Loading…"', async () => {
  const { page, blocked } = await startBlocking(/split_data_index_page[^/]*\.wasm$/);
  blocked.on = false;
  let release;
  const arrived = new Promise((resolve) => { release = resolve; });
  await page.context().route(/split_data_index_page[^/]*\.wasm$/, async (route) => {
    await arrived; // a slow network: the module comes when the test says so
    return route.fallback();
  });
  await page.goto(new URL('data', page.url()).href);
  await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
  release();
  await page.locator('main h1', { hasText: 'All data' }).waitFor();
  assert.equal(await page.getByRole('status').filter({ hasText: 'Loading…' }).count(), 0);
});

test('the Japanese text is fetched only by a Japanese UI', async () => {
  const app = await startStaticServer({ root: DIST });
  cleanup.push(() => app.close());
  for (const [locale, wantsJa, heading] of [['en-US', false, 'Today'], ['ja-JP', true, '今日']]) {
    const context = await browser.newContext({ locale, serviceWorkers: 'block' });
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(app.url);
    await appReady(page);
    await page.locator('main h1', { hasText: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(fetched.some((p) => /split_load_ja[^/]*\.wasm$/.test(p)), wantsJa, `${locale}: ${fetched.join(' ')}`);
    await context.close();
  }
});
