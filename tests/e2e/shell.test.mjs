// The app shell: renders on a phone and a desktop with no console error, every page is
// reachable from the navigation, unknown addresses get "Page not found", the UI follows
// the browser language, and a bad config.json is explained on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { DIST } from './lib/paths.mjs';

const ENDPOINTS = [
  'daily_sleep', 'sleep', 'daily_readiness', 'daily_activity', 'workout', 'session',
  'daily_stress', 'daily_resilience', 'daily_cardiovascular_age', 'daily_spo2', 'vO2_max',
  'heartrate', 'sleep_time', 'tag', 'enhanced_tag', 'personal_info', 'ring_configuration',
  'rest_mode_period',
];

let browser;
let server;
let placeholderServer;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-shell-'));

before(async () => {
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify({
    client_id: 'healthhub-dev',
    authorize_url: 'http://127.0.0.1:9/oauth/authorize',
    api_base: 'http://127.0.0.1:9',
  }));
  server = await startStaticServer({ root: DIST, configFile: config });
  // dist/ as built: ships public/config.json with the placeholder client id.
  placeholderServer = await startStaticServer({ root: DIST });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await placeholderServer?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function heading(page) {
  return (await page.locator('main h1').first().textContent())?.trim();
}

for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`${name} ${viewport.width}×${viewport.height}: every nav entry is reachable, no console error`, async () => {
    const context = await browser.newContext({ viewport, locale: 'en-US' });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(server.url);
    await appReady(page);
    assert.equal(await heading(page), 'Today');
    assert.equal(await page.title(), 'Today · healthHub');

    const phone = viewport.width <= 600;
    const nav = page.locator(phone ? 'nav.bottom-nav' : 'nav.side-nav');
    const other = page.locator(phone ? 'nav.side-nav' : 'nav.bottom-nav');
    assert.ok(await nav.isVisible(), 'the navigation for this width is visible');
    assert.ok(!(await other.isVisible()), 'the other navigation is hidden');

    const visited = new Set();
    const entries = await nav.locator('a').all();
    for (const link of entries) {
      const label = (await link.innerText()).trim();
      await link.click();
      await page.waitForFunction((l) => document.querySelector('main h1')?.textContent.trim() !== '' &&
        document.querySelector(`a[aria-current="page"]`) !== null, label);
      assert.equal(await link.getAttribute('aria-current'), 'page', `${label} marked current`);
      const h1 = await heading(page);
      assert.ok(h1 && h1.length > 0, `${label} shows a heading`);
      visited.add(new URL(page.url()).pathname);
      // Touch targets of the navigation are at least 44 px tall.
      const box = await link.boundingBox();
      assert.ok(box.height >= 44, `${label} is ${box.height}px tall`);
    }

    if (phone) {
      // The phone reaches the 19 endpoint pages through "All data".
      await nav.getByRole('link', { name: 'All data' }).click();
      await page.waitForURL(/\/data$/);
      for (const endpoint of ENDPOINTS) {
        const card = page.locator(`main a[href="/data/${endpoint}"]`);
        const title = (await card.locator('.card-link-title').innerText()).trim();
        await card.click();
        await page.waitForURL(new RegExp(`/data/${endpoint}$`));
        assert.equal(await heading(page), title);
        visited.add(`/data/${endpoint}`);
        await page.goBack();
        await page.waitForURL(/\/data$/);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 360, `no horizontal scrolling at 360 px (scrollWidth ${overflow})`);
    }

    for (const endpoint of ENDPOINTS) {
      assert.ok(visited.has(`/data/${endpoint}`), `${endpoint} reachable from the navigation`);
    }
    assert.ok(visited.has('/') && visited.has('/settings'), 'Today and Settings reachable');
    // Pages say honestly that nothing is synced yet (no fake data).
    await page.goto(`${server.url}data/heartrate`);
    await appReady(page);
    assert.equal(await heading(page), 'Heart rate');
    await page.locator('main').getByText('This day has not been synced to this device yet.').first().waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /bpm/, 'no value without data');
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });
}

test('an unknown address shows "Page not found" with a way back', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  const errors = watchConsole(page);
  await page.goto(`${server.url}data/not_an_endpoint`);
  await appReady(page);
  assert.equal(await heading(page), 'Page not found');
  await page.getByRole('link', { name: 'Go to Today' }).click();
  await page.waitForURL(server.url);
  assert.equal(await heading(page), 'Today');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the UI follows a Japanese browser, and Settings switches language and remembers it', async () => {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  assert.equal(await heading(page), '今日');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  await page.locator('nav.bottom-nav a', { hasText: '設定' }).click();
  await page.locator('select#language').selectOption('en');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Settings');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.reload();
  await appReady(page);
  assert.equal(await heading(page), 'Settings', 'the choice survives a reload');
  await context.close();
});

test('the shipped placeholder config.json is explained on screen with the fix', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  const errors = watchConsole(page);
  await page.goto(placeholderServer.url);
  await appReady(page);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /cannot connect to Oura yet/);
  assert.match(text, /placeholder client_id/);
  assert.match(text, /put its client id into config\.json/);
  assert.deepEqual(errors, []);
  await page.close();
});
