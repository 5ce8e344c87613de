/**
 * The two perceptual hashes of a view (a rectangle of the working image, area-resampled to 64 × 64),
 * both 256 bits:
 *  - blockhash (blockhash-core, 16 × 16 blocks, median per horizontal band) — the index key;
 *  - a DCT hash (the low 16 × 16 DCT-II coefficients of the 64 × 64 view, thresholded at their
 *    median, as in pHash / PDQ) — an independent confirmation.
 * Hashes are Uint32Array(8), bit i of the hash at word i >>> 5, bit 31 − (i & 31) (big-endian, so
 * hex/bytes read in the same order as blockhash-core's hex).
 */
import { bmvbhashEven } from 'blockhash-core';
import { resampleBox, type Box, type Gray } from './gray.ts';

export const HASH_WORDS = 8;
const VIEW_SIZE = 64;
const BH_GRID = 16;
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

/** The 64 × 64 area-resampled view every hash of a view starts from. */
export function viewPixels(g: Gray, box: Box): Float64Array {
  return resampleBox(g, box, VIEW_SIZE, VIEW_SIZE);
}

export function mirrorPixels(px: Float64Array): Float64Array {
  const out = new Float64Array(px.length);
  for (let y = 0; y < VIEW_SIZE; y++) {
    const r = y * VIEW_SIZE;
    for (let x = 0; x < VIEW_SIZE; x++) out[r + x] = px[r + VIEW_SIZE - 1 - x];
  }
  return out;
}

/**
 * blockhash-core (16 × 16 blocks, 256 bits) of a 64 × 64 view. The 4 × 4-pixel block means are
 * taken here and handed to blockhash-core as a 16 × 16 gray image, where it thresholds each block
 * against the median of its horizontal band.
 */
export function blockhashOf(px: Float64Array): Hash {
  const data = new Uint8ClampedArray(BH_GRID * BH_GRID * 4);
  const f = VIEW_SIZE / BH_GRID;
  for (let by = 0; by < BH_GRID; by++) {
    for (let bx = 0; bx < BH_GRID; bx++) {
      let acc = 0;
      for (let y = by * f; y < (by + 1) * f; y++) for (let x = bx * f; x < (bx + 1) * f; x++) acc += px[y * VIEW_SIZE + x];
      const v = Math.round(acc / (f * f));
      const p = (by * BH_GRID + bx) * 4;
      data[p] = v; data[p + 1] = v; data[p + 2] = v; data[p + 3] = 255;
    }
  }
  return hexToHash(bmvbhashEven({ width: BH_GRID, height: BH_GRID, data }, BH_GRID));
}

// DCT-II basis, rounded so every JavaScript engine gets bit-identical coefficients.
const DCT = (() => {
  const m = new Float64Array(DCT_OUT * VIEW_SIZE);
  for (let u = 0; u < DCT_OUT; u++) {
    for (let x = 0; x < VIEW_SIZE; x++) {
      m[u * VIEW_SIZE + x] = Math.round(Math.cos((Math.PI * (2 * x + 1) * u) / (2 * VIEW_SIZE)) * 1e9) / 1e9;
    }
  }
  return m;
})();

/** Standard deviation of the view (0–255): a contrast measure for low-information checks. */
export function stdOf(px: Float64Array): number {
  let sum = 0, sq = 0;
  for (let i = 0; i < px.length; i++) { sum += px[i]; sq += px[i] * px[i]; }
  const mean = sum / px.length;
  return Math.sqrt(Math.max(0, sq / px.length - mean * mean));
}

/**
 * The low 16 × 16 DCT-II coefficients of the 64 × 64 view, [u (vertical)][v (horizontal)].
 * Both passes fold the input around its centre first (C[k][N − 1 − x] = (−1)^k · C[k][x]): half the
 * multiplications, and the coefficients of the mirrored view are then exactly these with odd
 * horizontal frequencies negated.
 */
export function dctCoefficients(px: Float64Array): Float64Array {
  const N = VIEW_SIZE, H = N / 2;
  const sum = new Float64Array(H * N), diff = new Float64Array(H * N);
  for (let y = 0; y < H; y++) {
    const a = y * N, b = (N - 1 - y) * N;
    for (let x = 0; x < N; x++) { sum[a + x] = px[a + x] + px[b + x]; diff[a + x] = px[a + x] - px[b + x]; }
  }
  // tmp[u][x] = Σ_y C[u][y] · px[y][x], four columns at a time in locals: a running sum in the
  // array made every product wait for the previous store. Each sum still adds y = 0, 1, … in order,
  // so the coefficients are bit-identical.
  const tmp = new Float64Array(DCT_OUT * N);
  for (let u = 0; u < DCT_OUT; u++) {
    const src = (u & 1) === 0 ? sum : diff;
    const t = u * N, cu = u * N;
    for (let x = 0; x < N; x += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let y = 0, r = x; y < H; y++, r += N) {
        const c = DCT[cu + y];
        a0 += c * src[r]; a1 += c * src[r + 1]; a2 += c * src[r + 2]; a3 += c * src[r + 3];
      }
      tmp[t + x] = a0; tmp[t + x + 1] = a1; tmp[t + x + 2] = a2; tmp[t + x + 3] = a3;
    }
  }
  const coef = new Float64Array(DCT_OUT * DCT_OUT);
  for (let u = 0; u < DCT_OUT; u++) {
    const t = u * N;
    for (let v = 0; v < DCT_OUT; v++) {
      const d = v * N;
      let acc = 0;
      if ((v & 1) === 0) for (let x = 0; x < H; x++) acc += (tmp[t + x] + tmp[t + N - 1 - x]) * DCT[d + x];
      else for (let x = 0; x < H; x++) acc += (tmp[t + x] - tmp[t + N - 1 - x]) * DCT[d + x];
      coef[u * DCT_OUT + v] = acc;
    }
  }
  return coef;
}

/**
 * The coefficients of the mirrored view: mirroring x flips the sign of every odd horizontal
 * frequency (C[v][N − 1 − x] = (−1)^v · C[v][x]), so no second transform is needed.
 */
export function mirrorCoefficients(coef: Float64Array): Float64Array {
  const out = Float64Array.from(coef);
  for (let i = 0; i < out.length; i++) if ((i % DCT_OUT) & 1) out[i] = -out[i];
  return out;
}

/** Coefficients thresholded at their median: 256 bits. */
export function thresholdMedian(coef: Float64Array): Hash {
  const sorted = Float64Array.from(coef).sort();
  const median = (sorted[127] + sorted[128]) / 2;
  const hash = new Uint32Array(HASH_WORDS);
  for (let i = 0; i < 256; i++) if (coef[i] > median) hash[i >>> 5] |= 1 << (31 - (i & 31));
  return hash;
}

export interface ViewHashes {
  block: Hash;
  dct: Hash;
  /** DCT hash of the mirrored view (queries only). */
  dctMirror?: Hash;
  std: number;
}

/** DCT hash: the low 16 × 16 DCT-II coefficients of the 64 × 64 view, thresholded at their median. */
export function dctHashOf(px: Float64Array): Hash {
  return thresholdMedian(dctCoefficients(px));
}

export function viewHashes(g: Gray, box: Box, withMirror = false): ViewHashes {
  const px = viewPixels(g, box);
  const coef = dctCoefficients(px);
  const v: ViewHashes = { block: blockhashOf(px), dct: thresholdMedian(coef), std: stdOf(px) };
  if (withMirror) v.dctMirror = thresholdMedian(mirrorCoefficients(coef));
  return v;
}
