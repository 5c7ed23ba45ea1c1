// Sign-in with Oura (implicit flow) against the simulator's consent page: Allow signs
// in and leaves no trace of the token in the address bar, history or any request URL;
// Deny and a tampered `state` are refused with a message and store nothing; sign-out
// forgets the token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { startSim, simConfig } from './lib/sim.mjs';
import { DIST } from './lib/paths.mjs';

let browser;
let sim;
let app;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-signin-'));

before(async () => {
  sim = await startSim();
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  app = await startStaticServer({ root: DIST, configFile: config });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await sim?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function openWelcome(context) {
  const page = await context.newPage();
  const errors = watchConsole(page);
  const requests = [];
  const authorized = [];
  page.on('request', (r) => {
    requests.push(r.url());
    const authorization = r.headers().authorization;
    if (authorization) authorized.push({ url: r.url(), authorization });
  });
  await page.goto(app.url);
  await appReady(page);
  const button = page.getByRole('button', { name: 'Sign in with Oura' });
  await button.waitFor();
  await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
  return { page, errors, requests, authorized, button };
}

async function storedSession(page) {
  return page.evaluate(() => localStorage.getItem('healthhub.session'));
}

test('Allow signs in; the token never appears in the address bar, history or a request URL', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 } });
  const { page, errors, requests, authorized, button } = await openWelcome(context);
  await button.click();
  await page.waitForURL((u) => u.href.startsWith(`${sim.url}/oauth/authorize`));
  const authorize = new URL(page.url());
  assert.equal(authorize.searchParams.get('response_type'), 'token');
  assert.equal(authorize.searchParams.get('client_id'), 'healthhub-dev');
  assert.equal(authorize.searchParams.get('redirect_uri'), app.url);
  assert.match(authorize.searchParams.get('state'), /^[0-9a-f]{64}$/, 'a 256-bit random state');
  assert.match(authorize.searchParams.get('scope'), /\bheartrate\b/);

  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url));
  await page.getByText('Signed in with Oura.').waitFor();

  const session = JSON.parse(await storedSession(page));
  assert.ok(session.token.length > 8, 'the token is kept for reloads');
  assert.ok(session.expires_at_ms > Date.now(), 'with its expiry');
  assert.ok(!page.url().includes(session.token) && !page.url().includes('#'), `clean address bar: ${page.url()}`);
  assert.equal(await page.evaluate(() => location.hash), '');

  // History: back goes to Oura's page (no token there), forward to the clean app URL.
  await page.goBack();
  assert.ok(!page.url().includes(session.token), `history entry: ${page.url()}`);
  await page.goForward();
  await appReady(page);
  assert.ok(!page.url().includes(session.token) && !page.url().includes('access_token'), page.url());

  // Reload: still signed in; Settings shows the granted scopes for diagnosis.
  await page.reload();
  await appReady(page);
  await page.locator('nav.bottom-nav a', { hasText: 'Settings' }).click();
  const account = page.locator('section', { has: page.getByRole('heading', { name: 'Oura account' }) });
  await account.getByText('Signed in', { exact: true }).waitFor();
  assert.match(await account.innerText(), /daily/);

  for (const url of requests) {
    assert.ok(!url.includes(session.token), `token in a request URL: ${url}`);
  }
  // The token travels only in the Authorization header, and only to api_base.
  for (const { url, authorization } of authorized) {
    assert.ok(url.startsWith(`${sim.url}/v2/usercollection/`), `Authorization sent to ${url}`);
    assert.equal(authorization, `Bearer ${session.token}`);
  }
  assert.ok(!errors.some((e) => e.includes(session.token)), 'token never in the console');

  // Sign out forgets the token.
  await account.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('Signed out: the sign-in was removed from this device.').waitFor();
  assert.equal(await storedSession(page), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Deny is reported and nothing is stored', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const { page, button } = await openWelcome(context);
  await button.click();
  await page.waitForURL((u) => u.href.startsWith(`${sim.url}/oauth/authorize`));
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url));
  const alert = page.getByRole('alert').filter({ hasText: 'Sign-in did not complete' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /chose not to allow access/);
  assert.equal(await storedSession(page), null);
  assert.ok(!page.url().includes('error='), `the error is removed from the address bar: ${page.url()}`);
  await context.close();
});

test('a tampered state is refused with a message, and nothing is stored', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const { page, button } = await openWelcome(context);
  await button.click();
  await page.waitForURL((u) => u.href.startsWith(`${sim.url}/oauth/authorize`));
  // Change the state the consent form will send back.
  await page.locator('input[name="state"]').evaluate((el) => { el.value = 'tampered'; });
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url));
  const alert = page.getByRole('alert').filter({ hasText: 'Sign-in did not complete' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /state mismatch/);
  assert.equal(await storedSession(page), null, 'no session from a forged response');
  assert.ok(!page.url().includes('access_token'), 'and the forged token is gone from the address bar');

  // A token dropped on any path without a sign-in started here is refused too.
  await page.goto(`${app.url}data/sleep#access_token=forged&token_type=bearer&state=x`);
  await appReady(page);
  await page.getByRole('alert').filter({ hasText: 'Sign-in did not complete' }).waitFor();
  assert.equal(await storedSession(page), null);
  assert.equal(new URL(page.url()).pathname, '/data/sleep', 'the callback works on any path');
  await context.close();
});

test('an expired sign-in asks to sign in again and keeps the data', async () => {
  const shortSim = await startSim(['--token-ttl', '3', '--auto-approve']);
  const config = path.join(tmp, 'config-short.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(shortSim)));
  const shortApp = await startStaticServer({ root: DIST, configFile: config });
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(shortApp.url);
    await appReady(page);
    await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
    await page.getByRole('button', { name: 'Sign in with Oura' }).click();
    await page.getByText('Signed in with Oura.').waitFor();
    await new Promise((r) => setTimeout(r, 3500));
    await page.reload();
    await appReady(page);
    const banner = page.getByRole('alert').filter({ hasText: 'has expired or was revoked' });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Sign in again' }).waitFor();
    assert.notEqual(await storedSession(page), null, 'nothing is thrown away until the user decides');
    await context.close();
  } finally {
    await shortApp.close();
    await shortSim.stop();
  }
});
