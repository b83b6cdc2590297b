/**
 * Draws the extension's icons (extension/public/icon/<size>.png): an NHS-blue square with a white
 * open ring, a "C" for carers. Run once with `npx tsx scripts/icons.ts`; the PNGs are committed.
 * No image library: PNG is a signature, IHDR, one zlib-deflated IDAT of RGBA rows, and IEND.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BLUE = [0x00, 0x5e, 0xb8, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The colour of pixel (x, y): white on the ring, except its right-hand opening; blue elsewhere. */
function pixel(size: number, x: number, y: number): number[] {
  const centre = (size - 1) / 2;
  const dx = x - centre;
  const dy = y - centre;
  const r = Math.hypot(dx, dy) / size;
  const onRing = r > 0.2 && r < 0.36;
  const inOpening = dx > 0 && Math.abs(dy) < dx * 0.75;
  return onRing && !inOpening ? WHITE : BLUE;
}

export function png(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < size; x++) rows.push(...pixel(size, x, y));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const out = resolve(import.meta.dirname, '..', 'extension', 'public', 'icon');
mkdirSync(out, { recursive: true });
for (const size of SIZES) writeFileSync(join(out, `${size}.png`), png(size));
console.log(`Icons written to ${out}`);
