// The bedtime guidance page against the simulator's sleep_time document of the day
// and the bedtime of that day's long sleep.
import assert from 'node:assert/strict';
import { fact } from '../lib/view.mjs';

const REC = {
  improve_efficiency: 'Improve your sleep efficiency',
  earlier_bedtime: 'Go to bed earlier',
  later_bedtime: 'Go to bed later',
  earlier_wake_up_time: 'Wake up earlier',
  later_wake_up_time: 'Wake up later',
  follow_optimal_bedtime: 'Follow your optimal bedtime',
};
const STATUS = {
  not_enough_nights: 'Not enough nights recorded yet',
  not_enough_recent_nights: 'Not enough recent nights recorded',
  bad_sleep_quality: 'Sleep quality too low to find a window',
  only_recommended_found: 'Only a recommendation was found',
  optimal_found: 'Optimal bedtime found',
};
const clock = (s) => {
  const m = (((Math.floor(s / 60)) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export default [
  {
    name: 'sleep_time',
    path: (day) => `data/sleep_time?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = exp.collections.sleep_time.find((d) => d.day === day);
      assert.ok(want, `${what}: the simulator has a sleep_time document on ${day}`);
      const card = page.locator('section.view-day');
      const w = want.optimal_bedtime;
      assert.equal(await fact(card, 'Optimal bedtime'), w ? `${clock(w.start_offset)}–${clock(w.end_offset)}` : '—', what);
      assert.equal(await fact(card, 'Recommendation'), want.recommendation ? REC[want.recommendation] : '—', what);
      assert.equal(await fact(card, 'Guidance status'), want.status ? STATUS[want.status] : '—', what);
      const night = exp.collections.sleep
        .filter((s) => s.day === day && s.type === 'long_sleep')
        .sort((a, b) => (b.total_sleep_duration ?? 0) - (a.total_sleep_duration ?? 0))[0];
      if (night) {
        const bed = night.bedtime_start.slice(11, 16);
        assert.equal(await fact(card, 'Your bedtime'), bed, what);
        const row = page.locator(`.daily-history a.history-row[href$="day=${day}"] .history-value`);
        assert.ok((await row.innerText()).includes(`Bedtime ${bed}`), what);
      }
      const svg = page.locator('.chart-bedtime svg[role="img"]');
      assert.match(await svg.getAttribute('aria-label'), /bedtimes, \d+ of them inside the window/, what);
    },
  },
];
