// A real deployment: Debian's nginx serves a copy of dist/ with the committed snippets
// deploy/nginx/app.conf + headers.conf (only the Oura upstream is swapped for the local
// simulator, which runs with --no-cors like Oura's real API) and the CSP include from
// deploy/nginx/csp-include.sh. config.json uses the same-origin "api_base": "/oura-api".
// The app loads under the CSP header with no violation, sign-in through the simulator's
// consent page works, an authenticated request through /oura-api succeeds while the
// same request straight to the API's origin is blocked by CORS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { startSim, freePort, waitForHttp } from './lib/sim.mjs';
import { watchCsp, builtCsp, assertStrictCsp } from './lib/csp.mjs';
import { DIST, ROOT } from './lib/paths.mjs';

const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const DEPLOY = path.join(ROOT, 'deploy/nginx');

let browser;
let sim;
let nginx;
let nginxExited;
let appUrl;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-deploy-'));

/// The committed snippet with the upstream swapped; fails if the snippet changed shape.
function appConfFor(simPort) {
  const conf = fs.readFileSync(path.join(DEPLOY, 'app.conf'), 'utf8');
  const swaps = [
    ['proxy_pass https://api.ouraring.com/;', `proxy_pass http://127.0.0.1:${simPort}/;`],
    ['proxy_set_header Host api.ouraring.com;', `proxy_set_header Host 127.0.0.1:${simPort};`],
  ];
  let out = conf;
  for (const [from, to] of swaps) {
    assert.ok(out.includes(from), `deploy/nginx/app.conf contains "${from}"`);
    out = out.replace(from, to);
  }
  return out;
}

