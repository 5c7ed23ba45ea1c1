// The data views against the simulator: after sign-in and the first sync, Today, the
// sleep score, sleep periods, readiness and activity pages show the simulator's values
// for a chosen day (read from GET /__sim/export); the day picker and the URL (?day=)
// agree and survive a reload; a history row selects its day; at 360×740 nothing
// overflows horizontally; axe-core finds no serious or critical violation in light or
// dark mode. With SCREENSHOTS=1 it also writes docs/screenshots/*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { launch, watchConsole, appReady } from './lib/browser.mjs';
import { startSim, simConfig } from './lib/sim.mjs';
import { DIST, ROOT } from './lib/paths.mjs';
import { signIn } from './lib/journey.mjs';
import { hm, n, fact, settled, noOverflow, axe } from './lib/view.mjs';

const DAY = '2026-11-15';
const DAY_TEXT = 'Sunday, November 15, 2026';
const SHOTS = path.join(ROOT, 'docs/screenshots');

let browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-views-'));
const cleanup = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const c of cleanup.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/// The expected values of DAY from the simulator's export.
function expectedFor(exp, day) {
  const c = exp.collections;
  const one = (name) => c[name].find((d) => d.day === day);
  const periods = c.sleep.filter((d) => d.day === day && d.type !== 'deleted');
  const longs = periods.filter((d) => d.type === 'long_sleep');
  const pool = longs.length ? longs : periods;
  const night = [...pool].sort(
    (a, b) => (b.total_sleep_duration ?? b.time_in_bed) - (a.total_sleep_duration ?? a.time_in_bed),
  )[0];
  return { dailySleep: one('daily_sleep'), readiness: one('daily_readiness'), activity: one('daily_activity'), periods, night };
}

async function ring(page, label, score) {
  await page.getByRole('img', { name: `${label}: ${score} out of 100`, exact: true }).first().waitFor();
}

