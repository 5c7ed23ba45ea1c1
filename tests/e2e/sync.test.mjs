// The offline store and the sync engine against the simulator: the first sync takes all
// history, a reload mid-sync resumes to the same final state, a second sync asks only
// the trailing window, "Export data" equals the simulator's data (every document once,
// unaltered), an import into a fresh profile reproduces it, and a sync under faults
// (5xx, truncated bodies, 429) still ends with exactly the source data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appReady, watchConsole } from './lib/browser.mjs';
import { assertSameData, exportFromSettings } from './lib/export.mjs';
import { journeys, signIn, waitForSyncComplete, openSettings } from './lib/journey.mjs';

const j = journeys('sync');
const tmp = j.tmp;

/// A simulator and the app; `expected` is the simulator's data.
async function setup(simArgs = []) {
  const { sim, app } = await j.setup(simArgs);
  const expected = await (await fetch(`${sim.url}/__sim/export`)).json();
  return { sim, app, expected };
}

test('first sync takes all history; export equals the source; import reproduces it in a fresh profile', async () => {
  const { sim, app, expected } = await setup();
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, app);
  await waitForSyncComplete(page);

  await openSettings(page);
  const exported = await exportFromSettings(page);
  assert.match(exported.name, /^healthhub-export-\d{4}-\d{2}-\d{2}\.json$/);
  assertSameData(exported.data, expected);
  assert.ok(!JSON.stringify(exported.data).includes('healthhub-dev-token'), 'no token in the export');
  const session = JSON.parse(await page.evaluate(() => localStorage.getItem('healthhub.session')));
  assert.ok(!JSON.stringify(exported.data).includes(session.token), 'the token is never exported');
  assert.deepEqual(errors, []);

  // A fresh profile, never signed in, imports the file and exports the same data.
  const file = path.join(tmp, exported.name);
  fs.writeFileSync(file, JSON.stringify(exported.data));
  const fresh = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page2 = await fresh.newPage();
  await page2.goto(`${app.url}settings`);
  await appReady(page2);
  await page2.getByRole('heading', { name: 'Data on this device' }).waitFor();
  await page2.locator('input[type=file]').setInputFiles(file);
  const outcome = page2.locator('.sync-outcome').first();
  await outcome.waitFor({ timeout: 60000 });
  assert.match(await outcome.innerText(), /^Imported [\d,]+ records/);
  const reexported = await exportFromSettings(page2);
  assertSameData(reexported.data, expected);

  // Import refuses anything else, with a clear message, and keeps the data.
  const bogus = path.join(tmp, 'not-an-export.json');
  fs.writeFileSync(bogus, JSON.stringify({ hello: 'world' }));
  await page2.locator('input[type=file]').setInputFiles(bogus);
  await page2.getByRole('alert').filter({ hasText: /healthhub-export|format/ }).waitFor();
  assertSameData((await exportFromSettings(page2)).data, expected);
  await fresh.close();
  await context.close();
  void sim;
});

test('a reload mid-sync resumes to the same final state; a second sync asks only the trailing window', async () => {
  const { sim, app, expected } = await setup(['--latency-ms', '300', '--page-size', '4', '--hr-page-size', '300']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app);
  // Wait until part of the data is written, then reload in the middle of the sync.
  await page.waitForFunction(() => /Syncing: [1-9]\d* of 19/.test(document.body.innerText), null, { timeout: 60000 });
  const before = await sim.stats();
  assert.ok(before.total > 0);
  await page.reload();
  await appReady(page);
  await waitForSyncComplete(page, 180000);
  await openSettings(page);
  assertSameData((await exportFromSettings(page)).data, expected);

  // Second sync: only the trailing window of every endpoint.
  const urls = [];
  page.on('request', (r) => { if (r.url().startsWith(sim.url)) urls.push(new URL(r.url())); });
  await page.getByRole('link', { name: 'Today' }).first().click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await waitForSyncComplete(page);
  const today = new Date();
  const floor = new Date(today.getTime() - 10 * 86400000).toISOString().slice(0, 10);
  const docRequests = urls.filter((u) => u.searchParams.has('start_date'));
  assert.ok(docRequests.length >= 14, `document endpoints asked: ${docRequests.length}`);
  for (const u of docRequests) {
    assert.ok(u.searchParams.get('start_date') >= floor, `${u.pathname} asked from ${u.searchParams.get('start_date')}`);
  }
  const hr = urls.filter((u) => u.pathname.endsWith('/heartrate') && u.searchParams.has('start_datetime'));
  assert.ok(hr.length >= 1);
  for (const u of hr) {
    assert.ok(u.searchParams.get('start_datetime').slice(0, 10) >= floor, `heartrate from ${u.searchParams.get('start_datetime')}`);
  }
  assertSameData((await (async () => { await openSettings(page); return (await exportFromSettings(page)).data; })()), expected);
  await context.close();
});

