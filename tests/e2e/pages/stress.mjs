// The stress page against the simulator's daily_stress document of the day.
import assert from 'node:assert/strict';
import { fact, hm } from '../lib/view.mjs';

const SUMMARY = { restored: 'Restored', normal: 'Normal', stressful: 'Stressful' };

export default [
  {
    name: 'daily_stress',
    path: (day) => `data/daily_stress?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = exp.collections.daily_stress.find((d) => d.day === day);
      assert.ok(want, `${what}: the simulator has a daily_stress document on ${day}`);
      const card = page.locator('section.view-day');
      const dash = (v) => (v == null ? '—' : hm(v));
      assert.equal(await fact(card, 'Time in high stress'), dash(want.stress_high), what);
      assert.equal(await fact(card, 'Time in high recovery'), dash(want.recovery_high), what);
      assert.equal(await fact(card, 'Day summary'), want.day_summary == null ? '—' : SUMMARY[want.day_summary], what);
      assert.equal(await page.locator('.score-ring').count(), 0, `${what}: no stress score is invented`);
      const row = page.locator(`a.history-row[href$="day=${day}"] .history-value`);
      assert.equal((await row.innerText()).trim(), `Stress ${dash(want.stress_high)} · Recovery ${dash(want.recovery_high)}`, what);
    },
  },
];
