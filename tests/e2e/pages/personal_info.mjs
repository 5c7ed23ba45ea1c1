// The personal info page against the simulator's personal_info object, and its
// summary card in Settings.
import assert from 'node:assert/strict';
import { fact, n, settled } from '../lib/view.mjs';

const height = (m) => {
  const inches = Math.round(m / 0.0254);
  return `${n(m * 100)} cm (${Math.floor(inches / 12)} ft ${inches % 12} in)`;
};
const weight = (kg) => `${n(kg, 1)} kg (${n(kg / 0.45359237)} lb)`;

export default [
  {
    name: 'personal_info',
    path: (day) => `data/personal_info?day=${day}`,
    async check(page, { exp, app, what }) {
      const p = exp.collections.personal_info[0];
      const card = page.locator('section.profile');
      assert.equal(await fact(card, 'Age'), `${p.age} years`, what);
      assert.equal(await fact(card, 'Height'), height(p.height), what);
      assert.equal(await fact(card, 'Weight'), weight(p.weight), what);
      assert.equal(await fact(card, 'Biological sex'), p.biological_sex === 'male' ? 'Male' : 'Female', what);
      assert.equal(await fact(card, 'Email'), p.email, what);
      await page.goto(`${app.url}settings`);
      await settled(page);
      const summary = page.locator('section.profile-card');
      await summary.locator('.profile-summary').waitFor();
      assert.equal((await summary.locator('.profile-summary').innerText()).trim(), `${p.age} years · ${height(p.height)} · ${weight(p.weight)}`, what);
      assert.ok(await summary.locator('a[href$="data/personal_info"]').count(), what);
      // Back to the page (the runner's overflow, axe and screenshot are of it).
      await page.goto(`${app.url}data/personal_info`);
      await page.locator('section.profile dl').waitFor();
      await settled(page);
    },
  },
];
