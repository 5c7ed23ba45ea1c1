// The copy on the phone stays an exact mirror of Oura (issue 11), each journey ending
// with the app's export compared *as text* with the simulator's current data:
// revisions, deletions and additions between two syncs; a document the store cannot
// index; a run interrupted on day D and resumed on D+2; two tabs syncing at once; an
// account with only the heartrate scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchConsole, appReady } from './lib/browser.mjs';
import { assertSameText, exportFromSettings, COLLECTIONS } from './lib/export.mjs';
import { journeys, signIn, waitForSyncComplete, openSettings, SYNC_COMPLETE as COMPLETE } from './lib/journey.mjs';

const j = journeys('mirror');

async function simExport(sim) {
  return (await fetch(`${sim.url}/__sim/export`)).text();
}

async function exportText(page) {
  await openSettings(page);
  return (await exportFromSettings(page)).text;
}

async function syncNow(page) {
  await page.getByRole('link', { name: 'Today' }).first().click();
  await page.getByRole('button', { name: 'Sync now' }).click();
}

test('a second sync mirrors revisions, deletions, re-ids and additions: no stale, no duplicate, every digit kept', async () => {
  const { sim, app } = await j.setup();
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  // The phone's today is the simulator's last day (the trailing window counts from it).
  await context.clock.setFixedTime(new Date('2026-11-20T18:00:00+09:00'));
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, app);
  await waitForSyncComplete(page);
  assertSameText(await exportText(page), await simExport(sim));

  const res = await fetch(`${sim.url}/__sim/mutate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ days: 5, revise: 2, delete: 2, add: 1, reid: 1 }),
  });
  assert.equal(res.status, 200);
  const changes = await res.json();
  assert.ok(changes.deleted.length > 0 && changes.revised.length > 0 && changes.reid.length > 0, JSON.stringify(changes).slice(0, 300));
  const after = await simExport(sim);

  await syncNow(page);
  await waitForSyncComplete(page);
  const text = await exportText(page);
  assertSameText(text, after);
  for (const r of changes.reid) {
    assert.ok(!text.includes(`"${r.old_id}"`), `${r.endpoint}: the old id ${r.old_id} left the phone`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a document the store cannot index is kept as received, the endpoint says so, and every sync completes', async () => {
  const { sim, app } = await j.setup(['--poison', 'workout', '--poison', 'heartrate']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app);
  await waitForSyncComplete(page);
  const source = await simExport(sim);
  assert.ok(source.includes('.123456+00:00'), 'the simulator serves the poison sample');
  const text = await exportText(page);
  assertSameText(text, source);
  // The endpoint says what happened.
  await page.goto(`${app.url}data/workout`);
  await appReady(page);
  await page.locator('main .endpoint-status').getByText('1 document could not be read; kept as received').waitFor();
  // The next sync completes too (the same page comes back; nothing stalls or doubles).
  await syncNow(page);
  await waitForSyncComplete(page);
  assertSameText(await exportText(page), source);
  await context.close();
});

test('a run interrupted on day D and resumed on day D+2 fetches through D+2', async () => {
  // The simulator has data through D+2; the phone's clock says D, then D+2.
  const { sim, app } = await j.setup(
    ['--days', '30', '--hr-per-day', '96', '--seed', '3', '--end-date', '2026-11-22', '--latency-ms', '150', '--page-size', '3', '--token-ttl', '2592000'],
    { small: false },
  );
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  await context.clock.setFixedTime(new Date('2026-11-20T12:00:00+09:00'));
  const page = await context.newPage();
  await signIn(page, app);
  await page.waitForFunction(() => /Syncing: [1-9]\d* of 19/.test(document.body.innerText), null, { timeout: 60000 });
  await page.close(); // the tab is closed mid-sync

  await context.clock.setFixedTime(new Date('2026-11-22T12:00:00+09:00'));
  const urls = [];
  const page2 = await context.newPage();
  page2.on('request', (r) => { if (r.url().startsWith(sim.url)) urls.push(new URL(r.url())); });
  await page2.goto(app.url);
  await appReady(page2);
  await waitForSyncComplete(page2, 180000);
  const text = await exportText(page2);
  assertSameText(text, await simExport(sim));
  assert.ok(text.includes('"day":"2026-11-22"'), 'D+2 is on the phone');
  const ends = urls.map((u) => u.searchParams.get('end_date')).filter(Boolean);
  assert.ok(ends.some((d) => d >= '2026-11-22'), `asked through D+2: ${[...new Set(ends)]}`);
  await context.close();
});

test('two tabs syncing at once end with one copy of everything and no error', async () => {
  const { sim, app } = await j.setup(['--latency-ms', '100']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  await context.clock.setFixedTime(new Date('2026-11-20T18:00:00+09:00'));
  const a = await context.newPage();
  const errors = watchConsole(a);
  await signIn(a, app);
  await waitForSyncComplete(a);
  await fetch(`${sim.url}/__sim/mutate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ days: 5, revise: 1, delete: 1, add: 1 }),
  });
  const b = await context.newPage();
  const errorsB = watchConsole(b);
  await b.goto(app.url);
  await appReady(b);
  await b.getByText(COMPLETE).or(b.getByText(/Last synced/)).first().waitFor();
  // Both tabs ask at the same moment.
  await Promise.all([
    a.getByRole('button', { name: 'Sync now' }).click(),
    b.getByRole('button', { name: 'Sync now' }).click(),
  ]);
  const other = await Promise.race([
    a.getByText('Syncing in another tab').waitFor({ timeout: 20000 }).then(() => a),
    b.getByText('Syncing in another tab').waitFor({ timeout: 20000 }).then(() => b),
  ]);
  const syncing = other === a ? b : a;
  await waitForSyncComplete(syncing);
  // The waiting tab shows the new data once the other sync ends.
  await other.getByText('Syncing in another tab').waitFor({ state: 'detached', timeout: 60000 });
  const source = await simExport(sim);
  assertSameText(await exportText(other), source);
  assertSameText(await exportText(syncing), source);
  assert.deepEqual(errors, []);
  assert.deepEqual(errorsB, []);
  await context.close();
});

