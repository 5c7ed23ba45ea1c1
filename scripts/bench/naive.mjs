// The way most peer clients fetch Oura data, for `make bench` to compare against: one
// endpoint after the other, each followed page by page through `next_token`, heart rate
// and ring battery in consecutive 30-day windows, one request at a time. It only
// fetches (a real client would also store what it gets, which only adds time), so its
// wall time is a lower estimate of the naive way.
//
// The same walk with no latency also tells the benchmark the shape of the data: how many
// pages each window needs (the chains of dependent requests).

const FLOOR = '2013-01-01';
const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/// The windows of a date-time endpoint for local days first..=last: UTC
/// [first − 1 day, last + 2 days) in ≤ 30-day windows (the app's padding and window).
function datetimeWindows(first, last) {
  const a = Date.parse(`${first}T00:00:00Z`) - DAY_MS;
  const b = Date.parse(`${last}T00:00:00Z`) + 2 * DAY_MS;
  const out = [];
  for (let s = a; s < b; s += WINDOW_DAYS * DAY_MS) out.push([s, Math.min(b, s + WINDOW_DAYS * DAY_MS)]);
  return out;
}

/// The requests of each endpoint's first page, oldest first: `[endpoint, url]`.
export function plan(base, info) {
  const last = info.end_date;
  const out = [];
  for (const name of Object.keys(info.counts)) {
    const path = `${base}/v2/usercollection/${name}`;
    if (name === 'heartrate' || name === 'ring_battery_level') {
      for (const [s, e] of datetimeWindows(info.first_day, last)) {
        out.push([name, `${path}?start_datetime=${iso(s)}&end_datetime=${iso(e)}`]);
      }
    } else if (name === 'personal_info' || name === 'ring_configuration') {
      out.push([name, path]);
    } else {
      const end = day(Date.parse(`${last}T00:00:00Z`) + DAY_MS);
      out.push([name, `${path}?start_date=${FLOOR}&end_date=${end}`]);
    }
  }
  return out;
}

/// Walks every window one request at a time. Returns the requests made, the pages of
/// each window (`chains`), the documents/samples received and the wall time in seconds.
export async function walk(base, info, token) {
  const headers = { authorization: `Bearer ${token}` };
  const chains = [];
  let requests = 0;
  let items = 0;
  const t0 = Date.now();
  for (const [name, first] of plan(base, info)) {
    let url = first;
    let pages = 0;
    for (;;) {
      let res;
      for (let attempt = 0; ; attempt++) {
        res = await fetch(url, { headers });
        requests++;
        if (res.status !== 429 || attempt > 10) break;
        const wait = Number(res.headers.get('retry-after') ?? 1);
        await new Promise((r) => setTimeout(r, wait * 1000));
      }
      if (!res.ok) throw new Error(`naive walk: ${name}: HTTP ${res.status} ${await res.text()}`);
      const body = await res.json();
      pages++;
      items += Array.isArray(body.data) ? body.data.length : 1;
      if (!body.next_token) break;
      const next = new URL(first);
      next.searchParams.set('next_token', body.next_token);
      url = next.href;
    }
    chains.push({ name, pages });
  }
  return { requests, chains, items, wall: (Date.now() - t0) / 1000 };
}

/// A token of the simulator at `base` (minted without the browser flow).
export async function mint(base) {
  const res = await fetch(`${base}/__sim/token`, { method: 'POST', body: JSON.stringify({ ttl_seconds: 86400 }) });
  return (await res.json()).access_token;
}
