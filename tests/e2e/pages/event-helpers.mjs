// Shared by the event page checks (workouts, sessions, tags, rest_mode): the app's
// English formatting of codes, times, durations and dates, and the simulator's
// documents around a day. No page of its own (the runner imports every .mjs here).
import { appReady } from '../lib/browser.mjs';
import { settled } from '../lib/view.mjs';

/// `tag_generic_late_meal` → `Late meal` (the app's code_words).
export const words = (code) => {
  const s = code.replace(/^tag_generic_/, '').replace(/^tag_/, '').replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/// The wall-clock time of an Oura timestamp at its own offset: `12:02`.
export const clock = (iso) => iso.slice(11, 16);

/// Seconds between two timestamps.
export const seconds = (a, b) => (Date.parse(b) - Date.parse(a)) / 1000;

/// A duration in words as the English UI writes it: `1 h 8 min`, `45 min`, `3 h`.
export const duration = (s) => {
  const m = Math.round(Math.max(0, s) / 60);
  const [h, r] = [Math.floor(m / 60), m % 60];
  if (h === 0) return `${r} min`;
  return r === 0 ? `${h} h` : `${h} h ${r} min`;
};

/// A day as the English UI writes it in lists: `Sun, Nov 15`.
export const shortDate = (day) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

/// The days `days` days back from `day` (inclusive), as `YYYY-MM-DD`.
export const back = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);

/// The latest day of the daily collections (the app's trend and history anchor).
export const anchorOf = (exp) =>
  ['daily_sleep', 'sleep', 'daily_readiness', 'daily_activity']
    .flatMap((c) => exp.collections[c].map((d) => d.day))
    .sort()
    .at(-1);

/// Follows a link of the page (a history row) and waits for the new day to settle.
export async function follow(page, link) {
  await link.click();
  await appReady(page);
  await settled(page);
}

export default [];
