// A static server for the release build in dist/, as a real host would serve it:
// SPA fallback to index.html, `.wasm` as application/wasm. `configFile` replaces
// /config.json (tests choose the configuration without rebuilding). `basePath` serves
// the build under a sub-path (a `trunk build --public-url /healthhub/` build).
// Like deploy/nginx, every response carries the security headers with the build's
// Content-Security-Policy (dist/csp.txt, written by scripts/post-build.mjs); its
// connect-src gets the origin of the served config's api_base when that is
// cross-origin (the tests' simulator on another loopback port), exactly as a deployment
// with a cross-origin api_base must add it. `csp: false` turns the headers off. Also
// runnable:
//   node tests/e2e/lib/static-server.mjs <dir> <port> [config.json]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/// The security headers every response carries (deploy/nginx/headers.conf sends the same).
export const SECURITY_HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/// The build's policy (csp.txt) with `api_base`'s origin added to connect-src when it is
/// cross-origin to `pageOrigin` (a same-origin path such as "/oura-api" adds nothing).
export function cspFor(policy, apiBase, pageOrigin) {
  let extra = null;
  try {
    const api = new URL(apiBase ?? 'https://api.ouraring.com', `${pageOrigin}/`);
    if (api.origin !== pageOrigin) extra = api.origin;
  } catch {
    // An invalid api_base is the app's to report; nothing to allow.
  }
  return extra ? policy.replace("connect-src 'self'", `connect-src 'self' ${extra}`) : policy;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/// Cache-Control per path from a Netlify `_headers` file (`/path` lines, then indented
/// `Name: value` lines).
function cacheRules(file) {
  const rules = new Map();
  if (!fs.existsSync(file)) return rules;
  let at = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\//.test(line)) at = line.trim();
    else if (at && /^\s+cache-control:/i.test(line)) rules.set(at, line.split(':').slice(1).join(':').trim());
  }
  return rules;
}

export function startStaticServer({ root, port = 0, host = '127.0.0.1', configFile = null, basePath = '/', csp = true, deploy = false }) {
  const rootAbs = path.resolve(root);
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const cspFile = path.join(rootAbs, 'csp.txt');
  const securityHeaders = (req) => {
    if (!csp || !fs.existsSync(cspFile)) return {};
    const config = readJson(configFile ?? path.join(rootAbs, 'config.json'));
    const policy = fs.readFileSync(cspFile, 'utf8').trim();
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    return { ...SECURITY_HEADERS, 'content-security-policy': cspFor(policy, config?.api_base, origin) };
  };
  const rules = deploy ? cacheRules(path.join(rootAbs, '_headers')) : new Map();
  const server = http.createServer((req, res) => {
    for (const [k, v] of Object.entries(securityHeaders(req))) res.setHeader(k, v);
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    rel = rel.slice(base.length);
    if (rel === 'config.json' && configFile) {
      send(res, configFile, 'application/json');
      return;
    }
    let file = path.join(rootAbs, rel);
    if (!file.startsWith(rootAbs)) {
      res.writeHead(403).end();
      return;
    }
    if (rel === '' || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // SPA fallback: any app route gets index.html; a missing asset is a 404.
      if (path.extname(rel) !== '') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = path.join(rootAbs, 'index.html');
    }
    if (deploy) sendDeployed(req, res, file, `/${path.relative(rootAbs, file)}`, rules);
    else send(res, file, TYPES[path.extname(file)] || 'application/octet-stream');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}${base}`,
        port: actual,
        close: () => new Promise((r) => {
          server.close(() => r());
          server.closeAllConnections(); // keep-alive connections too: close means gone
        }),
      });
    });
  });
}

function send(res, file, type) {
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
  });
}

const compressed = new Map();

/// A file as a deployment serves it: compressed by Accept-Encoding (cached in memory),
/// with its Cache-Control rule (`no-cache` when none).
function sendDeployed(req, res, file, rel, rules) {
  const type = TYPES[path.extname(file)] || 'application/octet-stream';
  const accept = String(req.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  let body;
  try {
    body = fs.readFileSync(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const headers = { 'content-type': type, 'cache-control': rules.get(rel) ?? 'no-cache', vary: 'Accept-Encoding' };
  if (encoding && !/^image\/png/.test(type)) {
    const key = `${encoding}:${file}:${body.length}`;
    if (!compressed.has(key)) {
      compressed.set(key, encoding === 'br'
        ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
        : zlib.gzipSync(body, { level: 9 }));
    }
    body = compressed.get(key);
    headers['content-encoding'] = encoding;
  }
  res.writeHead(200, headers).end(body);
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = '8080', configFile = null] = process.argv.slice(2);
  const s = await startStaticServer({ root, port: Number(port), configFile });
  console.log(`serving ${root} at ${s.url}`);
}
