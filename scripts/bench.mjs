// make bench: measures what a phone user feels and holds the budgets (issue 15):
// - download: the first load per UI language (raw / gzip -9 / brotli q11), the modules
//   loaded on first use;
// - the first sync of 1 and 5 years from the simulator over a phone network (300 ms per
//   request, Oura's rate limit of 5,000 requests per 5 minutes per token): requests
//   against the minimum, wall time against its two lower bounds, and the incremental sync
//   a day later; the same 5-year sync the naive way (scripts/bench/naive.mjs), side by side;
// - first paint with the history stored (Today, every data page, the trends), normal and
//   with the CPU throttled 4×, the shell served by the service worker;
// - storage (IndexedDB bytes, heart-rate bytes per sample, the store's write rate),
//   memory after every page, Lighthouse (scripts/bench/lighthouse.mjs) on Today.
// Writes BENCHMARKS.md (BENCH_QUICK=1: a subset on one year, written to
// target/BENCHMARKS-quick.md) and exits 1 when a budget is missed. Text under
// "## Notes" of the existing BENCHMARKS.md is kept, and the "## History" table gains (or
// replaces) this commit's line. Needs `make dist sim` (the Makefile's bench target).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../tests/e2e/lib/static-server.mjs';
import { launch, CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/lib/browser.mjs';
import { SYNC_COMPLETE } from '../tests/e2e/lib/journey.mjs';
import { startSim, simConfig, SIM_BIN } from '../tests/e2e/lib/sim.mjs';
import { DIST as BUILT, ROOT } from '../tests/e2e/lib/paths.mjs';
import { walk, mint } from './bench/naive.mjs';
import { paint, todayScores, memory, noteWasmMemory, TODAY_READY, PAGE_READY, TRENDS_READY, TAGS_READY } from './bench/paint.mjs';
import { lighthouse, LIGHTHOUSE_VERSION } from './bench/lighthouse.mjs';

const STARTED = Date.now();
const QUICK = !!process.env.BENCH_QUICK;
const SIZE_ONLY = !!process.env.BENCH_SIZE_ONLY;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
const YEARS = QUICK ? [1] : (process.env.BENCH_YEARS ?? '1,5').split(',').filter(Boolean).map(Number);
// Oura's rate limit: 5,000 requests per 5 minutes per token.
const RATE_LIMIT = 5000;
const RATE_WINDOW_S = 300;
const RATE = RATE_LIMIT / RATE_WINDOW_S;
const HR_PER_DAY = 1200;
// The requests the client keeps in flight (src/oura/client.rs, ClientOptions::default).
const CLIENT_IN_FLIGHT = 6;
const PAINT_RUNS = QUICK ? 3 : 10;
const PAGE_RUNS = QUICK ? 1 : 5;
const LIGHTHOUSE_RUNS = QUICK ? 1 : 3;
const MB = 1024 * 1024;
const STORAGE_BUDGET = 37.7 * 1000 * 1000;

const utcDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const TODAY = utcDay(Date.now());
const YESTERDAY = utcDay(Date.now() - 86_400_000);

/// Every budget checked: { what, value (text), limit (text), ok }.
const budgets = [];
function budget(what, ok, value, limit) {
  budgets.push({ what, ok, value, limit });
  console.error(`# budget ${ok ? 'met' : 'MISSED'}: ${what}: ${value} (budget ${limit})`);
}

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

/// The simulator's flags for `days` of history ending `end` over the phone network.
function simArgs(days, end) {
  return ['--auto-approve', '--days', String(days), '--hr-per-day', String(HR_PER_DAY), '--end-date', end,
    '--no-travel', '--latency-ms', String(LATENCY_MS), '--rate-limit', String(RATE_LIMIT),
    '--rate-limit-window', String(RATE_WINDOW_S)];
}

/// The fewest requests that can carry the data: per document endpoint its pages at the
/// simulator's page size, heartrate's and the battery's rows per page.
function minimumRequests(info) {
  const pageSize = info.page_size ?? 100;
  const hrPage = info.hr_page_size ?? 1000;
  let min = 0;
  for (const [name, n] of Object.entries(info.counts)) {
    if (name === 'heartrate' || name === 'ring_battery_level') min += Math.max(1, Math.ceil(n / hrPage));
    else if (name === 'personal_info') min += 1;
    else min += Math.max(1, Math.ceil(n / pageSize));
  }
  return min;
}

/// The shape of the data: the same walk as the naive client with no latency and no
/// limit, on the simulator the app is about to sync (its stats are reset afterwards).
async function probe(sim, info) {
  await sim.configure({ latency_ms: 0, rate_limit: 0 });
  const r = await walk(sim.url, info, await mint(sim.url));
  await sim.configure({ latency_ms: LATENCY_MS, rate_limit: RATE_LIMIT });
  await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
  return r;
}

/// A persistent Chromium profile (the service worker and IndexedDB survive navigations,
/// and Lighthouse opens it after Playwright closes it).
async function openProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    locale: 'en-US', timezoneId: 'UTC', viewport: { width: 412, height: 823 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let open = true;
  return {
    context, page, dir,
    /// Closes the browser, keeping the profile.
    async closeBrowser() {
      if (open) await context.close();
      open = false;
    },
    async close() {
      await this.closeBrowser();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/// The storage in use on the profile `dir`, opened again.
async function atRest(dir, url) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'en-US', timezoneId: 'UTC',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.locator('header.app-header').waitFor({ timeout: 60000 });
    return await storageUse(page);
  } finally {
    await context.close();
  }
}

async function storageUse(page) {
  const e = await page.evaluate(async () => navigator.storage.estimate());
  return { usage: e.usage, idb: e.usageDetails?.indexedDB ?? e.usage, caches: e.usageDetails?.caches ?? 0 };
}

/// Waits for the sync's end and says how it ended.
async function syncEnd(page) {
  await page.getByText(new RegExp(`${SYNC_COMPLETE.replace(/[.:]/g, '\\$&')}|could not be synced`)).first().waitFor({ timeout: 60 * 60 * 1000 });
  return (await page.locator('body').innerText()).includes(SYNC_COMPLETE);
}

/// Signs in to the simulator and syncs `years` of history; then a day later (the
/// simulator restarted with one more day) the incremental sync. With `measure`, the first
/// paint of every page, memory and Lighthouse with that history stored.
async function history(years, measure) {
  const days = 365 * years;
  let sim = await startSim(simArgs(days, YESTERDAY), { small: false });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-bench-'));
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  const app = await startStaticServer({ root: DIST, configFile: config, deploy: true });
  const info = await (await fetch(`${sim.url}/__sim/info`)).json();
  const shape = await probe(sim, info);
  const profile = await openProfile();
  const { page, context } = profile;
  const out = { years, days, info, shape, minimum: minimumRequests(info) };
  try {
    await page.goto(app.url);
    await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
    let t0 = Date.now();
    await page.getByRole('button', { name: 'Sign in with Oura' }).click();
    out.complete = await syncEnd(page);
    out.wall = (Date.now() - t0) / 1000;
    const stats = await sim.stats();
    out.requests = stats.total;
    out.refused = stats.by_status?.['429'] ?? 0;
    out.concurrency = stats.peak_in_flight;
    out.storage = await storageUse(page);
    console.error(`# ${years} y first sync: ${out.wall.toFixed(1)} s, ${out.requests} requests (minimum ${out.minimum}), ${out.concurrency} in flight`);

    // A day later: the simulator has one more day (same person, same seed).
    const session = await page.evaluate(() => localStorage.getItem('healthhub.session'));
    const token = JSON.parse(session ?? '{}').token;
    if (!token) throw new Error('no session after the first sync');
    await sim.stop();
    sim = await startSim([...simArgs(days + 1, TODAY), '--token', token], { small: false, port: sim.port });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
    t0 = Date.now();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(SYNC_COMPLETE).waitFor({ state: 'hidden', timeout: 30000 }).catch(() => {});
    const later = await syncEnd(page);
    out.incremental = { complete: later, wall: (Date.now() - t0) / 1000, requests: (await sim.stats()).total };
    console.error(`# ${years} y a day later: ${out.incremental.wall.toFixed(1)} s, ${out.incremental.requests} requests`);
    out.storage = await storageUse(page);
    if (measure) Object.assign(out, await pages(profile, app.url, info));
    // At rest: the browser closed and opened again (as a phone does), when IndexedDB
    // has written its log of recent writes into its compressed tables.
    await profile.closeBrowser();
    out.rest = await atRest(profile.dir, app.url);
    console.error(`# ${years} y IndexedDB: ${(out.storage.idb / MB).toFixed(1)} MB after the sync, ${(out.rest.idb / MB).toFixed(1)} MB at rest`);
    if (measure) {
      try {
        out.lighthouse = await lighthouse(app.url, profile.dir, LIGHTHOUSE_RUNS);
      } catch (e) {
        console.error(`# lighthouse failed: ${e.message}`);
        out.lighthouse = { runs: 0, error: String(e.message).split('\n')[0], performance: 0, accessibility: 0, bestPractices: 0, lcp: NaN, tbt: NaN, fcp: NaN, failed: [] };
      }
    }
  } finally {
    await profile.close();
    await app.close();
    await sim.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

/// First paint of Today, every data page and the trends with the history stored, the
/// shell served by the service worker; then the memory held.
async function pages({ page, context }, url, info) {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await noteWasmMemory(context);
  await page.reload();
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  if (!controlled) throw new Error('the service worker does not control the page');
  const cdp = await context.newCDPSession(page);
  const scores = await todayScores(page, url);
  const out = { scores, paint: {} };
  out.paint.today = await paint(page, cdp, url, TODAY_READY, scores, PAINT_RUNS);
  const day = info.end_date;
  const names = Object.keys(info.counts);
  for (const name of QUICK ? ['daily_sleep', 'sleep', 'heartrate'] : names) {
    out.paint[name] = await paint(page, cdp, `${url}data/${name}?day=${day}`, PAGE_READY, null, PAGE_RUNS);
  }
  out.paint['trends 90 days'] = await paint(page, cdp, `${url}trends?range=90`, TRENDS_READY, null, PAGE_RUNS);
  if (!QUICK) {
    out.paint['trends all time'] = await paint(page, cdp, `${url}trends?range=all`, TRENDS_READY, null, PAGE_RUNS);
    out.paint['your tags'] = await paint(page, cdp, `${url}trends/tags`, TAGS_READY, null, PAGE_RUNS);
    await page.goto(`${url}trends/report`);
    await page.locator('.report-title').waitFor({ timeout: 120000 });
    await page.goto(`${url}settings`);
    await page.getByRole('heading', { name: 'Data on this device' }).waitFor({ timeout: 120000 });
  }
  out.memory = await memory(page, cdp);
  await cdp.detach();
  await page.goto('about:blank');
  return out;
}

/// The store's write rate: an export of `days` imported in Settings, from choosing the
/// file until "Imported …".
async function writeRate(days) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-bench-import-'));
  const file = path.join(tmp, 'export.json');
  execFileSync(SIM_BIN, ['--days', String(days), '--hr-per-day', String(HR_PER_DAY), '--end-date', YESTERDAY, '--no-travel', '--write-export', file], { stdio: 'ignore' });
  const exp = JSON.parse(fs.readFileSync(file, 'utf8'));
  const samples = (exp.collections?.heartrate ?? exp.data?.heartrate ?? []).length;
  const app = await startStaticServer({ root: DIST });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${app.url}settings`);
    await page.getByRole('heading', { name: 'Data on this device' }).waitFor({ timeout: 60000 });
    const t0 = Date.now();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText(/^Imported [\d,]+ records/).waitFor({ timeout: 30 * 60 * 1000 });
    const s = (Date.now() - t0) / 1000;
    return { days, samples, bytes: fs.statSync(file).size, seconds: s };
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/// Heartrate packing: the same samples with and without 1.41's timestamp_unix.
function packing() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-pack-'));
  const file = path.join(tmp, 'export.json');
  execFileSync(SIM_BIN, ['--days', '30', '--hr-per-day', String(HR_PER_DAY), '--end-date', '2026-11-20', '--write-export', file], { stdio: 'ignore' });
  // The dev profile: the packing is the same, and its build is shared with `cargo test`.
  const rows = execFileSync('cargo', ['run', '-q', '--example', 'heartrate_packing', '--', file], { cwd: ROOT, encoding: 'utf8' })
    .trim().split('\n').map((l) => JSON.parse(l));
  fs.rmSync(tmp, { recursive: true, force: true });
  return rows;
}

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const kbs = (n) => `${(n / 1024).toFixed(1)} KB`;
const mbs = (n) => `${(n / MB).toFixed(1)} MB`;
const ms = (n) => `${Math.round(n)} ms`;
const secs = (n) => `${n.toFixed(1)} s`;
const plural = (y) => `${y} year${y > 1 ? 's' : ''}`;

const { rows, total, lazy, lazyTotal } = bundleSizes();
const screens = [await firstScreen('en-US'), await firstScreen('ja-JP')];
const worst = Math.max(total.br, ...screens.map((s) => s.total.br));
budget('first load, brotli (largest UI language)', worst <= 200 * 1024, kbs(worst), '≤ 200 KB');

const runs = [];
let naive = null;
let imported = null;
if (!SIZE_ONLY && YEARS.length > 0) {
  // The naive way runs beside the rest (it waits on the network almost all the time), on
  // its own simulator with the largest history. (Not in the quick run: one request at a
  // time, even one year takes longer than the whole quick run may.)
  const naiveYears = Math.max(...YEARS);
  let naiveRun = Promise.resolve(null);
  if (!QUICK) {
    const naiveSim = await startSim(simArgs(365 * naiveYears, YESTERDAY), { small: false });
    const naiveInfo = await (await fetch(`${naiveSim.url}/__sim/info`)).json();
    naiveRun = mint(naiveSim.url).then((token) => walk(naiveSim.url, naiveInfo, token))
      .then((r) => ({ ...r, years: naiveYears }))
      .catch((e) => ({ years: naiveYears, error: String(e.message ?? e) }))
      .finally(() => naiveSim.stop());
  }
  for (const y of YEARS) runs.push(await history(y, y === Math.max(...YEARS)));
  imported = await writeRate(QUICK ? 30 : 365);
  naive = await naiveRun;
}
const hrPacking = SIZE_ONLY ? [] : packing();

const lines = [
  '# healthHub benchmarks',
  '',
  `Measured by \`make bench${QUICK ? ' BENCH_QUICK=1' : ''}\` on ${TODAY} at commit \`${git('rev-parse', '--short', 'HEAD') || '?'}\`, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Debian's Chromium headless (${CHROMIUM}).`,
  'Figures are measurements of this machine, never test assertions. Every comparison is',
  'measured in the same run as its figure.',
  '',
];

/// The sync figures of one history: the bounds and the budgets.
function syncFigures(r) {
  const lat = LATENCY_MS / 1000;
  const longest = Math.max(...r.shape.chains.map((c) => c.pages));
  const c = Math.max(1, r.concurrency);
  const rateBound = r.requests / RATE;
  // At the concurrency the client is built for (a regression to fewer requests in
  // flight must show as a slower sync, not as a lower bound).
  const pathBound = lat * Math.max(longest, Math.ceil(r.requests / Math.max(c, CLIENT_IN_FLIGHT)));
  const bound = Math.max(rateBound, pathBound);
  return { longest, c, rateBound, pathBound, bound, ratio: r.requests / r.minimum, wallRatio: r.wall / bound };
}

if (runs.length > 0) {
  for (const r of runs) {
    const f = syncFigures(r);
    budget(`${plural(r.years)}: requests against the minimum`, f.ratio <= 1.02, `${r.requests} / ${r.minimum} = ${f.ratio.toFixed(3)}×`, '≤ 1.02×');
    budget(`${plural(r.years)}: first sync against its larger lower bound`, f.wallRatio <= 1.15 && r.complete, `${secs(r.wall)} / ${secs(f.bound)} = ${f.wallRatio.toFixed(2)}×${r.complete ? '' : ' (not complete)'}`, '≤ 1.15×');
  }
  const big = runs.find((r) => r.years === Math.max(...YEARS));
  const today = big.paint.today;
  budget(`first paint of Today with ${plural(big.years)} stored`, today[1] <= 300, ms(today[1]), '≤ 300 ms');
  budget(`first paint of Today with ${plural(big.years)} stored, 4× CPU throttling`, today[4] <= 1000, ms(today[4]), '≤ 1 s');
  if (big.years >= 5) budget('IndexedDB with 5 years stored (at rest)', big.rest.idb <= STORAGE_BUDGET, `${mbs(big.rest.idb)} (${mbs(big.storage.idb)} right after the sync)`, '≤ 37.7 MB (36.0 MiB)');
  const mem = big.memory.heap + big.memory.wasm;
  budget(`memory after every page with ${plural(big.years)} stored (JS heap + wasm)`, mem <= 60 * MB, mbs(mem), '≤ 60 MB');
  const lh = big.lighthouse;
  budget('Lighthouse (mobile) on Today: performance / accessibility / best practices',
    lh.performance >= 95 && lh.accessibility >= 100 && lh.bestPractices >= 100,
    lh.error ? `could not run: ${lh.error}` : `${lh.performance} / ${lh.accessibility} / ${lh.bestPractices}`, '≥ 95 / 100 / 100');
}
if (naive?.error) budget('the naive sync measured beside it', false, `failed: ${naive.error}`, 'measured');
for (const r of hrPacking) {
  budget(`heart rate stored per sample (${r.shape})`, r.packed_bytes_per_sample <= 4, `${r.packed_bytes_per_sample.toFixed(2)} B`, '≤ 4 B');
}

const missed = budgets.filter((b) => !b.ok);
lines.push(
  '## Budgets',
  '',
  `${missed.length === 0 ? '**Every budget is met.**' : `**${missed.length} of ${budgets.length} budgets missed** (\`make bench\` exits 1).`}`,
  '',
  '| budget | measured | limit | |',
  '|---|---:|---:|---|',
  ...budgets.map((b) => `| ${b.what} | ${b.value} | ${b.limit} | ${b.ok ? 'met' : '**missed**'} |`),
  '',
);

lines.push(
  '## Download: the first load',
  '',
  'The files of dist/ the first screen needs (release build, wasm-opt -Oz):',
  '',
  '| file | raw | gzip -9 | brotli q11 |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.file} | ${kbs(r.raw)} | ${kbs(r.gzip)} | ${kbs(r.br)} |`),
  `| **total** | **${kbs(total.raw)}** | **${kbs(total.gzip)}** | **${kbs(total.br)}** |`,
  '',
  'Measured in Chromium (service worker blocked): everything fetched until the first',
  'screen (Today) is shown and the network is idle, per UI language:',
  '',
  '| UI language | files | raw | gzip -9 | brotli q11 | beyond the table above |',
  '|---|---:|---:|---:|---:|---|',
  ...screens.map((s) => `| ${s.lang} (${s.locale}) | ${s.rows.length} | ${kbs(s.total.raw)} | ${kbs(s.total.gzip)} | **${kbs(s.total.br)}** | ${s.rows.filter((r) => !rows.some((x) => x.file === r.file)).map((r) => r.file.replace(/_\d{8,}-<hash>/, '-<hash>')).join(', ') || '—'} |`),
  '',
  `Budget ≤ 200 KB brotli, aim 150: largest ${kbs(worst)}.`,
  '',
  '### Loaded on first use (wasm-split modules, precached by the service worker)',
  '',
  'Fetched when a page or task first needs them: `split_<name>` is one split point',
  '(the pages other than Today, the sync run, export, import, the Japanese text), `chunk_<n>`',
  'code that several of them share.',
  '',
  '| file | raw | gzip -9 | brotli q11 |',
  '|---|---:|---:|---:|',
  ...lazy.filter((r) => !r.file.startsWith('chunk_')).map((r) => `| ${r.file.replace(/_\d{8,}-<hash>/, '-<hash>')} | ${kbs(r.raw)} | ${kbs(r.gzip)} | ${kbs(r.br)} |`),
  (() => {
    const chunks = lazy.filter((r) => r.file.startsWith('chunk_'));
    const t = sum(chunks);
    const big = chunks.filter((r) => r.br >= 5 * 1024).map((r) => `${r.file.replace(/-<hash>.*/, '')} ${kbs(r.br)}`).join(', ');
    return `| ${chunks.length} shared chunks (largest: ${big || '—'}) | ${kbs(t.raw)} | ${kbs(t.gzip)} | ${kbs(t.br)} |`;
  })(),
  `| **total** | **${kbs(lazyTotal.raw)}** | **${kbs(lazyTotal.gzip)}** | **${kbs(lazyTotal.br)}** |`,
  '',
);

if (runs.length > 0) {
  lines.push(
    `## The first sync over a phone network (${LATENCY_MS} ms per request, ${RATE_LIMIT.toLocaleString('en-US')} requests per ${RATE_WINDOW_S / 60} minutes per token)`,
    '',
    `The app signs in to the simulator (\`--days 365·N --hr-per-day ${HR_PER_DAY} --latency-ms ${LATENCY_MS} --rate-limit ${RATE_LIMIT} --rate-limit-window ${RATE_WINDOW_S}\`,`,
    'pages of 100 documents / 1,000 samples) and syncs until "Sync complete". *Minimum*: the',
    'pages the data needs at those page sizes. *Rate-limit bound*: requests ÷ 16.7 per',
    'second. *Critical path*: the latency × the larger of the longest chain of dependent pages',
    '(one window followed page by page) and the requests ÷ the requests the client keeps in flight',
    `(${CLIENT_IN_FLIGHT}; *in flight*: the most the simulator counted at once). *A day later*: the simulator restarted with one more`,
    'day of data, then "Sync now".',
    '',
    '| history | requests | minimum | ratio | in flight | 429s | wall time | rate-limit bound | critical path | wall ÷ larger bound | a day later: requests | a day later: wall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => {
      const f = syncFigures(r);
      return `| ${plural(r.years)} | ${r.requests} | ${r.minimum} | ${f.ratio.toFixed(3)}× | ${f.c} | ${r.refused} | **${secs(r.wall)}** | ${secs(f.rateBound)} | ${secs(f.pathBound)} (chain of ${f.longest}) | ${f.wallRatio.toFixed(2)}× | ${r.incremental.requests} | ${secs(r.incremental.wall)} |`;
    }),
    '',
  );
  if (naive?.error) {
    lines.push(`### The naive way, side by side (${plural(naive.years)})`, '', `The naive walk failed: ${naive.error}`, '');
  } else if (naive) {
    const same = runs.find((r) => r.years === naive.years);
    lines.push(
      `### The naive way, side by side (${plural(naive.years)})`,
      '',
      'As most peer clients fetch: one endpoint after the other, heart rate and battery in',
      'consecutive 30-day windows, one request at a time (scripts/bench/naive.mjs, on its own',
      'simulator with the same flags, during this run). It only fetches, storing nothing,',
      'so its time is a lower estimate of the naive way.',
      '',
      '| | requests | wall time |',
      '|---|---:|---:|',
      `| healthHub | ${same?.requests ?? '—'} | ${same ? secs(same.wall) : '—'} |`,
      `| naive | ${naive.requests} | ${secs(naive.wall)} |`,
      `| **naive ÷ healthHub** | | **${same ? (naive.wall / same.wall).toFixed(1) : '—'}×** |`,
      '',
    );
  }

  const big = runs.find((r) => r.years === Math.max(...YEARS));
  const ordered = Object.entries(big.paint);
  lines.push(
    `## First paint with ${plural(big.years)} stored`,
    '',
    'From the navigation\'s start until the page shows what it read from IndexedDB (Today:',
    `its ${big.scores} score rings with a number; a data page: its cards, nothing loading; the`,
    'trends: every card drawn), checked every frame, the app shell and its modules served',
    `by the service worker. Median of ${PAINT_RUNS} (Today) or ${PAGE_RUNS} (the others), normal and with`,
    'the CPU throttled 4× (DevTools `Emulation.setCPUThrottlingRate`). Data pages show the',
    'last day of data; `heartrate` is the heart-rate day view.',
    '',
    '| page | normal | 4× CPU |',
    '|---|---:|---:|',
    ...ordered.map(([name, t]) => `| ${name === 'today' ? '**Today**' : name} | ${ms(t[1])} | ${ms(t[4])} |`),
    '',
    `## Storage and memory`,
    '',
    '| history | IndexedDB right after the sync | IndexedDB at rest | all storage at rest (with the service worker\'s caches) |',
    '|---|---:|---:|---:|',
    ...runs.map((r) => `| ${plural(r.years)} | ${mbs(r.storage.idb)} | **${mbs(r.rest.idb)}** | ${mbs(r.rest.usage)} |`),
    '',
    '`navigator.storage.estimate()` (its `usageDetails.indexedDB`) right after the sync a day later, and at rest: the',
    'browser closed and opened again on the same profile, when IndexedDB (LevelDB) has written the log of recent',
    'writes into its compressed tables. The budget is on the figure at rest, what the data takes on the phone.',
    '',
  );
  if (imported) {
    lines.push(
      `Write rate: an export of ${imported.days} days (${imported.samples.toLocaleString('en-US')} heart-rate samples, ${mbs(imported.bytes)}) imported in Settings`,
      `in ${secs(imported.seconds)}: **${Math.round(imported.samples / imported.seconds).toLocaleString('en-US')} samples/s** with every document.`,
      '',
    );
  }
  lines.push(
    `Memory after visiting every page above with ${plural(big.years)} stored (garbage collected): JS heap`,
    `${mbs(big.memory.heap)} (\`Runtime.getHeapUsage\`) + wasm memory ${mbs(big.memory.wasm)} (noted by an init script as`,
    `the module is instantiated) = **${mbs(big.memory.heap + big.memory.wasm)}**.`,
    '',
    `## Lighthouse on Today (${plural(big.years)} stored)`,
    '',
    `Lighthouse ${LIGHTHOUSE_VERSION}, its default mobile configuration (simulated slow 4G, 4× CPU), in Chromium on the`,
    'benchmark\'s own profile (storage kept: the data and the service worker), the app served as deploy/ serves it',
    `(brotli or gzip, the build's Cache-Control). Median of ${big.lighthouse.runs}.`,
    '',
    '| performance | accessibility | best practices | LCP | TBT | FCP |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${big.lighthouse.performance} | ${big.lighthouse.accessibility} | ${big.lighthouse.bestPractices} | ${ms(big.lighthouse.lcp)} | ${ms(big.lighthouse.tbt)} | ${ms(big.lighthouse.fcp)} |`,
    '',
    big.lighthouse.error ? `Lighthouse could not run: ${big.lighthouse.error}` : big.lighthouse.failed.length ? `Audits not passed: ${big.lighthouse.failed.map((a) => `\`${a}\``).join(', ')}.` : 'Every binary audit passed.',
    '',
  );
}

if (hrPacking.length > 0) {
  lines.push(
    '## Heart rate stored per sample (30 days × 1,200 samples from the simulator)',
    '',
    'The same samples as Oura sends them today (OpenAPI 1.41, with `timestamp_unix`) and without',
    'it (1.27), packed as the store keeps them (examples/heartrate_packing.rs).',
    '',
    '| samples as received | samples | JSON as received | stored (packed) |',
    '|---|---:|---:|---:|',
    ...hrPacking.map((r) => `| ${r.shape} | ${r.samples.toLocaleString('en-US')} | ${r.json_bytes_per_sample.toFixed(1)} B/sample | **${r.packed_bytes_per_sample.toFixed(2)} B/sample** |`),
    '',
  );
}

const elapsed = (Date.now() - STARTED) / 1000;
lines.push(`This run took ${(elapsed / 60).toFixed(1)} minutes (\`make bench\` also builds dist/ first).`, '');

