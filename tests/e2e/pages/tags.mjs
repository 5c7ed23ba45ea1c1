// The tag (deprecated) and enhanced tag pages for the chosen day (the simulator's tags
// that day, or none), the history of days with tags, and a tag day opened from it.
import assert from 'node:assert/strict';
import { anchorOf, back, clock, duration, follow, seconds, shortDate, words } from './event-helpers.mjs';

const tagName = (t) => (t.tags.length ? t.tags.map(words).join(', ') : '—');
const enhancedName = (t) => (t.custom_name?.trim() ? t.custom_name : t.tag_type_code?.trim() ? words(t.tag_type_code) : 'Tag');
const dayOf = (t) => t.day ?? t.start_day;
const onDay = (t, day) => (t.day ? t.day === day : t.start_day <= day && day <= (t.end_day ?? t.start_day));

/// What the day card lists of a tag: title, detail and note.
function expected(t, legacy) {
  if (legacy) return { title: tagName(t), detail: clock(t.timestamp), note: t.text?.trim() ? t.text : null };
  const detail = t.end_time
    ? `${clock(t.start_time)}–${clock(t.end_time)} · ${duration(seconds(t.start_time, t.end_time))}`
    : clock(t.start_time);
  return { title: enhancedName(t), detail, note: t.comment?.trim() ? t.comment : null };
}

async function tagsShown(page, list, legacy, what) {
  const byTime = (a, b) => Date.parse(a.timestamp ?? a.start_time) - Date.parse(b.timestamp ?? b.start_time);
  const items = page.locator('.view-day .event-list > li');
  assert.equal(await items.count(), list.length, what);
  for (const [i, t] of [...list].sort(byTime).entries()) {
    const e = expected(t, legacy);
    const li = items.nth(i);
    assert.equal((await li.locator('.event-title').innerText()).trim(), e.title, what);
    assert.equal((await li.locator('.event-detail').innerText()).trim(), e.detail, what);
    if (e.note) assert.equal((await li.locator('.event-note').innerText()).trim(), e.note, what);
    else assert.equal(await li.locator('.event-note').count(), 0, what);
  }
  if (list.length) {
    const label = await page.locator('.view-day .chart-timeline svg').getAttribute('aria-label');
    assert.ok(label.includes(`Tags: ${list.length}`), `${what}: ${label}`);
  }
}

function pageCheck(endpoint, legacy) {
  return async (page, { exp, day, what }) => {
    const all = exp.collections[endpoint];
    if (legacy) {
      assert.match(await page.locator('.ev-deprecated').innerText(), /Oura has deprecated these tags/, what);
    }
    const today = all.filter((t) => onDay(t, day));
    if (today.length === 0) {
      assert.equal((await page.locator('.view-day .view-none').innerText()).trim(), 'Nothing recorded this day.', what);
    }
    await tagsShown(page, today, legacy, what);
    // History: the days with tags in the 30 days to the anchor, with their names.
    const anchor = anchorOf(exp);
    const recent = all.filter((t) => dayOf(t) > back(anchor, 30) && dayOf(t) <= anchor);
    assert.ok(recent.length > 0, `${what}: the simulator has ${endpoint} documents in the last 30 days`);
    const days = [...new Set(recent.map(dayOf))].sort().reverse();
    const rows = page.locator('.view-history .history-row');
    assert.equal(await rows.count(), days.length, what);
    for (const [i, d] of days.entries()) {
      const those = recent.filter((t) => dayOf(t) === d);
      const row = rows.nth(i);
      assert.equal((await row.locator('.history-date').innerText()).trim(), shortDate(d), what);
      assert.equal((await row.locator('.history-value').innerText()).trim(), String(those.length), what);
      for (const t of those) {
        const name = legacy ? tagName(t) : enhancedName(t);
        assert.ok((await row.locator('.ev-what').innerText()).includes(name), `${what}: ${name} on ${d}`);
      }
    }
    if (today.length === 0) {
      await follow(page, rows.first());
      await tagsShown(page, all.filter((t) => onDay(t, days[0])), legacy, `${what}, ${days[0]}`);
    }
  };
}

export default [
  { name: 'tag', path: (day) => `data/tag?day=${day}`, check: pageCheck('tag', true) },
  { name: 'enhanced_tag', path: (day) => `data/enhanced_tag?day=${day}`, check: pageCheck('enhanced_tag', false) },
];
