// Debian's Chromium driven by playwright-core (never a downloaded browser), with the
// flags this closed network needs. `watchConsole` collects console errors and page
// errors so a test can assert there were none.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/// The flags every launch of it gets.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export function watchConsole(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation away (sign-in, reload, back) cancels requests in flight: not a failure.
    const reason = req.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${req.url()} ${reason}`);
  });
  return errors;
}

/// Waits until the Leptos app has mounted (its header is in the DOM).
export async function appReady(page) {
  await page.locator('header.app-header').waitFor({ state: 'visible', timeout: 20000 });
}
