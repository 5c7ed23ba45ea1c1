// First paint with years of data, for `make bench`: from navigation until a page shows
// what it read from IndexedDB, the shell served by the service worker; and the memory
// the app holds after visiting every page.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/// How many of Today's three score rings show a number once everything is read (the
/// day may lack one, e.g. no activity yet): the first paint waits for that many.
export async function todayScores(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('.score-row .ring-value').length === 3
    && !document.querySelector('main .view-loading'), null, { timeout: 60000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
  return page.evaluate(() => [...document.querySelectorAll('.score-row .ring-value')].filter((e) => /\d/.test(e.textContent)).length);
}

/// Milliseconds from the navigation's start (`performance.timeOrigin`) until `ready`
/// holds in the page (checked every frame; it answers `performance.now()` then), then a
/// frame more. (The predicates are functions, not strings: the app's CSP allows no eval.)
async function timeTo(page, url, ready, arg) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(ready, arg, { polling: 'raf', timeout: 120000 });
  const t = await handle.jsonValue();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return t;
}

/// Today: its score rings show `n` numbers.
export function TODAY_READY(n) {
  const rings = [...document.querySelectorAll('.score-row .ring-value')];
  return rings.length === 3 && rings.filter((e) => /\d/.test(e.textContent)).length >= n && performance.now();
}

/// A data page: its heading and cards are in and nothing says it is still loading.
export function PAGE_READY() {
  const main = document.querySelector('main');
  return !!main && !!main.querySelector('h1') && !!main.querySelector('.card, section')
    && !main.querySelector('.view-loading') && !main.innerText.includes('Loading…') && performance.now();
}

/// The trends page: every measure's card is drawn.
export function TRENDS_READY() {
  return document.querySelectorAll('.trend .chart-svg').length >= 15 && !document.querySelector('main .view-loading') && performance.now();
}

/// Your tags: the tag cards (or the empty state) are in.
export function TAGS_READY() {
  return !!document.querySelector('.tag-effects .tag-card, .tag-effects .empty-state') && !document.querySelector('main .view-loading') && performance.now();
}

/// Median of `runs` timed loads of `url`, at each CPU throttling rate of `rates`.
export async function paint(page, cdp, url, ready, arg, runs, rates = [1, 4]) {
  const out = {};
  for (const rate of rates) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await timeTo(page, url, ready, arg));
    out[rate] = median(times);
    console.error(`# ${url} at ${rate}× CPU: ${times.map((t) => Math.round(t)).join(', ')} ms`);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return out;
}

/// Notes every WebAssembly memory an instance exports as it is instantiated (the app
/// keeps its module's exports to itself), from the next navigation on.
export async function noteWasmMemory(context) {
  await context.addInitScript(() => {
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
}

/// JS heap (after a garbage collection) and the app's wasm memory, in bytes.
export async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const wasm = await page.evaluate(() => [...(window.__wasmMemories ?? [])].reduce((n, m) => n + m.buffer.byteLength, 0));
  return { heap, wasm };
}
