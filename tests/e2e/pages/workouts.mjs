// The workout page for the chosen day: each workout as the simulator has it, and the
// ISO week's totals in the list by week.
import assert from 'node:assert/strict';
import { fact, n } from '../lib/view.mjs';
import { clock, duration, seconds, shortDate, words } from './event-helpers.mjs';

const monday = (day) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  const wd = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - wd * 86400000).toISOString().slice(0, 10);
};

export default [
  {
    name: 'workout',
    path: (day) => `data/workout?day=${day}`,
    async check(page, { exp, day, what }) {
      const byStart = (a, b) => Date.parse(a.start_datetime) - Date.parse(b.start_datetime);
      const list = exp.collections.workout.filter((w) => w.day === day).sort(byStart);
      assert.ok(list.length > 0, `${what}: the simulator has workouts on ${day}`);
      const card = page.locator('.view-day');
      for (const w of list) {
        const heading = `${words(w.activity)} · ${clock(w.start_datetime)}–${clock(w.end_datetime)}`;
        const item = card.locator('article', { has: page.locator('h3', { hasText: heading }) });
        await item.waitFor({ timeout: 10000 });
        assert.equal(await fact(item, 'Duration'), duration(seconds(w.start_datetime, w.end_datetime)), what);
        assert.equal(await fact(item, 'Calories'), w.calories == null ? '—' : `${n(w.calories)} kcal`, what);
        assert.equal(await fact(item, 'Distance'), w.distance == null ? '—' : `${n(w.distance / 1000, 1)} km`, what);
        assert.equal(await fact(item, 'Label'), w.label ?? '—', what);
      }
      // The ISO week of the day in the list by week: its totals.
      const mon = monday(day);
      const sun = new Date(Date.parse(`${mon}T00:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10);
      const week = exp.collections.workout.filter((w) => w.day >= mon && w.day <= sun).sort(byStart);
      const secs = week.reduce((s, w) => s + seconds(w.start_datetime, w.end_datetime), 0);
      const parts = [`Workouts: ${week.length}`, duration(secs)];
      const cal = week.filter((w) => w.calories != null);
      if (cal.length) parts.push(`${n(cal.reduce((s, w) => s + w.calories, 0))} kcal`);
      const dist = week.filter((w) => w.distance != null);
      if (dist.length) parts.push(`${n(dist.reduce((s, w) => s + w.distance, 0) / 1000, 1)} km`);
      const heading = `${shortDate(mon)} – ${shortDate(sun)}`;
      const row = page.locator('.ev-week', { has: page.locator('h3', { hasText: heading }) });
      assert.equal((await row.locator('.view-note').innerText()).trim(), parts.join(' · '), what);
      for (const w of week) {
        const link = row.locator(`a[href$="?day=${w.day}"]`, { hasText: words(w.activity) });
        assert.ok((await link.count()) > 0, `${what}: ${w.activity} on ${w.day} in its week`);
      }
    },
  },
];
