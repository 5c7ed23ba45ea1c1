// "Try the demo" on a static server alone: no simulator, no client id (dist/ as built,
// with the placeholder config.json). The demo fills every page from the demo export the
// build ships, says "Demo data" everywhere, keeps the sync off, and "Leave the demo"
// returns to the user's own profile exactly as it was (empty, or with its data).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { DIST } from './lib/paths.mjs';
import { SIM_BIN } from './lib/sim.mjs';
import { COLLECTIONS, assertSameText, exportFromSettings } from './lib/export.mjs';
import { noOverflow, axe } from './lib/view.mjs';

let browser;
let server;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-demo-'));

before(async () => {
  server = await startStaticServer({ root: DIST });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/// The 19 record counts of Settings' status list, by title: read in one go, once two
/// reads a moment apart agree (the list is drawn, then its counts arrive from the store).
async function counts(page) {
  await page.goto(`${server.url}settings`);
  await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
  const read = () => page.evaluate(() => JSON.stringify([...document.querySelectorAll('.status-list li')].map((li) => [
    li.querySelector('.status-title')?.textContent.trim() ?? '',
    Number((li.querySelector('.status-count')?.textContent ?? '').replace(/,/g, '').match(/\d+/)?.[0] ?? NaN),
  ])));
  let last = '';
  for (let i = 0; i < 100; i++) {
    const now = await read();
    const rows = JSON.parse(now);
    if (now === last && rows.length === 19 && rows.every(([t, n]) => t && Number.isFinite(n))) {
      return Object.fromEntries(rows);
    }
    last = now;
    await page.waitForTimeout(200);
  }
  throw new Error(`the status list did not settle: ${last}`);
}

async function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
}

const banner = (page) => page.locator('.banner-demo');

async function tryDemo(page) {
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await banner(page).waitFor({ timeout: 60000 });
  assert.match(await banner(page).innerText(), /Demo data\./);
}

async function leaveDemo(page) {
  await page.getByRole('button', { name: 'Leave the demo' }).click();
  await banner(page).waitFor({ state: 'detached' });
}

test('a visitor with no account: Try the demo → every page has data → Leave the demo → empty', async () => {
  // (axe-core is injected as a script: the CSP is bypassed for it.)
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) foreign.push(r.url());
  });
  await page.goto(server.url);
  await appReady(page);
  // No client id: signing in is not possible, the demo is.
  await page.getByRole('button', { name: 'Sign in with Oura' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Sign in with Oura' }).isDisabled());
  await tryDemo(page);
  // Today: the demo's latest day, with its three scores.
  await page.waitForFunction(() => document.querySelectorAll('.score-row .score-ring text').length >= 3);
  const scores = await page.locator('.score-row .score-ring').allInnerTexts();
  assert.ok(scores.every((s) => /\d/.test(s)), `Today shows three scores: ${scores}`);
  assert.equal(await page.getByRole('button', { name: 'Try the demo' }).count(), 0, 'no second "Try the demo"');
  await noOverflow(page, 'Today in the demo');
  await axe(page, 'Today in the demo');

  // Every endpoint has records in the demo…
  const demo = await counts(page);
  assert.equal(Object.keys(demo).length, 19);
  for (const [title, n] of Object.entries(demo)) assert.ok(n > 0, `${title}: ${n} records in the demo`);
  assert.ok(await banner(page).isVisible(), 'the banner is on Settings too');
  // …and every endpoint page shows them (no "not synced" state, some data drawn).
  for (const endpoint of COLLECTIONS) {
    await page.goto(`${server.url}data/${endpoint}`);
    await appReady(page);
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('main .view-loading'), null, { timeout: 20000 });
    await page.waitForFunction(
      () => document.querySelector('main').querySelectorAll('.history-row, .facts dd, svg, .event-list li').length > 0,
      null,
      { timeout: 20000 },
    ).catch(() => {});
    const shown = await page.locator('main').evaluate((m) => m.querySelectorAll('.history-row, .facts dd, svg, .event-list li').length);
    assert.ok(shown > 0, `${endpoint}: the page shows demo data`);
    assert.equal(await page.locator('main .empty-state').count(), 0, `${endpoint}: no "not synced" state`);
    assert.ok(await banner(page).isVisible(), `${endpoint}: the banner says "Demo data"`);
  }

  await page.goto(server.url);
  await appReady(page);
  await banner(page).waitFor();
  await leaveDemo(page);
  await page.getByRole('button', { name: 'Try the demo' }).waitFor();
  const after = await counts(page);
  for (const [title, n] of Object.entries(after)) assert.equal(n, 0, `${title}: the real profile stays empty`);
  assert.ok(!(await databases(page)).includes('healthhub-demo'), 'the demo database is gone');
  assert.deepEqual(foreign, [], 'nothing but the static site was asked');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a profile with data stays as it was; the sync is off in the demo, with the reason', async () => {
  // The user's own data: an export written by the simulator (no server), imported.
  const file = path.join(tmp, 'own.json');
  execFileSync(SIM_BIN, ['--days', '14', '--hr-per-day', '48', '--end-date', '2026-10-10', '--seed', '11', '--write-export', file]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await page.goto(`${server.url}settings`);
  await appReady(page);
  await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByText(/^Imported [\d,]+ records/).waitFor({ timeout: 60000 });
  const before = await exportFromSettings(page);
  const own = await counts(page);
  // Signed in (a stored session; the placeholder config keeps it from syncing).
  await page.evaluate(() => localStorage.setItem('healthhub.session', JSON.stringify({
    token: 'not-a-real-token', expires_at_ms: Date.now() + 3600e3, scopes: ['daily'],
  })));
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
  await tryDemo(page);
  await page.goto(server.url);
  await appReady(page);
  await banner(page).waitFor();
  const panel = page.locator('.sync-panel');
  await panel.waitFor();
  assert.ok(await panel.getByRole('button', { name: 'Sync now' }).isDisabled(), 'no sync in the demo');
  assert.match(await panel.innerText(), /Syncing is off in the demo/);
  const demo = await counts(page);
  assert.notDeepEqual(demo, own, 'the demo is not the user data');
  await page.goto(server.url);
  await appReady(page);
  await leaveDemo(page);
  assert.deepEqual(await counts(page), own, 'the counts are back');
  const after = await exportFromSettings(page);
  assertSameText(after.text, before.text);
  assert.ok(!(await databases(page)).includes('healthhub-demo'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Delete all local data: both profiles, the sync state and the sign-in, back to the first screen', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const file = path.join(tmp, 'own2.json');
  execFileSync(SIM_BIN, ['--days', '7', '--hr-per-day', '24', '--end-date', '2026-10-10', '--seed', '12', '--write-export', file]);
  await page.goto(`${server.url}settings`);
  await appReady(page);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByText(/^Imported [\d,]+ records/).waitFor({ timeout: 60000 });
  await page.evaluate(() => localStorage.setItem('healthhub.session', JSON.stringify({
    token: 'not-a-real-token', expires_at_ms: Date.now() + 3600e3, scopes: ['daily'],
  })));
  await page.reload();
  await appReady(page);
  await tryDemo(page);
  await page.goto(`${server.url}settings`);
  await appReady(page);
  await page.getByRole('button', { name: 'Delete all local data' }).click();
  const confirm = page.getByRole('alertdialog');
  assert.match(await confirm.innerText(), /your data and the demo/);
  await confirm.getByRole('button', { name: 'Delete everything' }).click();
  await page.waitForURL((u) => new URL(u).pathname === '/');
  await page.getByText('All data on this device was deleted and you are signed out.').waitFor();
  await page.getByRole('button', { name: 'Try the demo' }).waitFor();
  assert.equal(await banner(page).count(), 0);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k === 'healthhub.session' || k === 'healthhub.demo'));
  assert.deepEqual(left, [], 'no token, no demo flag');
  assert.ok(!(await databases(page)).includes('healthhub-demo'));
  for (const [title, n] of Object.entries(await counts(page))) assert.equal(n, 0, `${title}: deleted`);
  // The sync state went with the records: "never synced".
  assert.equal(await page.locator('.status-list .status-ok').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
