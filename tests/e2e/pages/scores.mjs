// The pages of part 1 (sleep score, sleep periods, readiness, activity) in the same
// journey as every other page: two or more of the simulator's values of the day each.
import assert from 'node:assert/strict';
import { fact, hm, n } from '../lib/view.mjs';

const one = (exp, name, day) => exp.collections[name].find((d) => d.day === day);
const ring = (page, label, score) =>
  page.getByRole('img', { name: `${label}: ${score} out of 100`, exact: true }).first().waitFor();

export default [
  {
    name: 'daily_sleep',
    path: (day) => `data/daily_sleep?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = one(exp, 'daily_sleep', day);
      assert.ok(want, what);
      await ring(page, 'Sleep', want.score);
      const card = page.locator('section.view-day');
      assert.equal(await fact(card, 'Deep sleep'), String(want.contributors.deep_sleep), what);
      assert.equal(await fact(card, 'Timing'), String(want.contributors.timing), what);
    },
  },
  {
    name: 'sleep',
    path: (day) => `data/sleep?day=${day}`,
    async check(page, { exp, day, what }) {
      const periods = exp.collections.sleep.filter((d) => d.day === day && d.type !== 'deleted');
      assert.ok(periods.length, what);
      await page.getByText(`Sleep periods this day: ${periods.length}`).waitFor();
      const first = [...periods].sort((a, b) => Date.parse(a.bedtime_start) - Date.parse(b.bedtime_start))[0];
      const card = page.locator('article.period').first();
      assert.equal(await fact(card, 'Time in bed'), hm(first.time_in_bed), what);
      if (first.lowest_heart_rate != null) {
        assert.equal(await fact(card, 'Lowest heart rate'), `${first.lowest_heart_rate} bpm`, what);
      }
    },
  },
  {
    name: 'daily_readiness',
    path: (day) => `data/daily_readiness?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = one(exp, 'daily_readiness', day);
      assert.ok(want, what);
      await ring(page, 'Readiness', want.score);
      const card = page.locator('section.view-day');
      assert.equal(await fact(card, 'HRV balance'), String(want.contributors.hrv_balance), what);
      assert.equal(await fact(card, 'Resting heart rate'), String(want.contributors.resting_heart_rate), what);
    },
  },
  {
    name: 'daily_activity',
    path: (day) => `data/daily_activity?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = one(exp, 'daily_activity', day);
      assert.ok(want, what);
      await ring(page, 'Activity', want.score);
      const card = page.locator('section.view-day');
      assert.equal(await fact(card, 'Steps'), n(want.steps), what);
      assert.equal(await fact(card, 'Total calories'), `${n(want.total_calories)} kcal`, what);
    },
  },
];
