// healthHub service worker: plain JavaScript, no build tool. It makes the app open in
// airplane mode and nothing more — it never sees Oura data or the token:
//
// - the app shell (every file of this build, by the hashed names Trunk produced) is
//   precached at install and served cache-first;
// - navigations go to the network first and fall back to the cached index.html when
//   the network fails (offline) or hangs;
// - config.json is network-first with a cached fallback (it is runtime configuration);
// - everything else passes through untouched: cross-origin requests, the configured
//   api_base path (e.g. /oura-api), anything under /oauth, any request carrying an
//   `Authorization` header, and any non-GET request are never intercepted or cached.
//
// scripts/post-build.mjs replaces the BUILD line below in dist/sw.js with this build's
// file list and version (a hash of the files), so every new build is a new worker.
'use strict';

const BUILD = { version: 'dev', files: [] }; // __HEALTHHUB_BUILD__ (written by the build)

const SCOPE = new URL('./', self.location.href).href; // the app's base URL, e.g. https://example.org/healthhub/
const SCOPE_PATH = new URL(SCOPE).pathname;
const SHELL_PREFIX = `healthhub-shell:${SCOPE}:`;
const SHELL_CACHE = SHELL_PREFIX + BUILD.version;
const CONFIG_CACHE = `healthhub-config:${SCOPE}`;
const CONFIG_URL = new URL('config.json', SCOPE).href;
const INDEX_URL = SCOPE; // index.html is fetched (and kept) as the base URL itself
const PRECACHE = new Set(BUILD.files.map((f) => new URL(f, SCOPE).href));
const NAVIGATION_TIMEOUT_MS = 4000;

// The same-origin api_base path from config.json (e.g. "/oura-api"), learned whenever
// config.json passes through; requests under it are never touched.
let apiPath = null;

function learnApiPath(configText) {
  try {
    const base = JSON.parse(configText).api_base;
    if (typeof base !== 'string' || base === '') return;
    const url = new URL(base, SCOPE);
    if (url.origin === self.location.origin) apiPath = url.pathname.replace(/\/+$/, '') || null;
  } catch {
    // An invalid config.json is the app's to report.
  }
}

// At start-up (the worker may have been stopped and restarted): from the cached config.
caches
  .open(CONFIG_CACHE)
  .then((c) => c.match(CONFIG_URL))
  .then((r) => (r ? r.text() : null))
  .then((t) => t && apiPath === null && learnApiPath(t))
  .catch(() => {});

/// A response that can answer any request: a redirected one (e.g. a host that maps
/// /index.html to /) is rebuilt, since browsers refuse redirected responses for
/// navigations.
async function clean(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await Promise.all(
        [...PRECACHE].map(async (url) => {
          const response = await fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
          if (!response.ok) throw new Error(`precache ${url}: HTTP ${response.status}`);
          await cache.put(url, await clean(response));
        }),
      );
      // The deployment's config.json, so the very first offline start has one.
      try {
        const response = await fetch(CONFIG_URL, { cache: 'no-store', credentials: 'same-origin' });
        if (response.ok) {
          learnApiPath(await response.clone().text());
          await (await caches.open(CONFIG_CACHE)).put(CONFIG_URL, response);
        }
      } catch {
        // Offline at install: the app fetches it later.
      }
    })(),
  );
  // No skipWaiting(): an update waits until the user presses "Reload" (the page posts
  // SKIP_WAITING), so a running app never mixes files of two builds.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(SHELL_PREFIX) && key !== SHELL_CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

function untouchable(request, url) {
  if (request.method !== 'GET') return true;
  if (request.headers.has('authorization')) return true;
  if (url.origin !== self.location.origin) return true;
  if (!url.pathname.startsWith(SCOPE_PATH)) return true;
  if (/(^|\/)oauth(\/|$)/i.test(url.pathname)) return true;
  if (apiPath && (url.pathname === apiPath || url.pathname.startsWith(`${apiPath}/`))) return true;
  return false;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  let url;
  try {
    url = new URL(request.url);
  } catch {
    return;
  }
  if (untouchable(request, url)) return; // the browser handles it as if there were no worker
  const key = url.origin + url.pathname;
  if (key === CONFIG_URL) {
    event.respondWith(config(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (PRECACHE.has(key)) {
    event.respondWith(shellFile(request, key));
  }
});

async function config(request) {
  const cache = await caches.open(CONFIG_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      learnApiPath(await response.clone().text());
      await cache.put(CONFIG_URL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(CONFIG_URL);
    if (cached) return cached;
    throw error;
  }
}

async function cachedIndex() {
  const cache = await caches.open(SHELL_CACHE);
  return cache.match(INDEX_URL, { ignoreVary: true });
}

async function navigation(request) {
  const network = fetch(request);
  network.catch(() => {}); // handled below; no "uncaught" noise when the cache answered first
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, NAVIGATION_TIMEOUT_MS, 'slow');
  });
  try {
    const first = await Promise.race([network, slow]);
    if (first !== 'slow') return first;
    const cached = await cachedIndex();
    return cached || (await network);
  } catch (error) {
    const cached = await cachedIndex();
    if (cached) return cached;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function shellFile(request, key) {
  const cache = await caches.open(SHELL_CACHE);
  const hit = await cache.match(key, { ignoreVary: true, ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(key, await clean(response.clone()));
  return response;
}
