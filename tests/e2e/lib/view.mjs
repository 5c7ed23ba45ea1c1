// What the data-view journeys share: reading a fact, waiting for a page to settle,
// overflow and axe-core checks, and the simulator's formatting of values as the app
// shows them in English.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/// `h:mm` of a duration in seconds, as the app writes it.
export const hm = (s) => {
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
};

/// A number as the English UI writes it (`12,345`), at most `decimals` digits.
export const n = (v, decimals = 0) => {
  const f = 10 ** decimals;
  return (Math.round(Number(v) * f) / f).toLocaleString('en-US');
};

/// The text of the <dd> next to the <dt> labelled `label` (first match) under `root`.
export async function fact(root, label) {
  const row = root.locator(`dl > div:has(> dt:text-is("${label}"))`).first();
  return (await row.locator('dd').innerText()).trim();
}

/// Waits until no "Loading…" is left on the page.
export async function settled(page) {
  await page.waitForFunction(() => !document.body.innerText.includes('Loading…'), null, { timeout: 20000 });
}

export async function noOverflow(page, what) {
  const { sw, w } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
  assert.ok(sw <= w, `${what}: horizontal overflow at ${w}px (${sw}px wide)`);
}

export async function axe(page, what) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((x) => x.target.join(' ')).slice(0, 5) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${what}: axe found serious/critical violations`);
}
