#!/usr/bin/env node
// Trunk post-build step (called by scripts/post-build.sh with the staging dir, in the
// project root). Trunk has already written the hashed CSS (with SRI hashes) and
// index.html. This step:
//
// - drops the HTML comments of index.html;
// - copies in the app's WebAssembly from target/wasm-pkg (scripts/build-wasm.sh, the
//   pre-build hook): every file gets this package's content hash in its name
//   (`healthhub-<hash>.js`, `healthhub-<hash>_bg.wasm`, `split_settings_page_…-<hash>.wasm`),
//   the names the modules import and fetch from each other are rewritten to match, the
//   JS is minified (esbuild), and the module loader (with preload links) goes into
//   index.html;
// - sw.js: the BUILD line gets this build's file list (hashed names, relative to the
//   base URL) and a version (hash of every file), so each build is a new worker;
// - csp.txt: the Content-Security-Policy for this build, with the sha256 of the
//   inline module loader (it changes with every build: it names the hashed files).
//   Servers send it as a header, adding the api_base origin to connect-src only when
//   api_base is cross-origin (see deploy/ and tests/e2e/lib/static-server.mjs);
// - _headers and _redirects for Netlify (the same headers; the /oura-api proxy and the
//   SPA fallback).
import { transformSync } from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build.mjs: no staging dir (run by trunk through scripts/post-build.sh)');
  process.exit(2);
}
let publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';

const MARKER = /^const BUILD = .*__HEALTHHUB_BUILD__.*$/m;
// Not part of the app shell: the worker itself, runtime configuration, host files.
// The demo data (about half a megabyte) is fetched only by "Try the demo".
const NOT_PRECACHED = new Set(['sw.js', 'config.json', 'index.html', 'csp.txt', '_headers', '_redirects', 'demo.json.gz']);

function sha256(data, encoding = 'hex') {
  return crypto.createHash('sha256').update(data).digest(encoding);
}

function walk(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), `${rel}/`));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