// History: one line per commit (this run's replaces an earlier one of the same commit).
const target = QUICK ? path.join(ROOT, 'target/BENCHMARKS-quick.md') : path.join(ROOT, 'BENCHMARKS.md');
const previous = fs.existsSync(path.join(ROOT, 'BENCHMARKS.md')) ? fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8') : '';
const HISTORY = '## History';
const NOTES = '## Notes';
const section = (text, head) => {
  const at = text.indexOf(`\n${head}`);
  if (at < 0) return '';
  const next = text.indexOf('\n## ', at + head.length + 1);
  return text.slice(at + 1, next < 0 ? text.length : next);
};
const commit = git('rev-parse', '--short', 'HEAD') || '?';
const dirty = git('status', '--porcelain', '--untracked-files=no') ? '+' : '';
const old = section(previous, HISTORY).split('\n').filter((l) => /^\| 20\d\d-/.test(l));
const big = runs.find((r) => r.years === Math.max(...YEARS));
const sync5 = runs.find((r) => r.years === 5);
const mine = [
  TODAY, `\`${commit}${dirty}\``,
  `${kbs(screens[0].total.br)} / ${kbs(screens[1].total.br)}`,
  sync5 ? `${secs(sync5.wall)}, ${sync5.requests} req` : '—',
  big ? `${ms(big.paint.today[1])} / ${ms(big.paint.today[4])}` : '—',
  sync5 ? mbs(sync5.rest.idb) : '—',
  hrPacking.length ? `${Math.max(...hrPacking.map((r) => r.packed_bytes_per_sample)).toFixed(2)} B` : '—',
  big ? mbs(big.memory.heap + big.memory.wasm) : '—',
  big ? `${big.lighthouse.performance} / ${big.lighthouse.accessibility} / ${big.lighthouse.bestPractices}` : '—',
];
const line = `| ${mine.join(' | ')} |`;
const kept = QUICK || SIZE_ONLY ? old : old.filter((l) => !l.includes(`\`${commit}`));
const historyLines = QUICK || SIZE_ONLY ? kept : [...kept, line];
lines.push(
  HISTORY,
  '',
  'One line per commit measured by a full `make bench` (first load: brotli, en / ja; the sync,',
  'IndexedDB, first paint and memory with 5 years; Lighthouse: performance / accessibility /',
  'best practices).',
  '',
  '| date | commit | first load | 5-year first sync | Today first paint (1× / 4×) | IndexedDB, 5 years | heart rate per sample | memory | Lighthouse |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ...historyLines,
  '',
);
const notes = section(previous, NOTES);
if (notes) lines.push(notes.trimEnd(), '');

const out = lines.join('\n');
fs.writeFileSync(target, out);
console.log(out);
console.log(`\n${missed.length === 0 ? 'every budget met' : `${missed.length} budget(s) missed: ${missed.map((b) => b.what).join('; ')}`}; written to ${path.relative(ROOT, target)}`);
process.exit(missed.length === 0 ? 0 : 1);
