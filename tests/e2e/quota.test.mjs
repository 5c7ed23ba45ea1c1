// A full disk is a message, not corruption; and Settings shows the storage. With a
// quota just above what the device uses (Chromium's `Storage.overrideQuotaForOrigin`),
// a sync of more data stops with "Your device is out of space for healthHub: N MB used
// of M MB …" and the real figures, everything stored before is still there and
// readable, an import is refused as a whole (one transaction: nothing changes), and once
// the space is back "Sync now" resumes to the full data. The storage card shows use,
// quota and persistence at 360 px without overflow, and passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, watchConsole } from './lib/browser.mjs';
import { COLLECTIONS, documentTexts, exportFromSettings } from './lib/export.mjs';
import { journeys, signIn, waitForSyncComplete, openSettings, SYNC_COMPLETE } from './lib/journey.mjs';
import { SIM_BIN } from './lib/sim.mjs';
import { axe, noOverflow } from './lib/view.mjs';

const j = journeys('quota');

// 30 days with dense heart rate; heart rate is refused (403) for the first sync, so the
// second one has plenty more to write.
const DATA = ['--days', '30', '--end-date', '2026-11-20', '--seed', '3'];
const HR_PER_DAY = '12000';
// Room for the documents' trailing windows (well under 1 MB as Chromium counts writes)
// and part of heart rate: at ≈ 2 bytes a sample its day records are small, but each is
// written again with every page of 1,000 samples (12 a day), which needs several MB: the
// disk fills up in the middle of it.
const HEADROOM = 2e6;

const OUT_OF_SPACE = /^Your device is out of space for healthHub: ([\d.,]+) (KB|MB|GB) used of ([\d.,]+) (KB|MB|GB)\. Free some space on the device, then sync again — everything already saved is kept\.$/;

/// `12.4 MB` → bytes (decimal units, as the app writes them).
const bytes = (value, unit) => Number(value.replace(/,/g, '')) * { KB: 1e3, MB: 1e6, GB: 1e9 }[unit];

/// The storage card's record counts by collection (the table lists the 19 endpoints
/// in the endpoint table's order, which is the export's).
async function counts(page) {
  const rows = page.locator('.storage-card .storage-counts tbody tr');
  await rows.first().waitFor();
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th').innerText, tr.querySelector('td').innerText]));
  assert.equal(cells.length, 19, 'one row per endpoint');
  assert.equal(cells[COLLECTIONS.indexOf('heartrate')][0], 'Heart rate');
  const out = {};
  COLLECTIONS.forEach((name, i) => { out[name] = Number(cells[i][1].replace(/,/g, '')); });
  const total = Number((await page.locator('.storage-counts tfoot td').innerText()).replace(/,/g, ''));
  assert.equal(total, Object.values(out).reduce((a, b) => a + b, 0), 'the total is the sum of the rows');
  return out;
}

