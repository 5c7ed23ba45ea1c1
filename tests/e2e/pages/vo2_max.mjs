// The VO2 max page: estimates are occasional (the simulator makes one on ~15 % of
// days). The chosen day shows its estimate, or "Nothing recorded" when it has none;
// then the latest estimate on or before the day is opened from the history list.
import assert from 'node:assert/strict';
import { fact, n, settled } from '../lib/view.mjs';

export default [
  {
    name: 'vO2_max',
    path: (day) => `data/vO2_max?day=${day}`,
    async check(page, { exp, day, what }) {
      const docs = exp.collections.vO2_max;
      const card = page.locator('section.view-day');
      const today = docs.find((d) => d.day === day);
      if (!today) {
        await card.getByText('Nothing recorded this day.').waitFor();
      }
      const want = docs.filter((d) => d.day <= day).sort((a, b) => (a.day < b.day ? 1 : -1))[0];
      assert.ok(want, `${what}: the simulator has an estimate on or before ${day}`);
      const row = page.locator(`a.history-row[href$="day=${want.day}"]`);
      assert.equal((await row.locator('.history-value').innerText()).trim(), `${n(want.vo2_max, 1)} ml/kg/min`, what);
      await row.click();
      await settled(page);
      await page.waitForFunction((d) => location.search.includes(d), want.day);
      assert.equal(await fact(card, 'Estimated VO2 max'), `${n(want.vo2_max, 1)} ml/kg/min`, what);
      assert.equal(await fact(card, 'Estimated at'), want.timestamp.slice(11, 16), what);
    },
  },
];
