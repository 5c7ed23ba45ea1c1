// The insights against the simulator's believable person (120 days, a trip across a
// DST change): after the first sync, "Your tags" finds what the simulator put in —
// alcohol in the evening → a lower HRV the next night, by the amount the simulator's own
// export gives — and says "too few days" for the rare fasting tag; Trends draws every
// measure with its band and switches ranges; Today says what changed on a day of
// illness; the report prints to a PDF without the navigation. At 360 px nothing
// overflows and axe-core is clean, in English and Japanese. With SCREENSHOTS=1 it also
// writes docs/screenshots/{trends,tag-effects,what-changed,report}.png and report.pdf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { watchConsole, appReady } from './lib/browser.mjs';
import { ROOT } from './lib/paths.mjs';
import { journeys, signIn, waitForSyncComplete } from './lib/journey.mjs';
import { settled, noOverflow, axe } from './lib/view.mjs';

const j = journeys('insights');
const SHOTS = path.join(ROOT, 'docs/screenshots');
const PERSON = ['--days', '120', '--hr-per-day', '24', '--end-date', '2026-11-20', '--seed', '7'];

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

/// The days a tag marks (deprecated tags by name, enhanced tags by code), from the export.
function tagDays(c, name) {
  const days = new Set();
  for (const t of c.tag) if ((t.tags ?? []).includes(name)) days.add(t.day);
  for (const t of c.enhanced_tag) if (t.tag_type_code === `tag_generic_${name}`) days.add(t.start_day);
  return days;
}

/// Mean HRV of the nights after tagged days and of the others (longest long sleep a day).
function hrvAfter(c, days) {
  const nights = new Map();
  for (const s of c.sleep) {
    if (s.type !== 'long_sleep' || s.average_hrv == null) continue;
    const prev = nights.get(s.day);
    if (!prev || s.total_sleep_duration > prev.total_sleep_duration) nights.set(s.day, s);
  }
  const withTag = [];
  const without = [];
  for (const [day, s] of nights) (days.has(addDays(day, -1)) ? withTag : without).push(s.average_hrv);
  return { withTag, without, diff: mean(withTag) - mean(without) };
}

