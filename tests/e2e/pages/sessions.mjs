// The session page for the chosen day (the simulator's sessions that day, or none),
// the history of days with sessions, and a session day opened from that history.
import assert from 'node:assert/strict';
import { fact } from '../lib/view.mjs';
import { anchorOf, back, clock, duration, follow, seconds, shortDate } from './event-helpers.mjs';

const KINDS = { breathing: 'Breathing', meditation: 'Meditation', nap: 'Nap', relaxation: 'Relaxation', rest: 'Rest', body_status: 'Body status' };
const MOODS = { bad: 'Bad', worse: 'Worse', same: 'Same', good: 'Good', great: 'Great' };

async function sessionsShown(page, list, what) {
  for (const s of list) {
    const heading = `${KINDS[s.type]} · ${clock(s.start_datetime)}–${clock(s.end_datetime)}`;
    const item = page.locator('.view-day article', { has: page.locator('h3', { hasText: heading }) });
    await item.waitFor({ timeout: 10000 });
    assert.equal(await fact(item, 'Duration'), duration(seconds(s.start_datetime, s.end_datetime)), what);
    assert.equal(await fact(item, 'Mood'), s.mood ? MOODS[s.mood] : '—', what);
    if (s.heart_rate) assert.ok((await item.locator('[aria-label^="Heart rate. "]').count()) > 0, `${what}: heart rate curve`);
    if (s.motion_count) assert.ok((await item.locator('[aria-label^="Motion. "]').count()) > 0, `${what}: motion curve`);
  }
}

export default [
  {
    name: 'session',
    path: (day) => `data/session?day=${day}`,
    async check(page, { exp, day, what }) {
      const all = exp.collections.session;
      const onDay = all.filter((s) => s.day === day);
      if (onDay.length === 0) {
        assert.equal((await page.locator('.view-day .view-none').innerText()).trim(), 'Nothing recorded this day.', what);
      }
      await sessionsShown(page, onDay, what);
      // History: every day with sessions in the 30 days to the anchor, with its total.
      const anchor = anchorOf(exp);
      const recent = all.filter((s) => s.day > back(anchor, 30) && s.day <= anchor);
      assert.ok(recent.length > 0, `${what}: the simulator has sessions in the last 30 days`);
      const days = [...new Set(recent.map((s) => s.day))].sort().reverse();
      const rows = page.locator('.view-history .history-row');
      assert.equal(await rows.count(), days.length, what);
      for (const [i, d] of days.entries()) {
        const total = recent.filter((s) => s.day === d).reduce((t, s) => t + seconds(s.start_datetime, s.end_datetime), 0);
        assert.equal((await rows.nth(i).locator('.history-date').innerText()).trim(), shortDate(d), what);
        assert.equal((await rows.nth(i).locator('.history-value').innerText()).trim(), duration(total), what);
      }
      // The newest session day, opened from the history.
      if (onDay.length === 0) {
        await follow(page, rows.first());
        await sessionsShown(page, recent.filter((s) => s.day === days[0]), `${what}, ${days[0]}`);
      }
    },
  },
];
