// `make serve` works out of the box: it starts what `make serve` starts
// (scripts/serve.sh: the simulator and `trunk serve --release`), loads the app, finds
// it configured for the simulator, and signs in through the simulator's consent page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { freePort, waitForHttp } from './lib/sim.mjs';
import { ROOT } from './lib/paths.mjs';

test('make serve serves the app against the simulator, ready to sign in', { timeout: 15 * 60 * 1000 }, async () => {
  const appPort = await freePort();
  const simPort = await freePort();
  const child = spawn('bash', [path.join(ROOT, 'scripts/serve.sh')], {
    cwd: ROOT,
    detached: true, // its own process group: stopped as a whole below
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      APP_PORT: String(appPort),
      SIM_PORT: String(simPort),
      SERVE_DIST: 'target/serve-dist-e2e',
      SIM_ARGS: '--days 30 --hr-per-day 96',
    },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const appUrl = `http://127.0.0.1:${appPort}/`;
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${simPort}/__sim/stats`, 10 * 60 * 1000);
    await waitForHttp(appUrl, 10 * 60 * 1000);
    assert.match(output, new RegExp(`http://127\\.0\\.0\\.1:${appPort}/`), 'the URL is printed');

    browser = await launch();
    const page = await browser.newPage({ locale: 'en-US' });
    const errors = watchConsole(page);
    await page.goto(appUrl);
    await appReady(page);
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByText(`http://127.0.0.1:${simPort}`, { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Today' }).first().click();
    const signIn = page.getByRole('button', { name: 'Sign in with Oura' });
    await signIn.click();
    await page.waitForURL((u) => u.port === String(simPort));
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((u) => u.port === String(appPort));
    await page.getByText('Signed in with Oura.').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await browser?.close();
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
});
