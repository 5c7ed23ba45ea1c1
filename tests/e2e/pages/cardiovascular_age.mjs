// The cardiovascular age page against the simulator's document of the day and the
// personal_info age.
import assert from 'node:assert/strict';
import { fact, n } from '../lib/view.mjs';

function versus(vascular, age) {
  const d = vascular - age;
  if (d === 0) return `The same as your age (${age})`;
  const years = Math.abs(d) === 1 ? '1 year' : `${Math.abs(d)} years`;
  return `${years} ${d < 0 ? 'younger' : 'older'} than your age (${age})`;
}

export default [
  {
    name: 'daily_cardiovascular_age',
    path: (day) => `data/daily_cardiovascular_age?day=${day}`,
    async check(page, { exp, day, what }) {
      const want = exp.collections.daily_cardiovascular_age.find((d) => d.day === day);
      assert.ok(want && want.vascular_age != null, `${what}: the simulator has a vascular age on ${day}`);
      const age = exp.collections.personal_info[0].age;
      const card = page.locator('section.view-day');
      assert.equal(await fact(card, 'Vascular age'), `${want.vascular_age} years`, what);
      assert.equal(await fact(card, 'Compared with your age'), versus(want.vascular_age, age), what);
      const pwv = want.pulse_wave_velocity == null ? '—' : `${n(want.pulse_wave_velocity, 2)} m/s`;
      assert.equal(await fact(card, 'Pulse wave velocity'), pwv, what);
    },
  },
];
