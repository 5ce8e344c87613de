/**
 * Exact Hamming-radius search over 256-bit hashes: multi-index hashing (Norouzi et al.).
 *
 * Every hash is passed through a fixed bit permutation (so that spatially correlated bits of a
 * perceptual hash are spread over different chunks) and cut into 16 chunks of 16 bits; each chunk
 * has its own table, stored as CSR (counting sort): offsets[chunk][value] → ids. If two hashes are
 * within r bits, by pigeonhole some chunk differs by at most ⌊r / 16⌋ bits, so probing every chunk
 * with all values within that radius and verifying the candidates with a full popcount finds exactly
 * the hashes within r. Radii above 47 fall back to a linear scan (still exact).
 */
import { HASH_WORDS, popcount32, type Hash } from './hashes.ts';

const CHUNKS = 16;
const CHUNK_VALUES = 1 << 16;

/** The fixed bit permutation (seeded Fisher–Yates, identical everywhere). */
export const INDEX_PERM: Int32Array = (() => {
  const p = Int32Array.from({ length: 256 }, (_, i) => i);
  let s = 0x9e3779b9;
  for (let i = 255; i > 0; i--) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    const j = s % (i + 1);
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
})();

/** Hamming distance between hash a at word offset ao and b at bo. */
function dist(a: Uint32Array, ao: number, b: Uint32Array, bo: number): number {
  return popcount32(a[ao] ^ b[bo]) + popcount32(a[ao + 1] ^ b[bo + 1]) + popcount32(a[ao + 2] ^ b[bo + 2]) +
    popcount32(a[ao + 3] ^ b[bo + 3]) + popcount32(a[ao + 4] ^ b[bo + 4]) + popcount32(a[ao + 5] ^ b[bo + 5]) +
    popcount32(a[ao + 6] ^ b[bo + 6]) + popcount32(a[ao + 7] ^ b[bo + 7]);
}

/** Linear scan: every id whose hash is within `radius` of q. The reference the index must equal. */
export function linearSearch(words: Uint32Array, n: number, q: Hash, radius: number, hit: (id: number, d: number) => void): void {
  for (let id = 0, o = 0; id < n; id++, o += HASH_WORDS) {
    const d = dist(words, o, q, 0);
    if (d <= radius) hit(id, d);
  }
}

export class HammingIndex {
  readonly size: number;
  /** Permuted hashes, HASH_WORDS words each. */
  readonly #words: Uint32Array;
  readonly #offsets: Uint32Array;
  readonly #ids: Uint32Array;

  /** Build over n hashes stored consecutively in `hashes` (HASH_WORDS words each). */
  constructor(hashes: Uint32Array, n: number) {
    this.size = n;
    const words = new Uint32Array(n * HASH_WORDS);
    for (let id = 0; id < n; id++) permuteInto(hashes, id * HASH_WORDS, words, id * HASH_WORDS);
    const offsets = new Uint32Array(CHUNKS * (CHUNK_VALUES + 1));
    const ids = new Uint32Array(CHUNKS * n);
    // One chunk at a time, sorted by a two-pass LSD radix sort on the 16-bit chunk value: every pass
    // writes to 256 sequential streams, where a direct counting sort scatters each id at random over
    // the chunk's n-entry table (a cache miss per write at a million hashes).
    const key = new Uint16Array(n);
    const tmp = new Uint32Array(n);
    const count = new Uint32Array(256);
    for (let c = 0; c < CHUNKS; c++) {
      const base = c * (CHUNK_VALUES + 1);
      for (let id = 0, o = 0; id < n; id++, o += HASH_WORDS) {
        const v = chunkOf(words, o, c);
        key[id] = v;
        offsets[base + v + 1]++;
      }
      let acc = c * n;
      for (let v = 0; v <= CHUNK_VALUES; v++) { acc += offsets[base + v]; offsets[base + v] = acc; }
      // pass 1: by the low byte, into tmp
      count.fill(0);
      for (let id = 0; id < n; id++) count[key[id] & 255]++;
      for (let b = 0, a = 0; b < 256; b++) { const k = count[b]; count[b] = a; a += k; }
      for (let id = 0; id < n; id++) tmp[count[key[id] & 255]++] = id;
      // pass 2: by the high byte (stable), into this chunk's ids
      count.fill(0);
      for (let id = 0; id < n; id++) count[key[id] >>> 8]++;
      for (let b = 0, a = c * n; b < 256; b++) { const k = count[b]; count[b] = a; a += k; }
      for (let i = 0; i < n; i++) { const id = tmp[i]; ids[count[key[id] >>> 8]++] = id; }
    }
    this.#words = words;
    this.#offsets = offsets;
    this.#ids = ids;
  }

