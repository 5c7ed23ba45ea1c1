// The rest mode page for the chosen day (the simulator's periods covering it, or
// none), the list of every period, and a period opened from that list.
import assert from 'node:assert/strict';
import { fact } from '../lib/view.mjs';
import { clock, follow, shortDate, words } from './event-helpers.mjs';

const days = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000) + 1;
const covers = (p, day) => p.start_day <= day && (p.end_day == null || day <= p.end_day);
const at = (iso) => `${shortDate(iso.slice(0, 10))} ${clock(iso)}`;

async function periodsShown(page, list, what) {
  const items = page.locator('.view-day article');
  assert.equal(await items.count(), list.length, what);
  for (const [i, p] of [...list].sort((a, b) => (a.start_day < b.start_day ? 1 : -1)).entries()) {
    const item = items.nth(i);
    assert.equal(await fact(item, 'Started'), p.start_time ? at(p.start_time) : shortDate(p.start_day), what);
    assert.equal(await fact(item, 'Ended'), p.end_day == null ? 'ongoing' : p.end_time ? at(p.end_time) : shortDate(p.end_day), what);
    const text = await item.innerText();
    for (const e of p.episodes) {
      assert.ok(text.includes(e.tags.map(words).join(', ')), `${what}: episode tags ${e.tags}`);
      assert.ok(text.includes(at(e.timestamp)), `${what}: episode time ${e.timestamp}`);
    }
  }
}

export default [
  {
    name: 'rest_mode_period',
    path: (day) => `data/rest_mode_period?day=${day}`,
    async check(page, { exp, day, what }) {
      const all = exp.collections.rest_mode_period;
      assert.ok(all.length > 0, `${what}: the simulator has rest mode periods`);
      const today = all.filter((p) => covers(p, day));
      if (today.length === 0) {
        assert.equal((await page.locator('.view-day .view-none').innerText()).trim(), 'Nothing recorded this day.', what);
      }
      await periodsShown(page, today, what);
      // Every period, newest first, with its days and episodes.
      const newest = [...all].sort((a, b) => (a.start_day < b.start_day ? 1 : -1));
      const rows = page.locator('.view-history .history-row');
      assert.equal(await rows.count(), newest.length, what);
      for (const [i, p] of newest.entries()) {
        const row = rows.nth(i);
        const span = `${shortDate(p.start_day)} – ${p.end_day ? shortDate(p.end_day) : 'ongoing'}`;
        assert.equal((await row.locator('.history-date').innerText()).trim(), span, what);
        assert.equal((await row.locator('.history-value').innerText()).trim(), p.end_day ? `${days(p.start_day, p.end_day)} days` : 'ongoing', what);
        assert.equal((await row.locator('.ev-what').innerText()).trim(), `Episodes: ${p.episodes.length}`, what);
      }
      if (today.length === 0) {
        await follow(page, rows.first());
        await periodsShown(page, all.filter((p) => covers(p, newest[0].start_day)), `${what}, ${newest[0].start_day}`);
      }
    },
  },
];
