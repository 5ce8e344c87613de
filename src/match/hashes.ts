/**
 * The two perceptual hashes of a view (a rectangle of the working image), both 256 bits:
 *  - blockhash (blockhash-core, 16 × 16 blocks, median per horizontal band) — the index key;
 *  - a DCT hash (the low 16 × 16 DCT-II coefficients of a 64 × 64 area-resampled view, thresholded
 *    at their median, as in pHash / PDQ) — an independent confirmation.
 * Hashes are Uint32Array(8), bit i of the hash at word i >>> 5, bit 31 − (i & 31) (big-endian, so
 * hex/bytes read in the same order as blockhash-core's hex).
 */
import { bmvbhashEven } from 'blockhash-core';
import { resampleBox, type Box, type Gray } from './gray.ts';

export const HASH_WORDS = 8;
const BH_SIZE = 64;
const BH_GRID = 16;
const DCT_IN = 64;
const DCT_OUT = 16;

export type Hash = Uint32Array;

export function hexToHash(hex: string): Hash {
  const h = new Uint32Array(HASH_WORDS);
  for (let i = 0; i < HASH_WORDS; i++) h[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
  return h;
}

export function hashToHex(h: Hash): string {
  let s = '';
  for (let i = 0; i < h.length; i++) s += h[i].toString(16).padStart(8, '0');
  return s;
}

export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function hamming(a: Hash, b: Hash, ao = 0, bo = 0): number {
  let d = 0;
  for (let i = 0; i < HASH_WORDS; i++) d += popcount32(a[ao + i] ^ b[bo + i]);
  return d;
}

export function bitCount(h: Hash): number {
  let d = 0;
  for (let i = 0; i < h.length; i++) d += popcount32(h[i]);
  return d;
}

/** Bit permutation that maps the blockhash of an image to the blockhash of its mirror. */
const MIRROR_PERM = Int32Array.from({ length: 256 }, (_, i) => (i & ~15) | (15 - (i & 15)));

export function permuteBits(h: Hash, perm: Int32Array): Hash {
  const out = new Uint32Array(HASH_WORDS);
  for (let i = 0; i < 256; i++) {
    if ((h[i >>> 5] >>> (31 - (i & 31))) & 1) {
      const j = perm[i];
      out[j >>> 5] |= 1 << (31 - (j & 31));
    }
  }
  return out;
}

export function mirrorBlockhash(h: Hash): Hash {
  return permuteBits(h, MIRROR_PERM);
}

/** blockhash-core over the view, resampled to 64 × 64 gray (so each block is 4 × 4 pixels). */
export function blockhashView(g: Gray, box: Box, mirror = false): Hash {
  const px = resampleBox(g, box, BH_SIZE, BH_SIZE, mirror);
  const data = new Uint8ClampedArray(BH_SIZE * BH_SIZE * 4);
  for (let i = 0, p = 0; i < px.length; i++, p += 4) {
    const v = Math.round(px[i]);
    data[p] = v; data[p + 1] = v; data[p + 2] = v; data[p + 3] = 255;
  }
  return hexToHash(bmvbhashEven({ width: BH_SIZE, height: BH_SIZE, data }, BH_GRID));
}

// DCT-II basis, rounded so every JavaScript engine gets bit-identical coefficients.
const DCT = (() => {
  const m = new Float64Array(DCT_OUT * DCT_IN);
  for (let u = 0; u < DCT_OUT; u++) {
    for (let x = 0; x < DCT_IN; x++) {
      m[u * DCT_IN + x] = Math.round(Math.cos((Math.PI * (2 * x + 1) * u) / (2 * DCT_IN)) * 1e9) / 1e9;
    }
  }
  return m;
})();

/** The DCT hash of the view, and a contrast measure (std of the 64 × 64 view) for low-information checks. */
export function dctHashView(g: Gray, box: Box, mirror = false): { hash: Hash; std: number } {
  const px = resampleBox(g, box, DCT_IN, DCT_IN, mirror);
  let sum = 0, sq = 0;
  for (let i = 0; i < px.length; i++) { sum += px[i]; sq += px[i] * px[i]; }
  const mean = sum / px.length;
  const std = Math.sqrt(Math.max(0, sq / px.length - mean * mean));
  // rows: tmp[u][x] = sum_y C[u][y] * px[y][x]
  const tmp = new Float64Array(DCT_OUT * DCT_IN);
  for (let u = 0; u < DCT_OUT; u++) {
    for (let y = 0; y < DCT_IN; y++) {
      const c = DCT[u * DCT_IN + y];
      const r = y * DCT_IN;
      const t = u * DCT_IN;
      for (let x = 0; x < DCT_IN; x++) tmp[t + x] += c * px[r + x];
    }
  }
  const coef = new Float64Array(DCT_OUT * DCT_OUT);
  for (let u = 0; u < DCT_OUT; u++) {
    for (let v = 0; v < DCT_OUT; v++) {
      let acc = 0;
      const t = u * DCT_IN, d = v * DCT_IN;
      for (let x = 0; x < DCT_IN; x++) acc += tmp[t + x] * DCT[d + x];
      coef[u * DCT_OUT + v] = acc;
    }
  }
  const sorted = Float64Array.from(coef).sort();
  const median = (sorted[127] + sorted[128]) / 2;
  const hash = new Uint32Array(HASH_WORDS);
  for (let i = 0; i < 256; i++) if (coef[i] > median) hash[i >>> 5] |= 1 << (31 - (i & 31));
  return { hash, std };
}
