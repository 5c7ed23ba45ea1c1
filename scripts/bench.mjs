// make bench: measures what DESIGN §8 asks and writes BENCHMARKS.md.
// - first-load bundle size of dist/ (raw / gzip -9 / brotli q11)
// - backfill of 1 and 5 years from the simulator with injected latency: wall time,
//   requests made vs the minimum the data needs, IndexedDB usage, JS heap
// - heartrate bytes stored per sample, for 1.27-shaped and 1.41-shaped samples
//   (examples/heartrate_packing.rs over a simulator export)
// Text under the heading "## Notes" of the existing BENCHMARKS.md is kept as it is.
// Needs: `make dist sim` (the Makefile's bench target does it). Figures are
// measurements of this machine, never assertions.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startStaticServer } from '../tests/e2e/lib/static-server.mjs';
import { launch } from '../tests/e2e/lib/browser.mjs';
import { startSim, simConfig, SIM_BIN } from '../tests/e2e/lib/sim.mjs';
import { DIST as BUILT, ROOT } from '../tests/e2e/lib/paths.mjs';

// BENCH_DIST: measure another build directory (default dist/).
const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : BUILT;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function sizes(rel) {
  const buf = fs.readFileSync(path.join(DIST, rel));
  const gzip = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;
  return { file: rel.replace(/-[0-9a-f]{16}/, '-<hash>'), raw: buf.length, gzip, br };
}

function sum(rows) {
  return rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), { raw: 0, gzip: 0, br: 0 });
}

/// What the first load fetches: index.html, every asset it references, and the
/// modules those scripts import statically (the wasm-split loader). The wasm modules
/// loaded on first use (split_*.wasm, chunk_*.wasm) are listed apart.
function bundleSizes() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const refs = new Set(['index.html']);
  for (const m of html.matchAll(/(?:href|src)="\/?([^"#?]+\.(?:js|wasm|css|webmanifest|json))"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/['"]\/?([^'"]+_bg\.wasm)['"]/g)) refs.add(m[1]);
  const queue = [...refs].filter((r) => r.endsWith('.js'));
  while (queue.length > 0) {
    const js = queue.pop();
    const file = path.join(DIST, js);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*import\b[^'"]*?from\s*["']\.\/([^"']+\.js)["']/g)) {
      const dep = path.posix.join(path.posix.dirname(js), m[1]);
      if (!refs.has(dep)) {
        refs.add(dep);
        queue.push(dep);
      }
    }
  }
  const rows = [...refs].sort().filter((rel) => fs.existsSync(path.join(DIST, rel))).map(sizes);
  const lazy = fs.readdirSync(DIST).filter((f) => /^(split_|chunk_).*\.wasm$/.test(f)).sort().map(sizes);
  return { rows, total: sum(rows), lazy, lazyTotal: sum(lazy) };
}

/// What Chromium actually fetches to show the first screen (Today) in `locale`, with
/// the service worker blocked (it would precache everything in the background): the
/// files of this build it requested until the network went idle, at their brotli size.
async function firstScreen(locale) {
  const app = await startStaticServer({ root: DIST });
  const browser = await launch();
  try {
    const context = await browser.newContext({ locale, serviceWorkers: 'block' });
    const page = await context.newPage();
    const fetched = new Set();
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin === new URL(app.url).origin) fetched.add(decodeURIComponent(url.pathname.slice(1)) || 'index.html');
    });
    await page.goto(app.url);
    await page.locator('header.app-header').waitFor({ state: 'visible', timeout: 30000 });
    await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 30000 });
    await page.waitForLoadState('networkidle');
    const rows = [...fetched].sort().filter((f) => fs.existsSync(path.join(DIST, f)) && fs.statSync(path.join(DIST, f)).isFile()).map(sizes);
    return { locale, rows, total: sum(rows), lang: await page.evaluate(() => document.documentElement.lang) };
  } finally {
    await browser.close();
    await app.close();
  }
}

