// Offline with data (issue #6): sign in, sync, then go offline with the simulator and
// the app's server gone. The app reloads from the service worker, shows the synced
// data on every page with the offline banner, and "Export data" still produces the
// full export. Back online (servers up again), a sync runs by itself.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { startSim, simConfig } from './lib/sim.mjs';
import { assertSameData, exportFromSettings } from './lib/export.mjs';
import { DIST } from './lib/paths.mjs';

const OFFLINE_TEXT = 'You are offline — showing data saved on this device.';
const DAY = '2026-11-15';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-offline-'));
let browser;

after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('offline after a sync: every page shows the saved data, Export works; back online a sync runs by itself', async () => {
  browser = await launch();
  let sim = await startSim(['--auto-approve']);
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  let app = await startStaticServer({ root: DIST, configFile: config });
  const expected = await (await fetch(`${sim.url}/__sim/export`)).json();
  const readiness = expected.collections.daily_readiness.find((d) => d.day === DAY);
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 }, acceptDownloads: true });
  try {
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(app.url);
    await appReady(page);
    await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
    await page.getByRole('button', { name: 'Sign in with Oura' }).click();
    await page.getByText('Sync complete: everything on this device is up to date.').waitFor({ timeout: 120000 });
    // The worker is active with its precache (it may not control this very page: it can
    // activate while the sign-in redirect loads it; every later navigation goes through it).
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready)?.active?.state === 'activated', null, { timeout: 20000 });

    // The simulator keeps tokens in memory: its restart below must accept this one.
    const token = JSON.parse(await page.evaluate(() => localStorage.getItem('healthhub.session'))).token;
    // Airplane mode: no network, and neither the simulator nor the app server exist.
    await context.setOffline(true);
    await sim.stop();
    await app.close();
    await page.goto(`${app.url}?day=${DAY}`);
    await appReady(page);
    await page.getByText(OFFLINE_TEXT).waitFor();
    // Today shows the saved readiness score of that day.
    const scores = page.locator('main');
    await scores.getByText(String(readiness.score), { exact: true }).first().waitFor();
    for (const p of ['data/daily_sleep', 'data/sleep', 'data/daily_readiness', 'data/daily_activity', 'data/heartrate', 'data', 'settings']) {
      await page.goto(`${app.url}${p}?day=${DAY}`);
      await appReady(page);
      await page.getByText(OFFLINE_TEXT).waitFor();
      const h1 = (await page.locator('main h1').first().textContent())?.trim();
      assert.ok(h1, `${p} renders offline`);
    }
    await page.goto(`${app.url}data/heartrate`);
    await appReady(page);
    await page.locator('main .endpoint-status').getByText(/[1-9][\d,]* records on this device/).waitFor();

    await page.goto(`${app.url}settings`);
    await appReady(page);
    await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
    assertSameData((await exportFromSettings(page)).data, expected);

    // Back online, at the same addresses: a sync starts by itself.
    await page.locator('nav.bottom-nav a', { hasText: 'Today' }).click();
    await page.locator('main h1', { hasText: 'Today' }).waitFor();
    sim = await startSim(['--auto-approve', '--token', token], { port: sim.port });
    app = await startStaticServer({ root: DIST, configFile: config, port: app.port });
    await context.setOffline(false);
    await page.getByText(OFFLINE_TEXT).waitFor({ state: 'detached' });
    const deadline = Date.now() + 30000;
    while ((await sim.stats()).total === 0) {
      assert.ok(Date.now() < deadline, 'no request reached Oura after coming back online');
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.getByText('Sync complete: everything on this device is up to date.').waitFor({ timeout: 60000 });
    assert.deepEqual(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED') && !e.includes('Failed to load resource')), []);
  } finally {
    await context.close();
    await app.close().catch(() => {});
    await sim.stop().catch(() => {});
  }
});
