// Lighthouse (npm `lighthouse`, its default mobile configuration: a phone screen,
// simulated slow 4G and a 4× slower CPU) in Debian's Chromium, started by Lighthouse on
// the benchmark's own profile (closed by Playwright first: one Chromium per profile), so
// the page it audits has the benchmark's data in IndexedDB and its service worker
// (storage is not reset). (Connected to the Chromium Playwright drives, Lighthouse's
// protocol calls time out: Playwright holds every new target.) Lighthouse is installed
// on first use into target/bench-tools (not a dependency of the app or of `make test`).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../tests/e2e/lib/paths.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/lib/browser.mjs';

export const LIGHTHOUSE_VERSION = '12.8.2';
const TOOLS = path.join(ROOT, 'target/bench-tools');
const CLI = path.join(TOOLS, 'node_modules/lighthouse/cli/index.js');

function install() {
  const pkg = path.join(TOOLS, 'node_modules/lighthouse/package.json');
  if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).version === LIGHTHOUSE_VERSION) return;
  fs.mkdirSync(TOOLS, { recursive: true });
  if (!fs.existsSync(path.join(TOOLS, 'package.json'))) fs.writeFileSync(path.join(TOOLS, 'package.json'), '{"private":true}\n');
  console.error(`# installing lighthouse@${LIGHTHOUSE_VERSION} into target/bench-tools`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `lighthouse@${LIGHTHOUSE_VERSION}`], { cwd: TOOLS, stdio: ['ignore', 'ignore', 'inherit'] });
}

/// One Lighthouse run of `url` in a Chromium on the profile `dir`. (Asynchronous: the
/// app's static server runs in this process and must keep answering.)
async function run(url, dir) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hh-lh-')), 'report.json');
  const flags = ['--headless=new', ...CHROMIUM_ARGS, `--user-data-dir=${dir}`].join(' ');
  await promisify(execFile)(process.execPath, [CLI, url, `--chrome-flags=${flags}`, '--disable-storage-reset',
    '--only-categories=performance,accessibility,best-practices', '--output=json', `--output-path=${out}`, '--quiet'],
  { timeout: 180000, env: { ...process.env, CHROME_PATH: CHROMIUM } });
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  const score = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
  const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcp: r.audits['largest-contentful-paint']?.numericValue ?? null,
    tbt: r.audits['total-blocking-time']?.numericValue ?? null,
    fcp: r.audits['first-contentful-paint']?.numericValue ?? null,
    failed,
  };
}

/// Median of `runs` Lighthouse runs on the profile `dir` (each figure its own median).
export async function lighthouse(url, dir, runs) {
  install();
  const all = [];
  for (let i = 0; i < runs; i++) {
    all.push(await run(url, dir));
    console.error(`# lighthouse ${i + 1}/${runs}: ${JSON.stringify(all[all.length - 1])}`);
  }
  const med = (k) => {
    const s = all.map((r) => r[k]).sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return {
    runs,
    performance: med('performance'),
    accessibility: med('accessibility'),
    bestPractices: med('bestPractices'),
    lcp: med('lcp'),
    tbt: med('tbt'),
    fcp: med('fcp'),
    failed: [...new Set(all.flatMap((r) => r.failed))],
  };
}
