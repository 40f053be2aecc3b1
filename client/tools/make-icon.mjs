// Draws client/media/icon.png (128×128): three tiers of boxes joined by lines, the last one
// red, on a rounded square. Run `node client/tools/make-icon.mjs` to regenerate it; it is
// pure Node (zlib), so no image tools are needed.

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const pixels = new Uint8Array(SIZE * SIZE * 4);

function blend(x, y, [r, g, b], alpha = 1) {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
  const i = (y * SIZE + x) * 4;
  const a = alpha + (pixels[i + 3] / 255) * (1 - alpha);
  for (const [k, c] of [r, g, b].entries()) pixels[i + k] = Math.round((c * alpha + pixels[i + k] * (pixels[i + 3] / 255) * (1 - alpha)) / (a || 1));
  pixels[i + 3] = Math.round(a * 255);
}

/** A rounded rectangle, anti-aliased by 4×4 supersampling. */
function roundRect(x0, y0, w, h, radius, colour) {
  for (let y = Math.floor(y0); y < Math.ceil(y0 + h); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x0 + w); x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4;
          const py = y + (sy + 0.5) / 4;
          const dx = Math.max(x0 + radius - px, 0, px - (x0 + w - radius));
          const dy = Math.max(y0 + radius - py, 0, py - (y0 + h - radius));
          if (px >= x0 && px <= x0 + w && py >= y0 && py <= y0 + h && dx * dx + dy * dy <= radius * radius) inside++;
        }
      }
      if (inside) blend(x, y, colour, inside / 16);
    }
  }
}

const line = (x0, y0, x1, y1, width, colour) => {
  const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2);
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    roundRect(x0 + (x1 - x0) * t - width / 2, y0 + (y1 - y0) * t - width / 2, width, width, width / 2, colour);
  }
};

const BACKGROUND = [30, 42, 58];
const BOX = [232, 240, 250];
const EDGE = [140, 160, 185];
const RED = [226, 60, 60];

roundRect(0, 0, SIZE, SIZE, 22, BACKGROUND);
line(34, 64, 64, 38, 4, EDGE);
line(34, 64, 64, 90, 4, EDGE);
line(64, 38, 96, 64, 4, EDGE);
line(64, 90, 96, 64, 4, EDGE);
roundRect(14, 52, 40, 24, 6, BOX);
roundRect(46, 26, 36, 24, 6, BOX);
roundRect(46, 78, 36, 24, 6, BOX);
roundRect(80, 50, 36, 28, 6, RED);

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) Buffer.from(pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4)).copy(raw, y * (SIZE * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`client/media/icon.png: ${png.length} bytes`);