test('under 5xx, truncated bodies and 429s the final export still equals the source', async () => {
  const { sim, app, expected } = await setup(['--fail-rate', '0.15', '--truncate-rate', '0.1', '--rate-limit', '15', '--page-size', '6']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app);
  // A sync may end partial when retries run out; "Sync now" resumes until complete.
  for (let attempt = 0; attempt < 6; attempt++) {
    const done = await Promise.race([
      page.getByText('Sync complete: everything on this device is up to date.').waitFor({ timeout: 120000 }).then(() => true),
      page.getByText(/kinds of data could not be synced/).waitFor({ timeout: 120000 }).then(() => false),
    ]);
    if (done) break;
    await page.getByRole('button', { name: 'Sync now' }).click();
  }
  await waitForSyncComplete(page);
  const stats = await sim.stats();
  const statuses = Object.keys(stats.by_status);
  assert.ok(statuses.some((s) => s.startsWith('5')), `5xx were injected: ${statuses}`);
  await openSettings(page);
  assertSameData((await exportFromSettings(page)).data, expected);
  await context.close();
});

test('an endpoint Oura refuses (403) is marked unavailable with the reason, and the rest syncs', async () => {
  const { app, expected } = await setup(['--forbid', 'daily_stress']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app);
  await waitForSyncComplete(page);
  await page.goto(`${app.url}data/daily_stress`);
  await appReady(page);
  const status = page.locator('main .endpoint-status');
  await status.getByText(/Not available \(Oura says: “.+”\)/).waitFor();
  assert.match(await status.innerText(), /0 records on this device/);
  // In Japanese, Oura's own words are framed in Japanese.
  await page.evaluate(() => localStorage.setItem('healthhub.lang', 'ja'));
  await page.reload();
  await appReady(page);
  await status.getByText(/利用できません/).waitFor();
  assert.match(await status.innerText(), /利用できません（Oura からの説明：「Access forbidden: .+」）/);
  await page.evaluate(() => localStorage.removeItem('healthhub.lang'));
  await page.goto(`${app.url}settings`);
  await appReady(page);
  const row = page.locator('.status-list li', { hasText: 'Stress' }).first();
  await row.getByText(/Not available/).waitFor();
  const exported = (await exportFromSettings(page)).data;
  assert.equal(exported.collections.daily_stress.length, 0);
  assert.ok(expected.collections.daily_stress.length > 0, 'the simulator has stress data it refuses to give');
  exported.collections.daily_stress = expected.collections.daily_stress;
  assertSameData(exported, expected);
  await context.close();
});

test('an API without CORS headers (as the real Oura) is explained with the fix, and nothing is lost', async () => {
  const { app } = await setup(['--no-cors']);
  const context = await j.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, app);
  const outcome = page.locator('.sync-outcome-bad');
  await outcome.waitFor({ timeout: 120000 });
  const text = await outcome.innerText();
  assert.match(text, /19 kinds of data could not be synced/);
  assert.match(text, /blocked the request to Oura \(CORS\)/);
  assert.match(text, /same-origin path \(api_base like \/oura-api\): see the README section Deploy/);
  await context.close();
});
