// The rings page: every ring of the simulator, newest set-up first.
import assert from 'node:assert/strict';
import { fact } from '../lib/view.mjs';

const COLOR = {
  brushed_silver: 'Brushed silver', glossy_black: 'Glossy black', glossy_gold: 'Glossy gold', glossy_white: 'Glossy white',
  gucci: 'Gucci', matt_gold: 'Matte gold', rose: 'Rose', silver: 'Silver', stealth_black: 'Stealth black',
  titanium: 'Titanium', titanium_and_gold: 'Titanium and gold', cloud: 'Cloud', petal: 'Petal', midnight: 'Midnight',
  tide: 'Tide', deep_rose: 'Deep rose',
};
const DESIGN = { heritage: 'Heritage', balance: 'Balance', balance_diamond: 'Balance Diamond', horizon: 'Horizon', ceramic: 'Ceramic' };
const HARDWARE = { gen1: 'Oura Ring Gen1', gen2: 'Oura Ring Gen2', gen2m: 'Oura Ring Gen2M', gen3: 'Oura Ring Gen3', gen4: 'Oura Ring 4', or5: 'Oura Ring 5' };

export default [
  {
    name: 'ring_configuration',
    path: (day) => `data/ring_configuration?day=${day}`,
    async check(page, { exp, what }) {
      const known = (t) => t && !t.startsWith('1970-01-01');
      const rings = [...exp.collections.ring_configuration].sort((a, b) => {
        const ta = known(a.set_up_at) ? Date.parse(a.set_up_at) : -Infinity;
        const tb = known(b.set_up_at) ? Date.parse(b.set_up_at) : -Infinity;
        return tb - ta;
      });
      assert.ok(rings.length > 0, `${what}: the simulator has rings`);
      const items = page.locator('.ring-item');
      assert.equal(await items.count(), rings.length, what);
      for (const [i, r] of rings.entries()) {
        const item = items.nth(i);
        assert.equal((await item.locator('.ring-name').innerText()).trim(), HARDWARE[r.hardware_type], what);
        assert.equal(await fact(item, 'Color'), COLOR[r.color], what);
        assert.equal(await fact(item, 'Design'), DESIGN[r.design], what);
        assert.equal(await fact(item, 'Firmware'), r.firmware_version, what);
        assert.equal(await fact(item, 'Size (US)'), r.size == null ? '—' : String(r.size), what);
        if (!known(r.set_up_at)) assert.equal(await fact(item, 'Set up'), 'unknown', what);
        else assert.ok((await fact(item, 'Set up')).includes(r.set_up_at.slice(0, 4)), what);
      }
    },
  },
];