// 0. The app's WebAssembly package, and its loader in index.html.
const PKG = path.join(process.cwd(), 'target', 'wasm-pkg');
if (!fs.existsSync(path.join(PKG, 'healthhub.js'))) {
  console.error(`post-build.mjs: ${PKG}/healthhub.js is missing (scripts/build-wasm.sh runs as Trunk's pre_build hook)`);
  process.exit(1);
}
const pkgFiles = fs.readdirSync(PKG).filter((f) => /\.(js|wasm)$/.test(f)).sort();
const pkgHash = sha256(
  pkgFiles.map((f) => `${f}\0${sha256(fs.readFileSync(path.join(PKG, f)))}`).join('\n'),
).slice(0, 16);
const hashedName = (f) => f.replace(/(_bg)?\.(js|wasm)$/, (ext) => `-${pkgHash}${ext}`);
const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Only module specifiers (`from "./x.js"`) and fetched URLs (`new URL("./x.wasm", …)`):
// the wasm's own import-module names (object keys such as "./__wasm_split.js") stay.
const nameRe = new RegExp(`(from\\s*|URL\\()(["'])\\./(${pkgFiles.map(escapeRe).join('|')})\\2`, 'g');
for (const f of pkgFiles) {
  let data = fs.readFileSync(path.join(PKG, f));
  if (f.endsWith('.js')) {
    const js = data.toString('utf8').replace(nameRe, (_, lead, q, name) => `${lead}${q}./${hashedName(name)}${q}`);
    // Minified (names and strings the wasm imports by are kept; logLevel silent: the
    // glue's import object repeats one key on purpose, which esbuild warns about).
    data = transformSync(js, { minify: true, format: 'esm', target: 'es2020', logLevel: 'silent' }).code;
  }
  fs.writeFileSync(path.join(staging, hashedName(f)), data);
}
const mainJs = `${publicUrl}${hashedName('healthhub.js')}`;
const mainWasm = `${publicUrl}${hashedName('healthhub_bg.wasm')}`;
const loader = [
  `<link rel="modulepreload" href="${mainJs}" crossorigin="anonymous">`,
  `<link rel="preload" href="${mainWasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
  `<script type="module">import init from '${mainJs}';\nawait init({ module_or_path: '${mainWasm}' });\n</script>`,
].join('\n');
const indexPath = path.join(staging, 'index.html');
const indexSource = fs.readFileSync(indexPath, 'utf8');
if (!indexSource.includes('</head>')) {
  console.error('post-build.mjs: index.html has no </head>');
  process.exit(1);
}
// The source's comments are for developers: the shipped page goes without them.
fs.writeFileSync(
  indexPath,
  indexSource.replace(/<!--[\s\S]*?-->\s*/g, '').replace('</head>', `${loader}\n</head>`),
);

// 1. The CSP, with the hash of every inline script of index.html (Trunk writes one:
//    the module loader). The exact text between the tags is what the browser hashes.
const indexHtml = fs.readFileSync(path.join(staging, 'index.html'), 'utf8');
const hashes = [];
for (const m of indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  if (/\bsrc\s*=/i.test(m[1])) continue;
  hashes.push(`'sha256-${sha256(Buffer.from(m[2], 'utf8'), 'base64')}'`);
}
if (hashes.length === 0) {
  console.error('post-build.mjs: no inline loader script found in index.html (did Trunk change?)');
  process.exit(1);
}
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
fs.writeFileSync(path.join(staging, 'csp.txt'), `${csp}\n`);

// 2. The precache list and version, into sw.js.
const files = walk(staging).filter((f) => !NOT_PRECACHED.has(f));
const version = sha256(
  ['index.html', ...files].map((f) => `${f}\0${sha256(fs.readFileSync(path.join(staging, f)))}`).join('\n'),
).slice(0, 16);
const swPath = path.join(staging, 'sw.js');
const sw = fs.readFileSync(swPath, 'utf8');
if (!MARKER.test(sw)) {
  console.error('post-build.mjs: the BUILD marker line is missing from sw.js');
  process.exit(1);
}
const build = { version, files: ['./', ...files] };
fs.writeFileSync(swPath, sw.replace(MARKER, `const BUILD = ${JSON.stringify(build)}; // __HEALTHHUB_BUILD__`));

// 3. Netlify: _headers (same set as deploy/nginx) and _redirects.
const SECURITY_HEADERS = [
  `Content-Security-Policy: ${csp}`,
  'Referrer-Policy: no-referrer',
  'X-Content-Type-Options: nosniff',
  'X-Frame-Options: DENY',
  'Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()',
];
const hashed = files.filter((f) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(f));
const headers = [
  '# Written by scripts/post-build.mjs for this build (Netlify). Do not edit: rebuild.',
  `${publicUrl}*`,
  ...SECURITY_HEADERS.map((h) => `  ${h}`),
  ...['', 'index.html', 'sw.js', 'config.json', 'manifest.webmanifest'].flatMap((f) => [
    `${publicUrl}${f}`,
    '  Cache-Control: no-cache',
  ]),
  ...hashed.flatMap((f) => [`${publicUrl}${f}`, '  Cache-Control: public, max-age=31536000, immutable']),
  '/oura-api/*',
  '  Cache-Control: no-store',
  '',
];
fs.writeFileSync(path.join(staging, '_headers'), headers.join('\n'));
const redirects = [
  '# Written by scripts/post-build.mjs (Netlify). First match wins.',
  '# The same-origin Oura API path (Oura sends no CORS headers): config.json api_base "/oura-api".',
  '/oura-api/*  https://api.ouraring.com/:splat  200',
  '# The single-page app: every other path of the app is index.html.',
  `${publicUrl}*  ${publicUrl}index.html  200`,
  '',
];
fs.writeFileSync(path.join(staging, '_redirects'), redirects.join('\n'));

console.log(`post-build: sw.js version ${version}, ${build.files.length} files precached; csp.txt with ${hashes.length} loader hash(es)`);
