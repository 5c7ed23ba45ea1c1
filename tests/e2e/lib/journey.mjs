// What the sync journeys share: a browser per file, a simulator plus the app served
// from dist/ per test (stopped after the file), signing in, waiting for a sync.
import { before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './static-server.mjs';
import { launch, appReady } from './browser.mjs';
import { startSim, simConfig } from './sim.mjs';
import { DIST } from './paths.mjs';

export const SYNC_COMPLETE = 'Sync complete: everything on this device is up to date.';

/// Registers the file's before/after hooks. `j.browser` is the browser; `j.setup(args,
/// opts)` starts a simulator (`startSim` args and options, `--auto-approve` added) and
/// the app configured for it; both are stopped after the file.
export function journeys(label) {
  const j = { browser: null, tmp: fs.mkdtempSync(path.join(os.tmpdir(), `hh-${label}-`)), cleanup: [] };
  before(async () => {
    j.browser = await launch();
  });
  after(async () => {
    await j.browser?.close();
    for (const c of j.cleanup.reverse()) await c();
    fs.rmSync(j.tmp, { recursive: true, force: true });
  });
  j.setup = async (simArgs = [], opts = {}) => {
    const sim = await startSim(['--auto-approve', ...simArgs], opts);
    j.cleanup.push(() => sim.stop());
    const config = path.join(j.tmp, `config-${sim.port}.json`);
    fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
    const app = await startStaticServer({ root: DIST, configFile: config });
    j.cleanup.push(() => app.close());
    return { sim, app };
  };
  return j;
}

/// Signs in through the simulator's consent page (auto-approved) and waits for the app.
export async function signIn(page, app) {
  await page.goto(app.url);
  await appReady(page);
  await page.waitForFunction(() => !document.querySelector('button.button-primary')?.disabled);
  await page.getByRole('button', { name: 'Sign in with Oura' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url) && !u.href.includes('oauth'));
  await appReady(page);
}

export async function waitForSyncComplete(page, timeout = 120000) {
  await page.getByText(SYNC_COMPLETE).waitFor({ timeout });
}

export async function openSettings(page) {
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('heading', { name: 'Data on this device' }).waitFor();
}