test('Today, sleep, readiness and activity show the simulator values of the chosen day', async () => {
  const sim = await startSim(['--auto-approve']);
  cleanup.push(() => sim.stop());
  const config = path.join(tmp, 'config.json');
  fs.writeFileSync(config, JSON.stringify(simConfig(sim)));
  const app = await startStaticServer({ root: DIST, configFile: config });
  cleanup.push(() => app.close());
  const exp = await (await fetch(`${sim.url}/__sim/export`)).json();
  const want = expectedFor(exp, DAY);
  assert.ok(want.dailySleep && want.readiness && want.activity && want.night, 'the simulator has data that day');

  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, app);
  await page.getByText('Sync complete: everything on this device is up to date.').waitFor({ timeout: 120000 });

  // Today, live from the sync (no reload): the day picker's native date input.
  await page.getByLabel('Choose a day').fill(DAY);
  await page.waitForURL((u) => u.searchParams.get('day') === DAY);
  await page.getByRole('heading', { name: DAY_TEXT }).waitFor();
  await ring(page, 'Sleep', want.dailySleep.score);
  await ring(page, 'Readiness', want.readiness.score);
  await ring(page, 'Activity', want.activity.score);
  await settled(page);
  const main = page.locator('main');
  assert.equal(await fact(main, 'Steps'), n(want.activity.steps));
  const lastNight = main.locator('.night');
  assert.equal(await fact(lastNight, 'Total sleep'), hm(want.night.total_sleep_duration));
  assert.equal(await fact(lastNight, 'Lowest heart rate'), `${want.night.lowest_heart_rate} bpm`);
  assert.equal(await fact(lastNight, 'Average HRV'), `${want.night.average_hrv} ms`);
  assert.equal(await fact(main, 'Deep sleep'), String(want.dailySleep.contributors.deep_sleep));
  await main.getByText(`${n(want.activity.active_calories)} of ${n(want.activity.target_calories)} kcal`).waitFor();
  for (const w of exp.collections.workout.filter((d) => d.day === DAY)) {
    const name = w.activity.replace(/_/g, ' ');
    await main.locator('.event-title').getByText(name.charAt(0).toUpperCase() + name.slice(1), { exact: true }).first().waitFor();
    if (w.label) await main.getByText(w.label, { exact: true }).first().waitFor();
  }
  // The vitals, each a link to its page for the same day.
  const vital = async (label) => (await main.locator(`a.vital:has(.vital-label:text-is("${label}"))`).locator('.vital-value').innerText()).trim();
  assert.equal(await vital('Lowest heart rate'), `${want.night.lowest_heart_rate} bpm`);
  const stress = exp.collections.daily_stress.find((d) => d.day === DAY);
  const summary = { restored: 'Restored', normal: 'Normal', stressful: 'Stressful' };
  assert.equal(await vital('Stress'), stress?.day_summary ? summary[stress.day_summary] : '—');
  const spo2 = exp.collections.daily_spo2.find((d) => d.day === DAY);
  assert.equal(await vital('Blood oxygen'), spo2?.spo2_percentage?.average != null ? `${n(spo2.spo2_percentage.average, 1)}%` : '—');
  // The last reading before the end of the wearer's day (the day's activity offset),
  // at the wearer's clock.
  const act = exp.collections.daily_activity.find((d) => d.day === DAY);
  const m = act.timestamp.match(/([+-])(\d\d):(\d\d)$/);
  const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) * 1000;
  const end = Date.parse(`${DAY}T00:00:00Z`) - off + 86400000;
  const lastBattery = exp.collections.ring_battery_level
    .filter((r) => Date.parse(r.timestamp) < end)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
    .at(-1);
  assert.ok(lastBattery, 'the simulator has battery readings');
  const at = new Date(Date.parse(lastBattery.timestamp) + off).toISOString().slice(11, 16);
  assert.equal(await vital('Battery'), `${lastBattery.level}% · ${at}`);
  assert.equal(
    await main.locator('a.vital:has(.vital-label:text-is("Battery"))').getAttribute('href'),
    `/data/ring_battery_level?day=${DAY}`,
  );
  await noOverflow(page, 'Today');

  // Previous day, then the URL survives a reload.
  await page.getByRole('button', { name: 'Previous day' }).click();
  await page.waitForURL((u) => u.searchParams.get('day') === '2026-11-14');
  const prev = expectedFor(exp, '2026-11-14');
  if (prev.dailySleep) await ring(page, 'Sleep', prev.dailySleep.score);
  await page.goto(`${app.url}?day=${DAY}`);
  await appReady(page);
  await ring(page, 'Sleep', want.dailySleep.score);
  assert.equal(await page.getByLabel('Choose a day').inputValue(), DAY);

  // Sleep score page: score, every contributor, trend and history (a row selects its day).
  await page.goto(`${app.url}data/daily_sleep?day=${DAY}`);
  await appReady(page);
  await page.getByRole('heading', { name: DAY_TEXT }).waitFor();
  await ring(page, 'Sleep', want.dailySleep.score);
  const day = page.locator('section.view-day');
  const labels = {
    deep_sleep: 'Deep sleep', efficiency: 'Efficiency', latency: 'Latency', rem_sleep: 'REM sleep',
    restfulness: 'Restfulness', timing: 'Timing', total_sleep: 'Total sleep',
  };
  for (const [k, label] of Object.entries(labels)) {
    assert.equal(await fact(day, label), String(want.dailySleep.contributors[k]), label);
  }
  await page.getByRole('heading', { name: 'History' }).waitFor();
  const other = exp.collections.daily_sleep.find((d) => d.day === '2026-11-12');
  await page.locator(`a.history-row[href$="day=2026-11-12"]`).click();
  await page.waitForURL((u) => u.searchParams.get('day') === '2026-11-12');
  await ring(page, 'Sleep', other.score);
  await noOverflow(page, 'Sleep score');

  // Sleep periods page: durations, heart rate, every period with its type.
  await page.goto(`${app.url}data/sleep?day=${DAY}`);
  await appReady(page);
  await page.getByText(`Sleep periods this day: ${want.periods.length}`).waitFor();
  const night = page.locator('article.period').first();
  const s = want.night;
  assert.equal(await fact(night, 'Total sleep'), hm(s.total_sleep_duration));
  assert.equal(await fact(night, 'Time in bed'), hm(s.time_in_bed));
  assert.equal(await fact(night, 'Deep sleep'), hm(s.deep_sleep_duration));
  assert.equal(await fact(night, 'REM sleep'), hm(s.rem_sleep_duration));
  assert.equal(await fact(night, 'Light sleep'), hm(s.light_sleep_duration));
  assert.equal(await fact(night, 'Efficiency'), `${s.efficiency}%`);
  assert.equal(await fact(night, 'Lowest heart rate'), `${s.lowest_heart_rate} bpm`);
  assert.equal(await fact(night, 'Average HRV'), `${s.average_hrv} ms`);
  assert.equal(await page.locator('article.period').count(), want.periods.length);
  await noOverflow(page, 'Sleep periods');

  // Readiness page.
  await page.goto(`${app.url}data/daily_readiness?day=${DAY}`);
  await appReady(page);
  await ring(page, 'Readiness', want.readiness.score);
  const r = page.locator('section.view-day');
  assert.equal(await fact(r, 'Resting heart rate'), String(want.readiness.contributors.resting_heart_rate));
  assert.equal(await fact(r, 'HRV balance'), String(want.readiness.contributors.hrv_balance));
  const temp = (v) => {
    const r2 = Math.round(v * 100) / 100;
    return `${v > 0 ? '+' : ''}${r2.toLocaleString('en-US')} °C`;
  };
  assert.equal(await fact(r, 'Temperature deviation'), temp(want.readiness.temperature_deviation));
  assert.equal(await fact(r, 'Temperature trend deviation'), temp(want.readiness.temperature_trend_deviation));
  await noOverflow(page, 'Readiness');

  // Activity page.
  await page.goto(`${app.url}data/daily_activity?day=${DAY}`);
  await appReady(page);
  await ring(page, 'Activity', want.activity.score);
  const a = page.locator('section.view-day');
  assert.equal(await fact(a, 'Steps'), n(want.activity.steps));
  assert.equal(await fact(a, 'Total calories'), `${n(want.activity.total_calories)} kcal`);
  assert.equal(await fact(a, 'High'), hm(want.activity.high_activity_time));
  assert.equal(await fact(a, 'Sedentary'), hm(want.activity.sedentary_time));
  await a.getByText(`${n(want.activity.equivalent_walking_distance)} of ${n(want.activity.target_meters)} m`).waitFor();
  await noOverflow(page, 'Activity');

  // A day without any record says why: synced but no record (the ring was not worn),
  // or after the last sync.
  await page.goto(`${app.url}data/daily_activity?day=2026-01-02`);
  await appReady(page);
  await page.getByText('No data for this day').waitFor();
  await page.getByText('Oura has no record for this day: the ring was probably not worn.').waitFor();
  await page.goto(`${app.url}data/daily_activity?day=2099-06-01`);
  await appReady(page);
  await page.getByText('This day has not been synced to this device yet.').waitFor();

  // Accessibility (light and dark) and, on request, screenshots.
  // (The endpoint pages are also checked and shot by pages.test.mjs, in dark mode at
  // 1280 px too.)
  const pages = [
    ['today', `?day=${DAY}`],
    ['sleep-score', `data/daily_sleep?day=${DAY}`],
    ['sleep', `data/sleep?day=${DAY}`],
    ['readiness', `data/daily_readiness?day=${DAY}`],
    ['activity', `data/daily_activity?day=${DAY}`],
  ];
  const shoot = (name) => process.env.SCREENSHOTS && name === 'today';
  if (process.env.SCREENSHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  for (const [name, url] of pages) {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${app.url}${url}`);
      await appReady(page);
      await page.getByRole('heading', { name: DAY_TEXT }).first().waitFor();
      await settled(page);
      await axe(page, `${name} (${scheme})`);
      if (shoot(name)) {
        await page.screenshot({ path: path.join(SHOTS, `${name}-360-${scheme}.png`) });
        if (scheme === 'light') {
          await page.setViewportSize({ width: 1280, height: 800 });
          await page.screenshot({ path: path.join(SHOTS, `${name}-1280.png`) });
        }
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(errors, []);
  await context.close();
});