async function shot(page, name) {
  if (!process.env.SCREENSHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

test('insights on the simulated person: tags, trends, what changed, the printed report', async () => {
  const { sim, app } = await j.setup(PERSON, { small: false });
  const exp = await (await fetch(`${sim.url}/__sim/export`)).json();
  const c = exp.collections;
  const context = await j.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, app);
  await waitForSyncComplete(page);

  // ── Your tags: alcohol lowers the next night's HRV, fasting has too few days.
  const alcohol = tagDays(c, 'alcohol');
  const hrv = hrvAfter(c, alcohol);
  assert.ok(hrv.withTag.length >= 5 && hrv.diff < -3, `the simulator's alcohol effect: ${JSON.stringify(hrv.diff)}`);
  await page.getByRole('link', { name: 'Trends' }).first().click();
  await page.getByRole('link', { name: 'Your tags' }).click();
  await page.getByRole('heading', { name: 'Your tags', level: 1 }).waitFor();
  await settled(page);
  const card = page.locator('.tag-card', { has: page.getByRole('heading', { name: 'Alcohol' }) });
  const sentence = await card.locator('li', { hasText: 'average HRV' }).innerText();
  const m = sentence.match(/After Alcohol, your average HRV was (\d+) ms lower \((−?\d+) to (−?\d+)\), (\d+) nights vs (\d+)\./);
  assert.ok(m, `the alcohol sentence: ${sentence}`);
  assert.equal(Number(m[1]), Math.round(-hrv.diff), 'the difference the simulator put in');
  assert.equal(Number(m[4]), hrv.withTag.length, 'nights after alcohol');
  assert.equal(Number(m[5]), hrv.without.length, 'nights without');
  const [lo, hi] = [m[2], m[3]].map((s) => Number(s.replace('−', '-')));
  assert.ok(lo <= -Number(m[1]) && -Number(m[1]) <= hi && hi < 0, `the interval (${lo} to ${hi}) excludes no change`);
  // The largest effects come first: alcohol's card comes before any tag with too few days.
  const fastingDays = tagDays(c, 'fasting').size;
  assert.ok(fastingDays > 0 && fastingDays < 5, `fasting is rare: ${fastingDays}`);
  const fasting = page.locator('.tag-card', { has: page.getByRole('heading', { name: 'Fasting' }) });
  const short = (await fasting.locator('.tag-too-few').innerText()).trim();
  const nights = short.match(/^Too few days to tell: (\d+) nights after this tag have data, at least 5 are needed\.$/);
  assert.ok(nights && Number(nights[1]) <= fastingDays, `fasting: ${short}`);
  const titles = await page.locator('.tag-card h2').allInnerTexts();
  assert.ok(titles.indexOf('Alcohol') < titles.indexOf('Fasting'), `order: ${titles}`);
  await noOverflow(page, 'Your tags');
  await axe(page, 'Your tags');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'tag-effects');

  // ── Trends: every measure with data has a card, a band and the days outside it.
  await page.getByRole('link', { name: 'Measures' }).click();
  await page.locator('.trend').first().waitFor();
  assert.match(page.url(), /\/trends$/);
  const names = await page.locator('.trend h2').allInnerTexts();
  for (const want of ['Sleep score', 'Readiness score', 'Activity score', 'Total sleep', 'Average HRV', 'Lowest heart rate', 'Temperature deviation', 'Steps', 'Blood oxygen (SpO2)']) {
    assert.ok(names.includes(want), `Trends has ${want}: ${names}`);
  }
  const hrvCard = page.locator('.trend', { has: page.getByRole('heading', { name: 'Average HRV' }) });
  assert.equal(await hrvCard.locator('path.band').count(), 1, 'the usual range is drawn');
  assert.match(await hrvCard.innerText(), /Average \d+ ms over \d+ days/);
  assert.match(await hrvCard.innerText(), /\d+ of \d+ days outside your usual range/);
  // 90 days by default; 7 days on a tap, kept in the address.
  assert.equal(await page.getByRole('link', { name: '90 days' }).getAttribute('aria-current'), 'page');
  await page.getByRole('link', { name: '7 days' }).click();
  await page.waitForURL(/range=7/);
  await page.waitForFunction(() => /of [1-7] days outside/.test(document.querySelector('.trend')?.innerText ?? ''));
  // A year is drawn as weekly means; all time (120 days here) day by day.
  await page.getByRole('link', { name: '1 year' }).click();
  await page.waitForURL(/range=365/);
  await page.getByText('Weekly averages').first().waitFor();
  await page.getByRole('link', { name: 'All time' }).click();
  await page.waitForURL(/range=all/);
  await page.waitForFunction(() => document.querySelector('.trend svg title')?.textContent.includes('All time'));
  assert.equal(await page.getByText('Weekly averages').count(), 0);
  await page.getByRole('link', { name: '90 days' }).click();
  await page.waitForURL(/range=90/);
  await noOverflow(page, 'Trends');
  await axe(page, 'Trends');
  await hrvCard.scrollIntoViewIfNeeded();
  await shot(page, 'trends');

  // ── What changed, on Today: the second day of an illness (temperature up).
  const sick = [...new Set(c.enhanced_tag.filter((t) => t.tag_type_code === 'tag_generic_sick').map((t) => t.start_day))]
    .sort()
    .filter((d) => d > addDays(exp.collections.daily_readiness[0].day, 30));
  assert.ok(sick.length > 0, 'the person falls ill at least once');
  const ill = addDays(sick[0], 1);
  await page.goto(`${app.url}?day=${ill}`);
  await appReady(page);
  const changed = page.locator('.what-changed');
  await changed.waitFor();
  assert.match(await changed.innerText(), /What changed/);
  const lines = await changed.locator('li').allInnerTexts();
  assert.ok(lines.length >= 1 && lines.length <= 3, `two or three changes: ${lines}`);
  assert.ok(lines.every((l) => /, (below|above) your usual .+–.+/.test(l)), `${lines}`);
  assert.ok(lines.some((l) => /^Temperature deviation \+\d\.\d\d°C, above your usual /.test(l)), `the fever: ${lines}`);
  await noOverflow(page, 'Today with what changed');
  await axe(page, 'Today with what changed');
  await changed.scrollIntoViewIfNeeded();
  await shot(page, 'what-changed');

  // ── The report: a week, printable.
  await page.goto(`${app.url}trends/report?period=week`);
  await appReady(page);
  await page.locator('.report-title').waitFor();
  assert.match(await page.locator('.report-title').innerText(), /^healthHub weekly report: /);
  assert.ok((await page.locator('.report-table tbody tr').count()) >= 10, 'scores, sleep, activity rows');
  assert.equal(await page.locator('.report-charts svg').count(), 3, 'the three scores drawn');
  await noOverflow(page, 'Report');
  await axe(page, 'Report');
  await shot(page, 'report');
  await page.getByRole('link', { name: 'Month' }).click();
  await page.waitForURL(/period=month/);
  await page.getByText(/^healthHub monthly report: /).waitFor();
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => ['.bottom-nav', '.app-header', '.tabs', '.report-controls']
    .map((s) => document.querySelector(s))
    .filter((e) => e && getComputedStyle(e).display !== 'none').length);
  assert.equal(hidden, 0, 'no navigation when printed');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 20000, `a PDF with content (${pdf.length} bytes)`);
  if (process.env.SCREENSHOTS) fs.writeFileSync(path.join(SHOTS, 'report.pdf'), pdf);
  await page.emulateMedia({ media: 'screen' });

  // ── Japanese: the same pages, in Japanese, still clean.
  await page.evaluate(() => localStorage.setItem('healthhub.lang', 'ja'));
  await page.goto(`${app.url}trends/tags`);
  await appReady(page);
  await page.getByRole('heading', { name: 'タグの影響', level: 1 }).waitFor();
  await settled(page);
  const ja = await page.locator('.tag-card', { has: page.getByRole('heading', { name: 'Alcohol' }) }).innerText();
  assert.match(ja, /Alcoholの後、平均HRVは\d+ミリ秒低めでした/);
  await noOverflow(page, 'タグの影響');
  await axe(page, 'タグの影響');
  await page.goto(`${app.url}trends`);
  await appReady(page);
  await page.getByRole('heading', { name: 'トレンド', level: 1 }).waitFor();
  await page.locator('.trend').first().waitFor();
  await noOverflow(page, 'トレンド');
  await axe(page, 'トレンド');
  await page.goto(`${app.url}?day=${ill}`);
  await appReady(page);
  await page.locator('.what-changed').waitFor();
  assert.match(await page.locator('.what-changed').innerText(), /いつもと違うこと[\s\S]*体温の偏差 \+\d\.\d\d℃：いつもの.+より高め/);
  await noOverflow(page, 'いつもと違うこと');
  await axe(page, 'いつもと違うこと');
  await page.goto(`${app.url}trends/report?period=month`);
  await appReady(page);
  await page.getByText(/^healthHub 月間レポート: /).waitFor();
  await noOverflow(page, 'レポート');
  await axe(page, 'レポート');
  assert.deepEqual(errors, []);
  await context.close();
});
