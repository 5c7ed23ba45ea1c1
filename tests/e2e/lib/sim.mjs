// Starts the local Oura simulator (target/release/oura-sim, built by `make sim`) on a
// free loopback port and stops it by its PID.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './paths.mjs';

export const SIM_BIN = path.join(ROOT, 'target/release/oura-sim');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/// Small, fast data by default (DESIGN §8: e2e on 30–60 days, low heartrate density).
export const SMALL = ['--days', '30', '--hr-per-day', '96', '--end-date', '2026-11-20', '--seed', '3'];

/// `port`: a fixed port (to restart a stopped simulator at the same address);
/// `small: false` leaves out the small-data defaults (benchmarks choose their own).
export async function startSim(args = [], { port: fixedPort, small = true } = {}) {
  const port = fixedPort ?? (await freePort());
  const child = spawn(SIM_BIN, ['--port', String(port), ...(small ? SMALL : []), ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/__sim/stats`);
  return {
    url,
    port,
    async stats() {
      return (await fetch(`${url}/__sim/stats`)).json();
    },
    async configure(cfg) {
      const res = await fetch(`${url}/__sim/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cfg),
      });
      if (!res.ok) throw new Error(`sim config: HTTP ${res.status} ${await res.text()}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/// A config.json pointing the app at a simulator.
export function simConfig(sim, extra = {}) {
  return {
    client_id: 'healthhub-dev',
    authorize_url: `${sim.url}/oauth/authorize`,
    api_base: sim.url,
    ...extra,
  };
}