/// A browser on the profile directory `dir` (kept between launches), at 360 px.
function openProfile(dir) {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    acceptDownloads: true,
    bypassCSP: true,
    viewport: { width: 360, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function usage(page) {
  return page.evaluate(async () => {
    const e = await navigator.storage.estimate();
    return { usage: e.usage, quota: e.quota };
  });
}

async function goToday(page) {
  await page.getByRole('link', { name: 'Today' }).first().click();
  await page.getByRole('button', { name: 'Sync now' }).waitFor();
}

test('a full disk stops the sync with the figures, loses nothing, refuses an import whole; with space back the sync resumes', async () => {
  const { sim, app } = await j.setup([...DATA, '--hr-per-day', HR_PER_DAY, '--forbid', 'heartrate'], { small: false });
  const expected = await (await fetch(`${sim.url}/__sim/export`)).json();
  // A profile on disk: Chromium applies a quota override to the origin's IndexedDB only
  // until its first write (it then grants the space left and counts down), so the
  // override is set in a second session of the same profile, before the app opens.
  const profile = path.join(j.tmp, 'profile');
  let context = await openProfile(profile);
  let page = context.pages()[0] ?? (await context.newPage());
  let errors = watchConsole(page);
  await signIn(page, app);
  await waitForSyncComplete(page);

  // The storage card: use and quota, persistence, counts; at 360 px, no overflow, axe.
  await openSettings(page);
  const card = page.locator('.storage-card');
  await card.getByRole('heading', { name: 'Storage on this device' }).waitFor();
  const used = card.locator('.storage-use');
  await used.waitFor();
  assert.match(await used.innerText(), /^[\d.,]+ (KB|MB|GB) of [\d.,]+ (KB|MB|GB) used$/);
  const persisted = card.locator('.storage-persisted');
  await persisted.waitFor();
  const protectedText = await persisted.innerText();
  assert.match(protectedText, /^(Protected|Not protected): /);
  if (protectedText.startsWith('Not protected')) {
    await card.getByRole('button', { name: 'Keep my data on this device' }).click();
    await card.getByRole('status').filter({ hasText: /^(Done: the browser will keep|The browser did not allow it)/ }).waitFor();
  }
  await card.locator('meter').waitFor();
  await noOverflow(page, 'settings with the storage card');
  await axe(page, 'settings with the storage card');
  const before = await counts(page);
  assert.equal(before.heartrate, 0, 'heart rate was refused in the first sync');
  for (const name of COLLECTIONS.filter((c) => c !== 'heartrate')) {
    assert.equal(before[name], expected.collections[name].length, `${name} synced fully`);
  }
  const beforeDocs = documentTexts((await exportFromSettings(page)).text);

  // (The browser logs the 403 of the refused heart rate.)
  assert.deepEqual(errors.filter((e) => !/status of 403 .*\/heartrate\?/.test(e)), []);
  await context.close();

  // A quota just above the current use; heart rate is given now: far more to store.
  context = await openProfile(profile);
  page = context.pages()[0] ?? (await context.newPage());
  errors = watchConsole(page);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(app.url).origin;
  const start = await cdp.send('Storage.getUsageAndQuota', { origin });
  const quotaSize = start.usage + HEADROOM;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Sync now' }).waitFor();
  const forced = await cdp.send('Storage.getUsageAndQuota', { origin });
  assert.ok(forced.overrideActive && forced.quota === quotaSize, `the override is in force: ${JSON.stringify(forced)}`);
  await sim.configure({ forbid: [] });
  await goToday(page);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const outcome = page.locator('.sync-outcome-bad');
  await outcome.waitFor({ timeout: 180000 });
  const text = await outcome.innerText();
  const m = text.match(OUT_OF_SPACE);
  assert.ok(m, `the out-of-space message with figures: ${text}`);
  console.log(`# ${text}`);
  // N and M are the browser's own figures (navigator.storage.estimate(); Chromium
  // reports its quota as the use plus at most 10 GiB, whatever the override).
  const now = await usage(page);
  const [usedBytes, quotaBytes] = [bytes(m[1], m[2]), bytes(m[3], m[4])];
  const close = (a, b, unit) => Math.abs(a - b) <= { KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 }[unit] * 0.1;
  assert.ok(usedBytes >= start.usage * 0.9 && close(usedBytes, now.usage, m[2]) || usedBytes <= now.usage, `N is the use when it happened: ${m[1]} ${m[2]} (now ${now.usage}, before ${start.usage})`);
  assert.ok(close(quotaBytes, now.quota, m[4]), `M is the browser's quota: ${m[3]} ${m[4]} (now ${now.quota})`);
  assert.ok(!(await page.getByText(SYNC_COMPLETE).isVisible()));

  // The same in Japanese (the message follows the language).
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.locator('#language').selectOption('ja');
  await page.getByRole('link', { name: '今日' }).first().click();
  await page.locator('.sync-outcome-bad').getByText(/^端末の空き容量が足りないため、healthHub が保存できません（使用 [\d.,]+ (KB|MB|GB)／上限 [\d.,]+ (KB|MB|GB)）。端末の空き容量を増やしてから、もう一度同期してください。保存済みのデータはすべて残っています。$/).waitFor();
  await page.getByRole('link', { name: '設定' }).first().click();
  await page.locator('#language').selectOption('en');

  // Nothing stored before was lost: counts at least as before, every earlier document
  // still there and readable, and the pages still show the data.
  await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
  const afterFull = await counts(page);
  for (const name of COLLECTIONS) {
    assert.ok(afterFull[name] >= before[name], `${name}: ${afterFull[name]} ≥ ${before[name]}`);
  }
  // The disk filled up part-way through heart rate: the pages before it are kept.
  assert.ok(afterFull.heartrate > 0 && afterFull.heartrate < expected.collections.heartrate.length, `heart rate samples stored before the disk was full: ${afterFull.heartrate}`);
  const afterDocs = documentTexts((await exportFromSettings(page)).text);
  for (const name of COLLECTIONS.filter((c) => c !== 'heartrate')) {
    const have = new Set(afterDocs[name]);
    const lost = beforeDocs[name].filter((d) => !have.has(d));
    assert.equal(lost.length, 0, `${name}: ${lost.length} documents lost, e.g. ${lost[0]?.slice(0, 200)}`);
  }
  await page.goto(`${app.url}data/daily_sleep`);
  await page.locator('main .endpoint-status').getByText(`${before.daily_sleep} records on this device`).waitFor();

  // An import under the tiny quota is refused with the message and changes nothing.
  const bigger = path.join(j.tmp, 'bigger-export.json');
  execFileSync(SIM_BIN, ['--write-export', bigger, '--days', '120', '--end-date', '2026-11-20', '--seed', '3', '--hr-per-day', '300'], { stdio: 'ignore' });
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
  await page.locator('input[type=file]').setInputFiles(bigger);
  const alert = page.getByRole('alert').filter({ hasText: /out of space/ });
  await alert.waitFor({ timeout: 60000 });
  assert.match(await alert.innerText(), OUT_OF_SPACE);
  assert.deepEqual(await counts(page), afterFull, 'the refused import changed nothing');

  // Space is back: "Sync now" resumes and reaches the full data.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await goToday(page);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await waitForSyncComplete(page, 180000);
  await openSettings(page);
  const full = await counts(page);
  for (const name of COLLECTIONS) {
    assert.equal(full[name], expected.collections[name].length, `${name}: every document after the resumed sync`);
  }
  const used2 = await page.locator('.storage-card .storage-use').innerText();
  assert.match(used2, /^[\d.,]+ (KB|MB|GB) of [\d.,]+ (KB|MB|GB) used$/);
  assert.deepEqual(errors.filter((e) => !/QuotaExceeded|quota/i.test(e)), []);
  await context.close();
});

test('without navigator.storage the card says the figures are not available, and the app works', async () => {
  const { app } = await j.setup(['--days', '3', '--end-date', '2026-11-20', '--hr-per-day', '24'], { small: false });
  const context = await j.browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 800 } });
  await context.addInitScript(() => { delete Navigator.prototype.storage; });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await page.goto(`${app.url}settings`);
  const card = page.locator('.storage-card');
  await card.getByText('How much storage healthHub uses is not available in this browser.').waitFor();
  await card.getByText('Whether the browser protects this data is not available in this browser.').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Keep my data on this device' }).count(), 0);
  assert.equal(await page.evaluate(() => typeof navigator.storage), 'undefined');
  // Signing in and syncing still work; the counts fill in.
  await signIn(page, app);
  await waitForSyncComplete(page);
  await openSettings(page);
  assert.ok((await counts(page)).daily_sleep > 0);
  await noOverflow(page, 'settings without navigator.storage');
  assert.deepEqual(errors, []);
  await context.close();
});