  /** Bytes held by the index's typed arrays. */
  get memoryBytes(): number {
    return this.#words.byteLength + this.#offsets.byteLength + this.#ids.byteLength;
  }

  /** Calls hit(id, distance) once for every stored hash within `radius` bits of q (exact). */
  search(q: Hash, radius: number, hit: (id: number, d: number) => void): void {
    const pq = new Uint32Array(HASH_WORDS);
    permuteInto(q, 0, pq, 0);
    const s = Math.floor(radius / CHUNKS);
    if (s > 2) {
      linearSearch(this.#words, this.size, pq, radius, hit);
      return;
    }
    // No visited-set over all ids (a random write per candidate): a candidate found through several
    // chunks is simply verified again, and only the (few) hits are deduplicated.
    let found: Set<number> | null = null;
    const ids = this.#ids, offsets = this.#offsets, words = this.#words;
    const visit = (c: number, v: number) => {
      const k = c * (CHUNK_VALUES + 1) + v;
      const end = offsets[k + 1];
      for (let p = offsets[k]; p < end; p++) {
        const id = ids[p];
        const d = dist(words, id * HASH_WORDS, pq, 0);
        if (d <= radius) {
          found ??= new Set();
          if (!found.has(id)) { found.add(id); hit(id, d); }
        }
      }
    };
    for (let c = 0; c < CHUNKS; c++) {
      const v = chunkOf(pq, 0, c);
      visit(c, v);
      if (s >= 1) {
        for (let i = 0; i < 16; i++) {
          const vi = v ^ (1 << i);
          visit(c, vi);
          if (s >= 2) for (let j = i + 1; j < 16; j++) visit(c, vi ^ (1 << j));
        }
      }
    }
  }
}

function chunkOf(words: Uint32Array, o: number, c: number): number {
  const w = words[o + (c >>> 1)];
  return (c & 1) === 0 ? w >>> 16 : w & 0xffff;
}

/** PERM_LUT[(byte position · 256 + byte value) · 8 + w]: that byte's bits, permuted, in word w. */
const PERM_LUT: Uint32Array = (() => {
  const lut = new Uint32Array(32 * 256 * HASH_WORDS);
  for (let pos = 0; pos < 32; pos++) {
    for (let v = 0; v < 256; v++) {
      for (let b = 0; b < 8; b++) {
        if ((v >>> (7 - b)) & 1) {
          const j = INDEX_PERM[pos * 8 + b];
          lut[(pos * 256 + v) * HASH_WORDS + (j >>> 5)] |= 1 << (31 - (j & 31));
        }
      }
    }
  }
  return lut;
})();

function permuteInto(src: Uint32Array, so: number, dst: Uint32Array, d0: number): void {
  let w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0;
  for (let pos = 0; pos < 32; pos++) {
    const v = (src[so + (pos >>> 2)] >>> (24 - 8 * (pos & 3))) & 255;
    const k = (pos * 256 + v) * HASH_WORDS;
    w0 |= PERM_LUT[k]; w1 |= PERM_LUT[k + 1]; w2 |= PERM_LUT[k + 2]; w3 |= PERM_LUT[k + 3];
    w4 |= PERM_LUT[k + 4]; w5 |= PERM_LUT[k + 5]; w6 |= PERM_LUT[k + 6]; w7 |= PERM_LUT[k + 7];
  }
  dst[d0] = w0; dst[d0 + 1] = w1; dst[d0 + 2] = w2; dst[d0 + 3] = w3;
  dst[d0 + 4] = w4; dst[d0 + 5] = w5; dst[d0 + 6] = w6; dst[d0 + 7] = w7;
}
