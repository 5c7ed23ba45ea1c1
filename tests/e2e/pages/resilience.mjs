// The resilience page against the simulator's daily_resilience document of the day.
import assert from 'node:assert/strict';
import { fact, n } from '../lib/view.mjs';

const LEVELS = { limited: 'Limited', adequate: 'Adequate', solid: 'Solid', strong: 'Strong', exceptional: 'Exceptional' };

export default [
  {
    name: 'daily_resilience',
    path: (day) => `data/daily_resilience?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = exp.collections.daily_resilience.find((d) => d.day === day);
      assert.ok(want, `${what}: the simulator has a daily_resilience document on ${day}`);
      const card = page.locator('section.view-day');
      const current = card.locator('.res-scale [aria-current="step"]');
      assert.equal((await current.innerText()).trim(), LEVELS[want.level], what);
      assert.equal(await card.locator('.res-scale > li').count(), 5, what);
      const c = want.contributors;
      assert.equal(await fact(card, 'Sleep recovery'), n(c.sleep_recovery, 1), what);
      assert.equal(await fact(card, 'Daytime recovery'), n(c.daytime_recovery, 1), what);
      assert.equal(await fact(card, 'Stress'), n(c.stress, 1), what);
    },
  },
];
