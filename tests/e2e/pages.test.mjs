// Every endpoint's page against the simulator: after sign-in and the first sync, each
// page of tests/e2e/pages/*.mjs is opened for the chosen day at 360×740 and 1280×800,
// light and dark; each time its checks compare what the page shows with the
// simulator's documents (GET /__sim/export), nothing overflows horizontally at 360 px
// and axe-core finds no serious or critical violation. With SCREENSHOTS=1 it also
// writes docs/screenshots/<page>-360-light.png, -360-dark.png and -1280.png.
//
// A page module exports an array of { name, path(day), check(page, ctx) }; ctx is
// { exp (the export), day, sim, app, width, scheme }.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { watchConsole, appReady } from './lib/browser.mjs';
import { journeys, signIn, waitForSyncComplete } from './lib/journey.mjs';
import { settled, noOverflow, axe } from './lib/view.mjs';
import { ROOT } from './lib/paths.mjs';

const DAY = '2026-11-15';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const PAGES_DIR = path.join(ROOT, 'tests/e2e/pages');
const j = journeys('pages');

async function pageModules() {
  const files = fs.readdirSync(PAGES_DIR).filter((f) => f.endsWith('.mjs')).sort();
  const all = [];
  for (const f of files) {
    const m = await import(path.join(PAGES_DIR, f));
    if (Array.isArray(m.default)) all.push(...m.default); // helpers export no default
  }
  return all;
}

test('every endpoint page shows the simulator values of the chosen day, on a phone and a desktop, light and dark', async () => {
  const pages = await pageModules();
  assert.ok(pages.length > 0, 'page checks are registered');
  const { sim, app } = await j.setup();
  const exp = await (await fetch(`${sim.url}/__sim/export`)).json();
  const context = await j.browser.newContext({ locale: 'en-US', timezoneId: 'UTC', bypassCSP: true, viewport: { width: 360, height: 740 } });
  await context.clock.setFixedTime(new Date('2026-11-20T12:00:00Z'));
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, app);
  await waitForSyncComplete(page);
  if (process.env.SCREENSHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  const views = [
    { width: 360, height: 740, scheme: 'light', shot: '360-light' },
    { width: 360, height: 740, scheme: 'dark', shot: '360-dark' },
    { width: 1280, height: 800, scheme: 'light', shot: '1280' },
    { width: 1280, height: 800, scheme: 'dark', shot: null },
  ];
  for (const p of pages) {
    for (const v of views) {
      const what = `${p.name} at ${v.width} px, ${v.scheme}`;
      await page.setViewportSize({ width: v.width, height: v.height });
      await page.emulateMedia({ colorScheme: v.scheme });
      await page.goto(`${app.url}${p.path(DAY)}`);
      await appReady(page);
      await settled(page);
      await p.check(page, { exp, day: DAY, sim, app, width: v.width, scheme: v.scheme, what });
      await settled(page);
      if (v.width === 360) await noOverflow(page, what);
      await axe(page, what);
      if (process.env.SCREENSHOTS && v.shot) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(SHOTS, `${p.name}-${v.shot}.png`) });
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(errors, []);
  await context.close();
});