before(async () => {
  assert.ok(fs.existsSync(NGINX), `${NGINX} is missing: run make setup (it installs Debian's nginx)`);
  sim = await startSim(['--no-cors']);
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}/`;

  // The web root: dist/ as deployed, with the operator's config.json.
  const www = path.join(tmp, 'www');
  fs.cpSync(DIST, www, { recursive: true });
  fs.writeFileSync(path.join(www, 'config.json'), JSON.stringify({
    client_id: 'healthhub-dev',
    authorize_url: `${sim.url}/oauth/authorize`,
    api_base: '/oura-api',
  }));

  const conf = path.join(tmp, 'conf');
  fs.mkdirSync(path.join(conf, 'healthhub'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'logs'));
  fs.mkdirSync(path.join(tmp, 'temp'));
  fs.writeFileSync(path.join(conf, 'healthhub/app.conf'), appConfFor(sim.port));
  fs.copyFileSync(path.join(DEPLOY, 'headers.conf'), path.join(conf, 'healthhub/headers.conf'));
  fs.writeFileSync(path.join(conf, 'healthhub/csp.conf'), execFileSync(path.join(DEPLOY, 'csp-include.sh'), [www]));
  const asRoot = process.getuid?.() === 0;
  fs.writeFileSync(path.join(conf, 'nginx.conf'), `
${asRoot ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/logs/error.log warn;
events { worker_connections 128; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${tmp}/logs/access.log;
  client_body_temp_path ${tmp}/temp/body;
  proxy_temp_path ${tmp}/temp/proxy;
  fastcgi_temp_path ${tmp}/temp/fastcgi;
  uwsgi_temp_path ${tmp}/temp/uwsgi;
  scgi_temp_path ${tmp}/temp/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${www};
    include healthhub/app.conf;
  }
}
`);
  const args = ['-p', `${tmp}/`, '-c', path.join(conf, 'nginx.conf'), '-e', path.join(tmp, 'logs/error.log')];
  execFileSync(NGINX, [...args, '-t'], { stdio: 'pipe' }); // a config error shows here, clearly
  nginx = spawn(NGINX, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  nginxExited = new Promise((r) => nginx.once('exit', r));
  await waitForHttp(appUrl, 10000);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGTERM');
    await nginxExited;
  }
  await sim?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('nginx: headers, MIME types, cache policy and the SPA fallback', async () => {
  const policy = builtCsp(DIST);
  const index = await fetch(appUrl);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), policy, 'the build\'s policy, nothing added (same-origin API)');
  assertStrictCsp(assert, index.headers.get('content-security-policy'));
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('x-frame-options'), 'DENY');
  assert.equal(index.headers.get('cache-control'), 'no-cache');

  const deep = await fetch(`${appUrl}data/sleep`);
  assert.equal(deep.status, 200, 'SPA fallback');
  assert.match(deep.headers.get('content-type'), /^text\/html/);
  assert.equal(deep.headers.get('content-security-policy'), policy);

  const html = await deep.text();
  const wasm = html.match(/healthhub-[0-9a-f]{16}_bg\.wasm/)[0];
  const js = html.match(/healthhub-[0-9a-f]{16}\.js/)[0];
  const w = await fetch(appUrl + wasm);
  assert.equal(w.headers.get('content-type'), 'application/wasm');
  assert.equal(w.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const j = await fetch(appUrl + js);
  assert.match(j.headers.get('content-type'), /javascript/);
  assert.equal(j.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  // The modules loaded on first use (code splitting): wasm for instantiateStreaming, and
  // as immutable as the main module.
  const split = fs.readdirSync(DIST).find((f) => /^split_settings_page-[0-9a-f]{16}\.wasm$/.test(f));
  assert.ok(split, 'the build has the Settings page as its own module');
  const s = await fetch(appUrl + split);
  assert.equal(s.status, 200, split);
  assert.equal(s.headers.get('content-type'), 'application/wasm', split);
  assert.equal(s.headers.get('cache-control'), 'public, max-age=31536000, immutable', split);
  for (const file of ['sw.js', 'config.json', 'manifest.webmanifest']) {
    const r = await fetch(appUrl + file);
    assert.equal(r.status, 200, file);
    assert.equal(r.headers.get('cache-control'), 'no-cache', file);
    assert.equal(r.headers.get('content-security-policy'), policy, file);
  }
  assert.equal((await fetch(`${appUrl}manifest.webmanifest`)).headers.get('content-type'), 'application/manifest+json');
  assert.equal((await fetch(`${appUrl}missing.js`)).status, 404, 'a missing asset is a 404, not the app');
  assert.equal((await fetch(`${appUrl}oura-api/v2/usercollection/personal_info`, { method: 'POST' })).status, 403, 'only GET is forwarded');
});

test('nginx + /oura-api: sign in, the API answers same-origin; straight to the API origin it is blocked by CORS', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 } });
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const errors = watchConsole(page);
  const response = await page.goto(appUrl);
  assert.ok(response.headers()['content-security-policy'], 'served with the CSP header');
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 20000 });

  await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
  await page.getByRole('button', { name: 'Sign in with Oura' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${sim.url}/oauth/authorize`));
  assert.equal(new URL(page.url()).searchParams.get('redirect_uri'), appUrl);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((u) => u.href.startsWith(appUrl));
  await page.getByText('Signed in with Oura.').waitFor();
  const token = JSON.parse(await page.evaluate(() => localStorage.getItem('healthhub.session'))).token;
  // The sync that starts by itself goes through nginx's same-origin path to the
  // simulator, which sends no CORS headers — the same conditions as the real Oura.
  await page.getByText('Sync complete: everything on this device is up to date.').waitFor({ timeout: 120000 });
  const synced = await sim.stats();
  assert.ok(Object.keys(synced.by_route).filter((r) => r.includes('/v2/usercollection/')).length >= 19, `all 19 endpoints asked: ${Object.keys(synced.by_route)}`);

  // Through the same-origin path: nginx forwards it (with the token) to the API.
  const viaProxy = await page.evaluate(async (t) => {
    const r = await fetch('/oura-api/v2/usercollection/personal_info', { headers: { Authorization: `Bearer ${t}` } });
    return { status: r.status, cacheControl: r.headers.get('cache-control'), body: await r.json() };
  }, token);
  assert.equal(viaProxy.status, 200, JSON.stringify(viaProxy.body));
  assert.ok(viaProxy.body.id, 'personal_info came back');
  assert.equal(viaProxy.cacheControl, 'no-store');
  const cachedUrls = await page.evaluate(async () => {
    const urls = [];
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) urls.push(r.url);
    return urls;
  });
  assert.ok(!cachedUrls.some((u) => u.includes('/oura-api/')), 'the worker never caches the API');
  await page.waitForTimeout(300);
  assert.deepEqual(violations, [], 'no CSP violation');
  assert.deepEqual(errors, []);

  // The same request straight to the API origin, from the same app origin: the API
  // sends no CORS headers, so the browser refuses it. (CSP is bypassed in this context
  // only so the request reaches the API at all — the deployed CSP would stop it first.)
  const direct = await browser.newContext({ bypassCSP: true });
  try {
    const p = await direct.newPage();
    const corsErrors = [];
    p.on('console', (m) => corsErrors.push(m.text()));
    await p.goto(`${appUrl}manifest.webmanifest`);
    const before = await sim.stats();
    const outcome = await p.evaluate(async ([url, t]) => {
      try {
        const r = await fetch(url, { headers: { Authorization: `Bearer ${t}` } });
        return `HTTP ${r.status}`;
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    }, [`${sim.url}/v2/usercollection/personal_info`, token]);
    assert.match(outcome, /^TypeError: Failed to fetch/);
    const after = await sim.stats();
    assert.ok(after.preflight > before.preflight, 'the API was reached (the preflight) and refused it');
    assert.ok(corsErrors.some((m) => /CORS policy/.test(m)), `the browser says CORS: ${corsErrors.join(' | ')}`);
  } finally {
    await direct.close();
  }

  // Nothing about the token in nginx's logs.
  for (const log of ['access.log', 'error.log']) {
    const text = fs.readFileSync(path.join(tmp, 'logs', log), 'utf8');
    assert.ok(!text.includes(token), `the token is not in ${log}`);
  }
  await context.close();
});