async function backfill(days, latencyMs) {
  const sim = await startSim(['--auto-approve', '--days', String(days), '--hr-per-day', '1200',
    '--latency-ms', String(latencyMs), '--end-date', new Date().toISOString().slice(0, 10)], { small: false });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-bench-'));
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  const app = await startStaticServer({ root: DIST, configFile: config });
  const info = await (await fetch(`${sim.url}/__sim/info`)).json();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Sign in with Oura' }).click();
    await page.getByText(/Sync complete|could not be synced/).waitFor({ timeout: 60 * 60 * 1000 });
    const wall = (Date.now() - t0) / 1000;
    const text = await page.locator('body').innerText();
    const stats = await sim.stats();
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    const trends = await trendsPage(page, app.url);
    return { days, latencyMs, wall, requests: stats.total, info, usage, heap, trends, complete: /Sync complete/.test(text) };
  } finally {
    await browser.close();
    await app.close();
    await sim.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/// The trends page with the synced history: from navigation until every measure's card
/// is drawn and the main thread is free again (median of 5, at normal speed and with the
/// CPU throttled 4×), then the JS heap and wasm memory after it.
async function trendsPage(page, url) {
  const cdp = await page.context().newCDPSession(page);
  // The app keeps its module's exports to itself: note every WebAssembly memory an
  // instance exports as it is instantiated (from the next navigation on).
  await page.addInitScript(() => {
    const seen = (window.__wasmMemories = new Set());
    const note = (r) => {
      const memory = (r.instance ?? r).exports?.memory;
      if (memory instanceof WebAssembly.Memory) seen.add(memory);
      return r;
    };
    const streaming = WebAssembly.instantiateStreaming;
    const plain = WebAssembly.instantiate;
    WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(note);
    WebAssembly.instantiate = (...a) => plain(...a).then(note);
  });
  const out = {};
  for (const [range, rate] of [['90', 1], ['90', 4], ['all', 1], ['all', 4], ['tags', 1], ['tags', 4]]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${url}settings`);
      await page.locator('main h1').first().waitFor();
      const t0 = Date.now();
      if (range === 'tags') {
        await page.goto(`${url}trends/tags`);
        await page.waitForFunction(() => document.querySelector('.tag-effects .tag-card, .tag-effects .empty-state') && !document.querySelector('main .view-loading'), null, { timeout: 120000 });
      } else {
        await page.goto(`${url}trends?range=${range}`);
        await page.waitForFunction(() => document.querySelectorAll('.trend .chart-svg').length >= 15 && !document.querySelector('main .view-loading'), null, { timeout: 120000 });
      }
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      times.push(Date.now() - t0);
    }
    out[`${range}x${rate}`] = median(times);
    console.error(`# trends ${range} at ${rate}× CPU: ${times.join(', ')} ms`);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // Every page of the insights visited (the last run was "your tags"), then the trends.
  await page.goto(`${url}trends/report`);
  await page.locator('.report-title').waitFor({ timeout: 120000 });
  await page.goto(`${url}trends?range=all`);
  await page.waitForFunction(() => document.querySelectorAll('.trend .chart-svg').length >= 15, null, { timeout: 120000 });
  out.cards = await page.locator('.trend').count();
  await cdp.send('HeapProfiler.collectGarbage');
  out.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  out.wasm = await page.evaluate(() => [...(window.__wasmMemories ?? [])].reduce((n, m) => n + m.buffer.byteLength, 0));
  await cdp.detach();
  return out;
}

/// The fewest requests that can carry the data: per document endpoint its pages at the
/// simulator's page size, heartrate's samples per page over ≤30-day windows.
function minimumRequests(info) {
  const counts = info.counts ?? info.documents ?? {};
  const pageSize = info.page_size ?? 100;
  const hrPage = info.hr_page_size ?? 1000;
  let min = 0;
  for (const [name, n] of Object.entries(counts)) {
    if (name === 'heartrate' || name === 'ring_battery_level') min += Math.max(1, Math.ceil(n / hrPage));
    else if (name === 'personal_info') min += 1;
    else min += Math.max(1, Math.ceil(n / pageSize));
  }
  return min;
}

const { rows, total, lazy, lazyTotal } = bundleSizes();
const screens = [await firstScreen('en-US'), await firstScreen('ja-JP')];
const worst = Math.max(total.br, ...screens.map((s) => s.total.br));
const lines = [
  '# healthHub benchmarks',
  '',
  `Measured by \`make bench\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Chromium headless.`,
  'Figures are measurements, not test assertions.',
  '',
  '## First-load bundle (dist/, release build, wasm-opt -Oz)',
  '',
  '| file | raw | gzip -9 | brotli q11 |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`),
  `| **total** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.br)}** |`,
  '',
  'Measured in Chromium (service worker blocked): everything fetched until the first',
  'screen (Today) is shown and the network is idle, per UI language:',
  '',
  '| UI language | files | raw | gzip -9 | brotli q11 | beyond the table above |',
  '|---|---:|---:|---:|---:|---|',
  ...screens.map((s) => `| ${s.lang} (${s.locale}) | ${s.rows.length} | ${kb(s.total.raw)} | ${kb(s.total.gzip)} | **${kb(s.total.br)}** | ${s.rows.filter((r) => !rows.some((x) => x.file === r.file)).map((r) => r.file.replace(/_\d{8,}-<hash>/, '-<hash>')).join(', ') || '—'} |`),
  '',
  `Budget: first load ≤ 200 KB brotli (aim 150): ${worst <= 200 * 1024 ? 'within budget' : 'OVER BUDGET'} (largest: ${kb(worst)}).`,
  '',
  '## Loaded on first use (wasm-split modules, precached by the service worker)',
  '',
  'Fetched when a page or task first needs them: `split_<name>` is one split point',
  '(the pages other than Today, the sync run, export, import, the Japanese text), `chunk_<n>`',
  'code that several of them share.',
  '',
  '| file | raw | gzip -9 | brotli q11 |',
  '|---|---:|---:|---:|',
  ...lazy.map((r) => `| ${r.file.replace(/_\d{8,}-<hash>/, '-<hash>')} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`),
  `| **total** | **${kb(lazyTotal.raw)}** | **${kb(lazyTotal.gzip)}** | **${kb(lazyTotal.br)}** |`,
  '',
];

const years = (process.env.BENCH_YEARS ?? '1,5').split(',').filter(Boolean).map(Number);
const latency = Number(process.env.BENCH_LATENCY_MS ?? 50);
if (years.length > 0 && !process.env.BENCH_SIZE_ONLY) {
  lines.push(`## Backfill from the simulator (${latency} ms latency per request, 1,200 heart-rate samples/day)`, '');
  lines.push('| history | wall time | requests made | minimum | IndexedDB usage | JS heap | complete |');
  lines.push('|---|---:|---:|---:|---:|---:|---|');
  const runs = [];
  for (const y of years) {
    const r = await backfill(365 * y, latency);
    runs.push([y, r]);
    const min = minimumRequests(r.info);
    lines.push(`| ${y} year${y > 1 ? 's' : ''} | ${r.wall.toFixed(1)} s | ${r.requests} | ${min || 'n/a'} | ${r.usage ? kb(r.usage) : 'n/a'} | ${r.heap ? kb(r.heap) : 'n/a'} | ${r.complete ? 'yes' : 'no'} |`);
    console.log(lines[lines.length - 1]);
  }
  lines.push('');
  lines.push('## The trends page with the synced history', '');
  lines.push('| history | cards | 90 days: interactive (median of 5) | 4× CPU throttling | all time | all time, 4× | your tags | your tags, 4× | JS heap | wasm memory |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [y, r] of runs) {
    const t = r.trends;
    lines.push(`| ${y} year${y > 1 ? 's' : ''} | ${t.cards} | ${t['90x1']} ms | ${t['90x4']} ms | ${t.allx1} ms | ${t.allx4} ms | ${t.tagsx1} ms | ${t.tagsx4} ms | ${kb(t.heap)} | ${kb(t.wasm)} |`);
  }
  lines.push(
    '',
    'After each backfill above: from navigating to `/trends` (90 days, or all time as weekly',
    'or monthly means; every measure with its baseline band, the band of each day from the',
    '60 days before it) until every card',
    'is drawn and a frame has passed; the insights read the store\'s compact `series` rows,',
    'not the documents. "Your tags" runs the bootstrap (1,000 resamples per tag and',
    'measure). Memory after the runs, the report and all-time trends (garbage collected):',
    'the JS heap (`Runtime.getHeapUsage`) and the app\'s WebAssembly memory (noted by an',
    'init script as the module is instantiated).',
    '',
  );
}

if (years.length > 0 && !process.env.BENCH_SIZE_ONLY) {
  lines.push(
    'Backfill: the app signs in to the simulator (`--days 365·N --hr-per-day 1200',
    '--latency-ms 50`, page sizes 100 documents / 1,000 samples), and the time runs from the',
    'sign-in click to "Sync complete". *Minimum* is the number of pages the data needs at',
    'those page sizes; the app adds one heartrate window per 30 days beyond that. IndexedDB',
    'usage is `navigator.storage.estimate().usage`; JS heap is `performance.memory`.',
    '',
  );
}

// Heartrate packing: the same samples with and without 1.41's timestamp_unix.
{
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-pack-'));
  const file = path.join(tmp, 'export.json');
  execFileSync(SIM_BIN, ['--days', '30', '--hr-per-day', '1200', '--end-date', '2026-11-20', '--write-export', file], { stdio: 'ignore' });
  const rows = execFileSync('cargo', ['run', '-q', '--release', '--example', 'heartrate_packing', '--', file], { cwd: ROOT, encoding: 'utf8' })
    .trim().split('\n').map((l) => JSON.parse(l));
  fs.rmSync(tmp, { recursive: true, force: true });
  lines.push(
    '## Heartrate stored per sample (30 days × 1,200 samples from the simulator)',
    '',
    'The same samples as Oura sends them today (OpenAPI 1.41, with `timestamp_unix`) and without',
    'it (1.27), packed as the store keeps them: typed arrays per UTC day, an exact',
    '`timestamp_unix` rebuilt from the instant at no cost.',
    '',
    '| samples as received | samples | JSON as received | stored (packed) |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.shape} | ${r.samples.toLocaleString('en-US')} | ${r.json_bytes_per_sample.toFixed(1)} B/sample | **${r.packed_bytes_per_sample.toFixed(2)} B/sample** |`),
    '',
  );
}

// Hand-written notes (history, what is not measured yet) survive a new run.
const previous = fs.existsSync(path.join(ROOT, 'BENCHMARKS.md')) ? fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8') : '';
const notesAt = previous.indexOf('\n## Notes');
if (notesAt >= 0) lines.push(previous.slice(notesAt + 1).trimEnd());

const out = lines.join('\n');
fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${out}\n`);
console.log(out);
