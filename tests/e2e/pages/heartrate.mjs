// The heart-rate page against the simulator: the wearer's local day (the offset of the
// day's daily_activity timestamp) of samples, its lowest / average / highest and last
// night's lowest, as the page shows them in English.
import assert from 'node:assert/strict';
import { fact, n } from '../lib/view.mjs';

/// UTC offset (ms) of an RFC 3339 timestamp's `+09:00` suffix.
export function offsetMs(stamp) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(stamp);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000;
}

/// `HH:MM` of an instant at an offset.
export function clockAt(ms, off) {
  const d = new Date(ms + off);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/// The local day's rows of a series (by `timestamp`) and the day's offset.
export function localDay(exp, day, rows) {
  const activity = exp.collections.daily_activity.find((d) => d.day === day);
  const off = activity ? offsetMs(activity.timestamp) : 0;
  const start = Date.parse(`${day}T00:00:00Z`) - off;
  const inDay = rows.filter((r) => {
    const t = Date.parse(r.timestamp);
    return t >= start && t < start + 86400000;
  });
  return { off, rows: inDay };
}

export default [
  {
    name: 'heartrate',
    path: (day) => `data/heartrate?day=${day}`,
    async check(page, { exp, day, what }) {
      const { off, rows } = localDay(exp, day, exp.collections.heartrate);
      assert.ok(rows.length > 10, `${what}: the simulator has samples that day`);
      const card = page.locator('section.view-day');
      await card.locator('dl').first().waitFor();
      const bpm = rows.map((r) => r.bpm);
      const min = Math.min(...bpm);
      const max = Math.max(...bpm);
      const avg = bpm.reduce((a, b) => a + b, 0) / bpm.length;
      const first = (v) => rows.find((r) => r.bpm === v);
      assert.equal(await fact(card, 'Lowest'), `${min} bpm · ${clockAt(Date.parse(first(min).timestamp), off)}`, what);
      assert.equal(await fact(card, 'Highest'), `${max} bpm · ${clockAt(Date.parse(first(max).timestamp), off)}`, what);
      assert.equal(await fact(card, 'Average'), `${n(avg)} bpm`, what);
      assert.equal(await fact(card, 'Samples'), n(rows.length), what);
      const night = exp.collections.sleep.filter((s) => s.day === day && s.type === 'long_sleep')
        .sort((a, b) => (b.total_sleep_duration ?? b.time_in_bed) - (a.total_sleep_duration ?? a.time_in_bed))[0];
      const lowest = night?.lowest_heart_rate;
      assert.equal(await fact(card, 'Lowest last night'), lowest == null ? '—' : `${lowest} bpm`, what);
      // The curve and its zoom: one press of "Zoom in" shows half the day.
      const chart = card.locator('.chart-hr svg[role=img]');
      await chart.waitFor();
      await assert.doesNotReject(card.getByText('Showing 00:00–24:00').waitFor(), what);
      await card.getByRole('button', { name: 'Zoom in' }).click();
      await card.getByText('Showing 06:00–18:00').waitFor();
      await card.getByRole('button', { name: 'Whole day' }).click();
      await card.getByText('Showing 00:00–24:00').waitFor();
      // The trend band of the daily range.
      await page.locator('.view-trend .chart-band svg[role=img]').waitFor();
    },
  },
];
