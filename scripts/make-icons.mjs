#!/usr/bin/env node
// Draws healthHub's app icons (a ring on the accent colour of style/main.css) and
// writes them as PNG files into public/icons/. Only Node's standard library (zlib):
// run `node scripts/make-icons.mjs` after changing the drawing; the PNGs are committed.
//
//   icon-192.png, icon-512.png   purpose "any": rounded square, transparent corners
//   maskable-512.png             purpose "maskable": full bleed, ring inside the 80 % safe zone
//   apple-touch-icon.png         180×180, opaque (iOS adds its own rounding)
//   icon.svg                     the same drawing as the page's favicon (≈ 0.3 KB: the
//                                favicon is fetched with the first load)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
const ACCENT = [0x24, 0x57, 0xc5]; // --accent (light)
const WHITE = [0xff, 0xff, 0xff];
const DOT = [0x8f, 0xb3, 0xff]; // --accent (dark): the ring's "sensor"

// CRC-32 as PNG needs it.
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/// RGBA pixels (Uint8Array, size×size×4) → PNG bytes (8-bit RGBA, no interlace).
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/// Renders with 4×4 supersampling. `shape(x, y)` gets coordinates in 0..1 and returns
/// an [r, g, b] colour or null (transparent).
function render(size, shape) {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shape((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (c) {
            r += c[0]; g += c[1]; b += c[2]; a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((255 * a) / (S * S));
    }
  }
  return px;
}

/// The motif centred in the unit square, scaled by `k` (1 = ring fills ~70 %).
function motif(x, y, k) {
  const dx = (x - 0.5) / k;
  const dy = (y - 0.5) / k;
  const d = Math.hypot(dx, dy);
  // The sensor bump at the top of the ring.
  if (Math.hypot(dx, dy + 0.285) < 0.07) return DOT;
  if (d >= 0.23 && d <= 0.345) return WHITE;
  return null;
}

function roundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

const icons = {
  'icon-192.png': [192, (x, y) => (roundedSquare(x, y, 0.18) ? motif(x, y, 1) ?? ACCENT : null)],
  'icon-512.png': [512, (x, y) => (roundedSquare(x, y, 0.18) ? motif(x, y, 1) ?? ACCENT : null)],
  // Maskable: the platform may crop to a circle of 80 % diameter; keep the ring inside.
  'maskable-512.png': [512, (x, y) => motif(x, y, 0.8) ?? ACCENT],
  'apple-touch-icon.png': [180, (x, y) => motif(x, y, 0.9) ?? ACCENT],
};

// The favicon: the motif of icon-192.png as vector (unit square scaled to 100).
const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const svg = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">',
  `<rect width="100" height="100" rx="18" fill="${hex(ACCENT)}"/>`,
  `<circle cx="50" cy="50" r="28.75" fill="none" stroke="${hex(WHITE)}" stroke-width="11.5"/>`,
  `<circle cx="50" cy="21.5" r="7" fill="${hex(DOT)}"/>`,
  '</svg>',
  '',
].join('\n');

fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'icon.svg'), svg);
console.log(`wrote ${path.relative(process.cwd(), path.join(OUT, 'icon.svg'))}`);
for (const [name, [size, shape]] of Object.entries(icons)) {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, png(size, render(size, shape)));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${size}×${size})`);
}
