// The ring battery page against the simulator: the wearer's local day of battery rows,
// its last and lowest level, as the page shows them in English.
import assert from 'node:assert/strict';
import { fact, n } from '../lib/view.mjs';
import { clockAt, localDay } from './heartrate.mjs';

export default [
  {
    name: 'ring_battery_level',
    path: (day) => `data/ring_battery_level?day=${day}`,
    async check(page, { exp, day, what }) {
      const { off, rows } = localDay(exp, day, exp.collections.ring_battery_level);
      assert.ok(rows.length > 0, `${what}: the simulator has battery rows that day`);
      rows.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
      const card = page.locator('section.view-day');
      await card.locator('dl').first().waitFor();
      const last = rows[rows.length - 1];
      const onCharger = (r) => r.charging === true || r.in_charger === true;
      const known = (r) => (r.charging ?? null) !== null || (r.in_charger ?? null) !== null;
      const state = onCharger(last) ? ' · Charging' : known(last) ? ' · Not charging' : '';
      const at = (r) => clockAt(Date.parse(r.timestamp), off);
      assert.equal(await fact(card, 'Last reading'), `${last.level}% · ${at(last)}${state}`, what);
      const low = rows.reduce((a, b) => (b.level < a.level ? b : a));
      assert.equal(await fact(card, 'Lowest level'), `${low.level}% · ${at(low)}`, what);
      assert.equal(await fact(card, 'Readings'), n(rows.length), what);
      await card.locator('.chart-battery svg[role=img]').waitFor();
      await page.locator('.view-trend .chart-bar svg[role=img]').waitFor();
    },
  },
];
