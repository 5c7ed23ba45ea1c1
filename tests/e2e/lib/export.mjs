// Comparing a healthHub export with the simulator's data (GET /__sim/export):
// every document once, unaltered. Heartrate samples are compared by instant, bpm and
// source (the export may re-spell timestamps in RFC 3339 UTC).
import assert from 'node:assert/strict';

export const COLLECTIONS = [
  'daily_sleep', 'sleep', 'daily_readiness', 'daily_activity', 'workout', 'session',
  'daily_stress', 'daily_resilience', 'daily_cardiovascular_age', 'daily_spo2', 'vO2_max',
  'heartrate', 'sleep_time', 'tag', 'enhanced_tag', 'personal_info', 'ring_configuration',
  'rest_mode_period',
];

function canonical(doc, name) {
  if (name === 'heartrate') {
    return JSON.stringify([Date.parse(doc.timestamp), doc.bpm, doc.source]);
  }
  return JSON.stringify(doc);
}

/// Asserts `actual` (an export file's parsed JSON) holds exactly the documents of
/// `expected` (the simulator's export): same collections, every document once,
/// byte-identical JSON (key order included) except heartrate timestamps' spelling.
export function assertSameData(actual, expected) {
  assert.equal(actual.format, 'healthhub-export');
  assert.equal(actual.version, 1);
  assert.deepEqual(Object.keys(actual.collections).sort(), [...COLLECTIONS].sort(), 'the 18 collections');
  for (const name of COLLECTIONS) {
    const got = actual.collections[name].map((d) => canonical(d, name));
    const want = expected.collections[name].map((d) => canonical(d, name));
    const gotSet = new Set(got);
    assert.equal(gotSet.size, got.length, `${name}: a document appears twice`);
    const missing = want.filter((d) => !gotSet.has(d));
    const wantSet = new Set(want);
    const extra = got.filter((d) => !wantSet.has(d));
    assert.equal(missing.length, 0, `${name}: ${missing.length} documents missing or altered, e.g. ${missing[0]?.slice(0, 300)}`);
    assert.equal(extra.length, 0, `${name}: ${extra.length} unexpected documents, e.g. ${extra[0]?.slice(0, 300)}`);
  }
}

/// Clicks "Export data" in Settings and returns the parsed file and its name.
export async function exportFromSettings(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: download.suggestedFilename(), data: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
}
