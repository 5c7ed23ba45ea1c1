// "Download CSV" against the simulator: after the first sync, Settings → Download CSV
// of daily_readiness and of heartrate, and the button at the foot of an endpoint page.
// Each file is read back with a real RFC 4180 parser (csv-parse): UTF-8 BOM, CRLF
// records, the key columns first, one row per document (heart rate: per sample) — as
// many as the simulator's export — and values equal to the simulator's documents *as
// text* (every digit of a number). At 360 px nothing overflows and axe-core is clean,
// in English and Japanese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { appReady, watchConsole } from './lib/browser.mjs';
import { documentTexts } from './lib/export.mjs';
import { journeys, signIn, waitForSyncComplete, openSettings } from './lib/journey.mjs';
import { settled, noOverflow, axe, n } from './lib/view.mjs';

const j = journeys('csv');

/// Clicks `button` and returns the download: its suggested name, bytes and text.
async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  return { name: d.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/// Parses a downloaded CSV file: (header, rows as objects). Records must end in CRLF
/// (a bare LF outside quotes would merge two records and break the counts).
function table(file) {
  assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${file.name} starts with the UTF-8 BOM`);
  const body = file.text.slice(1);
  assert.ok(body.endsWith('\r\n'), `${file.name} ends with CRLF`);
  const records = parse(body, { record_delimiter: '\r\n', relax_column_count: false });
  const [header, ...rows] = records;
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/// The text of field `name` (a JSON number, true/false or null) in a document's JSON
/// text, as the simulator wrote it; a nested field is found under its parent's text.
function rawField(docText, dotted) {
  const parts = dotted.split('.');
  let text = docText;
  for (const p of parts.slice(0, -1)) {
    const at = text.indexOf(`"${p}":{`);
    if (at < 0) return undefined;
    text = text.slice(at + p.length + 3);
  }
  const m = text.match(new RegExp(`"${parts.at(-1)}":(-?[0-9][0-9.eE+-]*|true|false|null)`));
  return m ? (m[1] === 'null' ? '' : m[1]) : undefined;
}

test('Download CSV in Settings and on an endpoint page: one row per document (heart rate: per sample), values as the simulator sent them', async () => {
  const { sim, app } = await j.setup();
  const simText = await (await fetch(`${sim.url}/__sim/export`)).text();
  const expected = JSON.parse(simText);
  const docTexts = documentTexts(simText);
  const context = await j.browser.newContext({
    locale: 'en-US', acceptDownloads: true, bypassCSP: true, viewport: { width: 360, height: 740 },
  });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, app);
  await waitForSyncComplete(page);
  await openSettings(page);

  // Settings: daily_readiness, the first endpoint chosen in the select.
  const picker = page.getByLabel('Data to download as CSV');
  await picker.selectOption({ label: 'Readiness' });
  const button = page.getByRole('button', { name: 'Download CSV' });
  assert.equal(await button.count(), 1, 'one "Download CSV" button in Settings');
  const readiness = await download(page, button);
  assert.match(readiness.name, /^healthhub-daily_readiness-\d{4}-\d{2}-\d{2}\.csv$/);
  const r = table(readiness);
  assert.deepEqual(r.header.slice(0, 3), ['id', 'day', 'timestamp'], 'key columns first');
  const rest = r.header.slice(3);
  assert.deepEqual(rest, [...rest].sort(), 'the other columns sorted');
  assert.ok(r.header.includes('contributors.hrv_balance'), 'nested fields are dotted columns');
  assert.equal(r.rows.length, expected.collections.daily_readiness.length, 'one row per document');
  await page.getByRole('status').filter({ hasText: `Saved ${readiness.name} (${n(r.rows.length)} rows).` }).waitFor();
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  assert.equal(byId.size, r.rows.length, 'every document once');
  let compared = 0;
  for (const text of docTexts.daily_readiness) {
    const doc = JSON.parse(text);
    const row = byId.get(doc.id);
    assert.ok(row, `a row for ${doc.id}`);
    assert.equal(row.day, doc.day);
    assert.equal(row.timestamp, doc.timestamp);
    for (const field of ['contributors.hrv_balance', 'contributors.resting_heart_rate', 'score', 'temperature_deviation', 'temperature_trend_deviation']) {
      const raw = rawField(text, field);
      if (raw === undefined) continue;
      assert.equal(row[field], raw, `${doc.id} ${field}: the number as the simulator wrote it`);
      compared++;
    }
  }
  assert.ok(compared > expected.collections.daily_readiness.length, `${compared} values compared as text`);
  await noOverflow(page, 'Settings with Download CSV at 360 px');
  await axe(page, 'Settings with Download CSV');

  // Settings: heart rate, one row per sample across all day records.
  await picker.selectOption('heartrate');
  const hr = await download(page, button);
  assert.match(hr.name, /^healthhub-heartrate-\d{4}-\d{2}-\d{2}\.csv$/);
  const h = table(hr);
  assert.deepEqual(h.header.slice(0, 3), ['timestamp', 'bpm', 'source']);
  assert.equal(h.rows.length, expected.collections.heartrate.length, 'one row per sample');
  const want = new Set(expected.collections.heartrate.map((s) => `${Date.parse(s.timestamp)} ${s.bpm} ${s.source}`));
  const got = new Set(h.rows.map((s) => `${Date.parse(s.timestamp)} ${s.bpm} ${s.source}`));
  assert.equal(got.size, h.rows.length, 'every sample once');
  assert.deepEqual([...want].filter((s) => !got.has(s)).slice(0, 3), [], 'every sample of the simulator is a row');
  if (h.header.includes('timestamp_unix')) {
    const unix = h.rows.find((s) => s.timestamp_unix !== '');
    assert.equal(Number(unix.timestamp_unix), Date.parse(unix.timestamp));
  }

  // An endpoint page: its own button after the page.
  await page.goto(`${app.url}data/sleep`);
  await appReady(page);
  await settled(page);
  const sleep = await download(page, page.getByRole('button', { name: 'Download CSV' }));
  assert.match(sleep.name, /^healthhub-sleep-\d{4}-\d{2}-\d{2}\.csv$/);
  const s = table(sleep);
  assert.deepEqual(s.header.slice(0, 2), ['id', 'day']);
  assert.equal(s.rows.length, expected.collections.sleep.length);
  // A period with heart-rate items: its array is a cell of JSON text, digits as sent.
  const text = docTexts.sleep.find((t) => /"heart_rate":\{[^}]*"items":\[/.test(t));
  assert.ok(text, 'the simulator has a sleep period with heart-rate items');
  const doc = JSON.parse(text);
  const row = s.rows.find((x) => x.id === doc.id);
  assert.equal(row.type, doc.type);
  assert.equal(row['heart_rate.items'], text.match(/"heart_rate":\{[^}]*"items":(\[[^\]]*\])/)[1], 'arrays as their JSON text');
  assert.equal(row['heart_rate.interval'], rawField(text, 'heart_rate.interval'));
  await page.getByRole('status').filter({ hasText: `Saved ${sleep.name}` }).waitFor();
  await noOverflow(page, 'the sleep page with Download CSV at 360 px');
  await axe(page, 'the sleep page with Download CSV');

  // Japanese: the same buttons, translated.
  await openSettings(page);
  await page.locator('#language').selectOption('ja');
  await page.getByRole('button', { name: 'CSV をダウンロード' }).waitFor();
  await page.getByLabel('CSV でダウンロードするデータ').waitFor();
  await noOverflow(page, 'Settings in Japanese at 360 px');
  await axe(page, 'Settings in Japanese');
  await page.locator('#language').selectOption('en');

  assert.deepEqual(errors, []);
  await context.close();
});
