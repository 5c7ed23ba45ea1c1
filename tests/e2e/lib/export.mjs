// Comparing a healthHub export with the simulator's data (GET /__sim/export): every
// document once, unaltered. `assertSameText` compares the documents' JSON *text* as
// found in both files (every digit of every number, key order), not parsed values:
// JavaScript's JSON.parse would hide a float whose last digit changed.
import assert from 'node:assert/strict';

export const COLLECTIONS = [
  'daily_sleep', 'sleep', 'daily_readiness', 'daily_activity', 'workout', 'session',
  'daily_stress', 'daily_resilience', 'daily_cardiovascular_age', 'daily_spo2', 'vO2_max',
  'heartrate', 'sleep_time', 'tag', 'enhanced_tag', 'personal_info', 'ring_configuration',
  'rest_mode_period', 'ring_battery_level',
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
  assert.deepEqual(Object.keys(actual.collections).sort(), [...COLLECTIONS].sort(), 'the 19 collections');
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

/// The raw JSON text of every document of every collection of an export file
/// (`{"collections":{"name":[doc,doc,…],…}}`), found by scanning the text itself.
export function documentTexts(text) {
  const out = {};
  const start = text.indexOf('"collections"');
  assert.ok(start >= 0, 'an export has "collections"');
  let i = text.indexOf('{', start) + 1;
  const skipWs = () => { while (/\s/.test(text[i])) i++; };
  // The end of the JSON value starting at i.
  const valueEnd = (j) => {
    if (text[j] === '"') {
      for (j++; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '"') return j + 1;
      }
      return j;
    }
    let depth = 0;
    let inString = false;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) return j;
        depth--;
        if (depth === 0) return j + 1;
      } else if (depth === 0 && (c === ',')) return j;
    }
    return j;
  };
  for (;;) {
    skipWs();
    if (text[i] === '}') break;
    if (text[i] === ',') { i++; continue; }
    const keyEnd = valueEnd(i);
    const name = JSON.parse(text.slice(i, keyEnd));
    i = text.indexOf('[', keyEnd) + 1;
    const docs = [];
    for (;;) {
      skipWs();
      if (text[i] === ']') { i++; break; }
      if (text[i] === ',') { i++; continue; }
      const end = valueEnd(i);
      docs.push(text.slice(i, end));
      i = end;
    }
    out[name] = docs;
  }
  return out;
}

/// Asserts the export text `actual` holds exactly the documents of the simulator's
/// export text `expected`, as text: same collections, every document once, every
/// character (digits of numbers included) the same.
/// `except`: collections left out of the comparison (one Oura refused, say).
export function assertSameText(actual, expected, except = []) {
  const a = documentTexts(actual);
  const e = documentTexts(expected);
  assert.deepEqual(Object.keys(a).sort(), [...COLLECTIONS].sort(), 'the 19 collections');
  for (const name of COLLECTIONS.filter((c) => !except.includes(c))) {
    const got = a[name];
    const gotSet = new Set(got);
    assert.equal(gotSet.size, got.length, `${name}: a document appears twice`);
    const wantSet = new Set(e[name]);
    const missing = e[name].filter((d) => !gotSet.has(d));
    const extra = got.filter((d) => !wantSet.has(d));
    assert.equal(missing.length, 0, `${name}: ${missing.length} documents missing or altered, e.g. ${missing[0]?.slice(0, 300)}`);
    assert.equal(extra.length, 0, `${name}: ${extra.length} unexpected or stale documents, e.g. ${extra[0]?.slice(0, 300)}`);
  }
}

/// Clicks "Export data" in Settings and returns the parsed file, its text and name.
export async function exportFromSettings(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  const text = Buffer.concat(chunks).toString('utf8');
  return { name: download.suggestedFilename(), data: JSON.parse(text), text };
}