test('with only the heartrate scope, all heartrate history is fetched (from the floor, never from a 1970 sentinel)', async () => {
  const forbid = COLLECTIONS.filter((c) => c !== 'heartrate' && c !== 'ring_configuration').flatMap((c) => ['--forbid', c]);
  const { sim, app } = await j.setup([...forbid, '--ring-setup-sentinel']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const urls = [];
  page.on('request', (r) => { if (r.url().includes('/heartrate')) urls.push(new URL(r.url())); });
  await signIn(page, app);
  await waitForSyncComplete(page, 180000);
  const source = JSON.parse(await simExport(sim));
  const text = await exportText(page);
  const mine = JSON.parse(text);
  assert.ok(source.collections.heartrate.length > 1000);
  assert.equal(mine.collections.heartrate.length, source.collections.heartrate.length, 'every heartrate sample');
  assert.deepEqual(source.collections.ring_configuration.map((r) => r.set_up_at).sort()[0], '1970-01-01T00:00:00+00:00');
  const starts = urls.map((u) => u.searchParams.get('start_datetime')).filter(Boolean).sort();
  assert.ok(starts[0] >= '2012-12-31', `heartrate history starts at the 2013 floor, not 1970: ${starts[0]}`);
  assert.ok(starts.length < 200, `${starts.length} heartrate requests`);
  await context.close();
});

test('a 404 endpoint and a repeated next_token are reported with Oura\'s detail, never loop, and hold up nothing else', async () => {
  const { sim, app } = await j.setup(['--not-found', 'vO2_max', '--repeat-token', 'tag', '--page-size', '4']);
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app);
  const partial = page.getByText('2 kinds of data could not be synced');
  await partial.waitFor({ timeout: 120000 });
  // Everything else is on the phone, exactly.
  assertSameText(await exportText(page), await simExport(sim), ['vO2_max', 'tag']);
  await page.goto(`${app.url}data/vO2_max`);
  await appReady(page);
  await page.locator('main .endpoint-status').getByText('Oura has no such data. (Oura says: “Not Found”)').waitFor();
  await page.goto(`${app.url}data/tag`);
  await appReady(page);
  await page.locator('main .endpoint-status').getByText(/Oura sent the same page twice/).waitFor();
  // The next sync asks each once more and ends again: no loop.
  const before = (await sim.stats()).by_route['/v2/usercollection/tag'];
  await syncNow(page);
  await page.getByText('2 kinds of data could not be synced').waitFor({ timeout: 120000 });
  const asked = (await sim.stats()).by_route['/v2/usercollection/tag'] - before;
  assert.ok(asked >= 1 && asked <= 4, `tag asked ${asked} times in the second sync`);
  await context.close();
});

test('across time zones with a DST change, and under 429s that state only X-RateLimit-Reset, the copy is exact', async () => {
  const { sim, app } = await j.setup([
    '--days', '40', '--hr-per-day', '96', '--seed', '5', '--end-date', '2026-11-20',
    '--tz', '+02:00', '--tz-changes', '2026-10-26=+01:00,2026-11-08=-05:00',
    '--rate-limit', '8', '--rate-limit-headers', 'reset_only',
  ], { small: false });
  // The phone's real clock (a first sync takes all history): X-RateLimit-Reset is
  // believed as the simulator states it.
  const context = await j.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app);
  await waitForSyncComplete(page, 180000);
  const stats = await sim.stats();
  assert.ok((stats.by_status['429'] ?? 0) > 0, 'the simulator refused some requests with 429');
  const source = await simExport(sim);
  assert.ok(source.includes('-05:00"') && source.includes('+01:00"') && source.includes('+02:00"'), 'three offsets in the data');
  assertSameText(await exportText(page), source);
  await context.close();
});
