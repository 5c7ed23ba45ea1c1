// The SpO2 page against the simulator's daily_spo2 document of the day.
import assert from 'node:assert/strict';
import { fact, n } from '../lib/view.mjs';

export default [
  {
    name: 'daily_spo2',
    path: (day) => `data/daily_spo2?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = exp.collections.daily_spo2.find((d) => d.day === day);
      assert.ok(want, `${what}: the simulator has a daily_spo2 document on ${day}`);
      const card = page.locator('section.view-day');
      const avg = want.spo2_percentage?.average;
      assert.equal(await fact(card, 'Average blood oxygen'), avg == null ? '—' : `${n(avg, 1)}%`, what);
      const bdi = want.breathing_disturbance_index;
      assert.equal(await fact(card, 'Breathing disturbance index'), bdi == null ? '—' : n(bdi), what);
    },
  },
];
