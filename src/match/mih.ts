/**
 * Exact Hamming-radius search over 256-bit hashes: multi-index hashing (Norouzi et al.).
 *
 * Every hash is passed through a fixed bit permutation (so that spatially correlated bits of a
 * perceptual hash are spread over different chunks) and cut into 16 chunks of 16 bits; each chunk
 * has its own table, stored as CSR (counting sort): offsets[chunk][value] → ids. If two hashes are
 * within r bits, by pigeonhole some chunk differs by at most ⌊r / 16⌋ bits, so probing every chunk
 * with all values within that radius and verifying the candidates finds exactly the hashes within r.
 * Radii above 47 fall back to a linear scan (still exact).
 *
 * Pair filter: chunks 2p and 2p+1 (the halves of word p) form 8 pairs, and a hash within r bits has
 * some pair within t = ⌊r / 8⌋ bits, in which some chunk is within ⌊t / 2⌋ = s bits. So a candidate
 * found through chunk c at distance d_c needs only be verified if d_c plus its distance on the
 * partner chunk c ^ 1 is at most t. Each table entry packs the id with as many top bits of the
 * partner chunk as the id leaves free (12 at a million hashes, 16 up to 65,536), which bound that
 * distance from below: at a million hashes and radius 31 this leaves ~100 of ~4,000 candidates,
 * without reading their hashes. The survivors' hashes are read in passes that keep the reads in
 * flight: a 16-byte head (permuted words 0..3) first, the tail only if the head is within r.
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

/** popcount(a) + popcount(b) + popcount(c) + popcount(d), the four folded before one multiply. */
function popcount4(a: number, b: number, c: number, d: number): number {
  a = a - ((a >>> 1) & 0x55555555); a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  b = b - ((b >>> 1) & 0x55555555); b = (b & 0x33333333) + ((b >>> 2) & 0x33333333);
  c = c - ((c >>> 1) & 0x55555555); c = (c & 0x33333333) + ((c >>> 2) & 0x33333333);
  d = d - ((d >>> 1) & 0x55555555); d = (d & 0x33333333) + ((d >>> 2) & 0x33333333);
  let x = a + b, y = c + d; // nibbles ≤ 8
  x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
  y = (y & 0x0f0f0f0f) + ((y >>> 4) & 0x0f0f0f0f); // bytes ≤ 16
  return Math.imul(x + y, 0x01010101) >>> 24;
}

function popcount16(v: number): number {
  v = v - ((v >>> 1) & 0x5555);
  v = (v & 0x3333) + ((v >>> 2) & 0x3333);
  v = (v + (v >>> 4)) & 0x0f0f;
  return (v + (v >>> 8)) & 0x1f;
}

/** Linear scan: every id whose hash is within `radius` of q. The reference the index must equal. */
export function linearSearch(words: Uint32Array, n: number, q: Hash, radius: number, hit: (id: number, d: number) => void): void {
  for (let id = 0, o = 0; id < n; id++, o += HASH_WORDS) {
    const d = dist(words, o, q, 0);
    if (d <= radius) hit(id, d);
  }
}

/** Words of a permuted hash kept in #head (the first HEAD) and #tail (the rest). */
const HEAD = 4;
/** Values probed per chunk at chunk radius 0, 1, 2. */
const PROBES = [1, 1 + 16, 1 + 16 + 120];

/** Per-query buffers, reused across queries so that a query allocates nothing. */
class Scratch {
  /** Probed table slots (chunk · (CHUNK_VALUES + 1) + value), chunk by chunk. */
  readonly keys = new Int32Array(CHUNKS * PROBES[2]);
  /** Per slot, the most bits the partner chunk may differ by: t minus the slot's chunk distance. */
  readonly lims = new Int32Array(CHUNKS * PROBES[2]);
  /** Candidates of chunks 0..c end at chunkEnd[c]. */
  readonly chunkEnd = new Int32Array(CHUNKS);
  /** Candidate ids and, HEAD words each, their heads copied next to each other. */
  cand = new Int32Array(1024);
  heads = new Uint32Array(1024 * HEAD);
  readonly q = new Uint32Array(HASH_WORDS);
  touched = 0;

  reserve(n: number): void {
    if (n <= this.cand.length) return;
    const len = Math.max(n, 2 * this.cand.length);
    this.cand = new Int32Array(len);
    this.heads = new Uint32Array(len * HEAD);
  }

  get bytes(): number {
    return this.keys.byteLength + this.lims.byteLength + this.chunkEnd.byteLength + this.cand.byteLength + this.heads.byteLength + this.q.byteLength;
  }
}

/**
 * Hashes permuted by INDEX_PERM and split in heads (words 0..3 of each) and tails (words 4..7): the
 * layout the index searches, and the one the background's index snapshot stores, so that loading
 * skips the permutation.
 */
export interface PermutedHashes {
  readonly head: Uint32Array<ArrayBuffer>;
  readonly tail: Uint32Array<ArrayBuffer>;
}

/** n hashes stored consecutively (HASH_WORDS words each), permuted and split. */
export function permuteHashes(hashes: Uint32Array, n: number): PermutedHashes {
  const head = new Uint32Array(n * HEAD);
  const tail = new Uint32Array(n * (HASH_WORDS - HEAD));
  const pw = new Uint32Array(HASH_WORDS);
  for (let id = 0; id < n; id++) {
    permuteInto(hashes, id * HASH_WORDS, pw, 0);
    const o = id * HEAD;
    head[o] = pw[0]; head[o + 1] = pw[1]; head[o + 2] = pw[2]; head[o + 3] = pw[3];
    tail[o] = pw[4]; tail[o + 1] = pw[5]; tail[o + 2] = pw[6]; tail[o + 3] = pw[7];
  }
  return { head, tail };
}

/** One hash, permuted (HASH_WORDS words, unsplit): the form permutedDistance compares. */
export function permuteHash(q: Hash): Uint32Array {
  const pq = new Uint32Array(HASH_WORDS);
  permuteInto(q, 0, pq, 0);
  return pq;
}

/** Hamming distance between stored hash `id` and a permuted hash (the permutation keeps distances). */
export function permutedDistance(hashes: PermutedHashes, id: number, pq: Uint32Array): number {
  const { head, tail } = hashes, o = id * HEAD;
  return popcount4(head[o] ^ pq[0], head[o + 1] ^ pq[1], head[o + 2] ^ pq[2], head[o + 3] ^ pq[3]) +
    popcount4(tail[o] ^ pq[4], tail[o + 1] ^ pq[5], tail[o + 2] ^ pq[6], tail[o + 3] ^ pq[7]);
}

/**
 * The chunk tables, CSR: offsets[chunk · (CHUNK_VALUES + 1) + value] → entries in `ids`, one table of
 * n entries per chunk plus one slot, so that ids[offsets[k]] is always in bounds. Entry: the id in
 * the low idBits bits, the top 32 − idBits (at most 16) bits of the partner chunk's value above.
 * Kept in the background's index snapshot: building them takes longer than reading them.
 */
export interface HammingTables {
  readonly offsets: Int32Array<ArrayBuffer>;
  readonly ids: Int32Array<ArrayBuffer>;
}

export class HammingIndex {
  readonly size: number;
  /** Permuted hashes split in two: words 0..3 of each (#head, the verification filter) and 4..7 (#tail). */
  readonly #head: Uint32Array;
  readonly #tail: Uint32Array;
  readonly tables: HammingTables;
  readonly #idBits: number;
  /** The partner chunk's value is shifted right by this before packing (16 − its kept bits). */
  readonly #partnerShift: number;
  #scratch = new Scratch();
  /** True while a search runs: a search from inside a hit callback gets its own scratch. */
  #busy = false;

  /** An index over n hashes stored consecutively (HASH_WORDS words each). */
  static of(hashes: Uint32Array, n: number): HammingIndex {
    return new HammingIndex(permuteHashes(hashes, n));
  }

  /** An index over permuted hashes (kept, not copied), with its tables as built before, or built now. */
  constructor(hashes: PermutedHashes, tables?: HammingTables) {
    const n = hashes.head.length / HEAD;
    if (n > 1 << 26) throw new RangeError(`HammingIndex: at most ${1 << 26} hashes, got ${n}`);
    if (hashes.tail.length !== hashes.head.length || !Number.isInteger(n)) throw new RangeError('HammingIndex: heads and tails of different sizes');
    if (tables && (tables.offsets.length !== CHUNKS * (CHUNK_VALUES + 1) || tables.ids.length !== CHUNKS * n + 1)) {
      throw new RangeError(`HammingIndex: tables of ${tables.ids.length} entries for ${n} hashes`);
    }
    this.size = n;
    this.#head = hashes.head;
    this.#tail = hashes.tail;
    this.#idBits = n <= 1 ? 1 : 32 - Math.clz32(n - 1);
    this.#partnerShift = 16 - Math.min(16, 32 - this.#idBits);
    this.tables = tables ?? this.#buildTables();
  }

  #buildTables(): HammingTables {
    const n = this.size, head = this.#head, tail = this.#tail, idBits = this.#idBits, partnerShift = this.#partnerShift;
    const offsets = new Int32Array(CHUNKS * (CHUNK_VALUES + 1));
    const ids = new Int32Array(CHUNKS * n + 1);
    // Chunk by chunk, a counting sort on the 16-bit chunk value, both chunks of a word keyed in one
    // pass over the hashes. The scatter's writes land at random in the chunk's n-entry table, but
    // measured here it still takes ~15% less CPU than a two-pass byte radix sort at 1M hashes (the
    // same at 3M), with no temporary copies.
    const keyHi = new Uint16Array(n), keyLo = new Uint16Array(n);
    const cursor = new Int32Array(CHUNK_VALUES);
    for (let w = 0; w < HASH_WORDS; w++) {
      const words = w < HEAD ? head : tail;
      for (let id = 0, o = w % HEAD; id < n; id++, o += HEAD) {
        const x = words[o];
        keyHi[id] = x >>> 16;
        keyLo[id] = x & 0xffff;
      }
      for (let c = 2 * w; c < 2 * w + 2; c++) {
        const key = c === 2 * w ? keyHi : keyLo, partner = c === 2 * w ? keyLo : keyHi;
        const base = c * (CHUNK_VALUES + 1);
        for (let id = 0; id < n; id++) offsets[base + key[id] + 1]++;
        let acc = c * n;
        for (let v = 0; v <= CHUNK_VALUES; v++) { acc += offsets[base + v]; offsets[base + v] = acc; }
        cursor.set(offsets.subarray(base, base + CHUNK_VALUES));
        for (let id = 0; id < n; id++) ids[cursor[key[id]]++] = ((partner[id] >>> partnerShift) << idBits) | id;
      }
    }
    return { offsets, ids };
  }

  /** Bytes held by the index's typed arrays (the tables and the per-query buffers). */
  get memoryBytes(): number {
    return this.#head.byteLength + this.#tail.byteLength + this.tables.offsets.byteLength + this.tables.ids.byteLength + this.#scratch.bytes;
  }

  /** Calls hit(id, distance) once for every stored hash within `radius` bits of q (exact). */
  search(q: Hash, radius: number, hit: (id: number, d: number) => void): void {
    this.searchPermuted(permuteHash(q), radius, hit);
  }

  /** `search` for a hash already permuted (permuteHash), for a caller that needs the permuted form too. */
  searchPermuted(pq: Uint32Array, radius: number, hit: (id: number, d: number) => void): void {
    if (!(radius >= 0)) return;
    const nested = this.#busy;
    const sc = nested ? new Scratch() : this.#scratch;
    this.#busy = true;
    try {
      sc.q.set(pq);
      const s = Math.floor(radius / CHUNKS);
      if (s > 2) this.#linear(sc.q, radius, hit);
      else this.#probe(sc, s, radius, hit);
    } finally {
      this.#busy = nested;
    }
  }

  /**
   * Multi-index probe with the pair filter, in passes with small loop bodies whose independent
   * loads the CPU overlaps: slots → their offsets → their first entries → scan the buckets, keeping
   * the entries the partner bits allow → copy those candidates' heads next to each other → filter
   * on the 128-bit head → full distance for the few left.
   */
  #probe(sc: Scratch, s: number, radius: number, hit: (id: number, d: number) => void): void {
    const { offsets, ids } = this.tables, head = this.#head;
    const idBits = this.#idBits, idMask = (1 << idBits) - 1, partnerShift = this.#partnerShift;
    const pq = sc.q, keys = sc.keys, lims = sc.lims, chunkEnd = sc.chunkEnd;
    const t = Math.floor(radius / 8);
    let nk = 0;
    for (let c = 0; c < CHUNKS; c++) {
      const base = c * (CHUNK_VALUES + 1);
      const v = chunkOf(pq, 0, c);
      lims[nk] = t;
      keys[nk++] = base + v;
      if (s >= 1) {
        for (let i = 0; i < 16; i++) {
          const vi = v ^ (1 << i);
          lims[nk] = t - 1;
          keys[nk++] = base + vi;
          if (s >= 2) for (let j = i + 1; j < 16; j++) { lims[nk] = t - 2; keys[nk++] = base + (vi ^ (1 << j)); }
        }
      }
    }
    // Touch the offsets, then the first and last entry of every probed bucket (~15 entries at a
    // million hashes, often over two cache lines): loads whose results only feed `touched`, so many
    // are in flight at once, and the scan below finds them in cache.
    let touched = 0;
    for (let j = 0; j < nk; j++) touched ^= offsets[keys[j]];
    let total = 0;
    for (let j = 0; j < nk; j++) {
      const k = keys[j], start = offsets[k], end = offsets[k + 1];
      touched ^= ids[start] ^ ids[end > start ? end - 1 : start];
      total += end - start;
    }
    sc.touched = touched; // kept, so that the touching loads are not dead code
    sc.reserve(total + 3);
    const cand = sc.cand, heads = sc.heads;
    const per = PROBES[s];
    let nc = 0;
    for (let c = 0, j = 0; c < CHUNKS; c++) {
      const qp = chunkOf(pq, 0, c ^ 1) >>> partnerShift;
      for (const e = j + per; j < e; j++) {
        const k = keys[j], lim = lims[j];
        for (let p = offsets[k], end = offsets[k + 1]; p < end; p++) {
          const x = ids[p];
          if (popcount16((x >>> idBits) ^ qp) <= lim) cand[nc++] = x & idMask;
        }
      }
      chunkEnd[c] = nc;
    }
    // A flat loop of its own, four candidates a turn with every load before any store, keeps the
    // most head reads in flight. Padded with id 0 to a multiple of 4.
    cand[nc] = 0; cand[nc + 1] = 0; cand[nc + 2] = 0;
    for (let i = 0, h = 0; i < nc; i += 4, h += 4 * HEAD) {
      const o = cand[i] * HEAD, p = cand[i + 1] * HEAD, r = cand[i + 2] * HEAD, u = cand[i + 3] * HEAD;
      const a0 = head[o], b0 = head[p], c0 = head[r], d0 = head[u];
      const a1 = head[o + 1], b1 = head[p + 1], c1 = head[r + 1], d1 = head[u + 1];
      const a2 = head[o + 2], b2 = head[p + 2], c2 = head[r + 2], d2 = head[u + 2];
      const a3 = head[o + 3], b3 = head[p + 3], c3 = head[r + 3], d3 = head[u + 3];
      heads[h] = a0; heads[h + 1] = a1; heads[h + 2] = a2; heads[h + 3] = a3;
      heads[h + 4] = b0; heads[h + 5] = b1; heads[h + 6] = b2; heads[h + 7] = b3;
      heads[h + 8] = c0; heads[h + 9] = c1; heads[h + 10] = c2; heads[h + 11] = c3;
      heads[h + 12] = d0; heads[h + 13] = d1; heads[h + 14] = d2; heads[h + 15] = d3;
    }
    const q0 = pq[0], q1 = pq[1], q2 = pq[2], q3 = pq[3];
    for (let c = 0, i = 0; c < CHUNKS; c++) {
      for (const e = chunkEnd[c]; i < e; i++) {
        const h = i * HEAD;
        if (popcount4(heads[h] ^ q0, heads[h + 1] ^ q1, heads[h + 2] ^ q2, heads[h + 3] ^ q3) <= radius) {
          this.#verify(pq, cand[i], c, s, t, radius, hit);
        }
      }
    }
  }

  /**
   * Full distance of a candidate kept through chunk c, reported only if no earlier chunk would have
   * kept it (within s, and within t together with its partner's kept bits): it was found, kept and
   * reported there already. Deduplicates without a visited set.
   */
  #verify(pq: Uint32Array, id: number, c: number, s: number, t: number, radius: number, hit: (id: number, d: number) => void): void {
    const head = this.#head, tail = this.#tail, o = id * HEAD, partnerShift = this.#partnerShift;
    const d = popcount4(head[o] ^ pq[0], head[o + 1] ^ pq[1], head[o + 2] ^ pq[2], head[o + 3] ^ pq[3]) +
      popcount4(tail[o] ^ pq[4], tail[o + 1] ^ pq[5], tail[o + 2] ^ pq[6], tail[o + 3] ^ pq[7]);
    if (d > radius) return;
    for (let c2 = 0; c2 < c; c2++) {
      const w = c2 >>> 1;
      const x = (w < HEAD ? head[o + w] : tail[o + w - HEAD]) ^ pq[w];
      const own = (c2 & 1) === 0 ? x >>> 16 : x & 0xffff, partner = (c2 & 1) === 0 ? x & 0xffff : x >>> 16;
      const dc = popcount16(own);
      if (dc <= s && dc + popcount16(partner >>> partnerShift) <= t) return;
    }
    hit(id, d);
  }

  /** Radii above 47: probing would cost more than a scan. */
  #linear(pq: Uint32Array, radius: number, hit: (id: number, d: number) => void): void {
    const head = this.#head, tail = this.#tail;
    const q0 = pq[0], q1 = pq[1], q2 = pq[2], q3 = pq[3], q4 = pq[4], q5 = pq[5], q6 = pq[6], q7 = pq[7];
    for (let id = 0, o = 0, n = this.size; id < n; id++, o += HEAD) {
      // The head alone rules out most hashes: the tail is read only for those it does not.
      const dh = popcount4(head[o] ^ q0, head[o + 1] ^ q1, head[o + 2] ^ q2, head[o + 3] ^ q3);
      if (dh > radius) continue;
      const d = dh + popcount4(tail[o] ^ q4, tail[o + 1] ^ q5, tail[o + 2] ^ q6, tail[o + 3] ^ q7);
      if (d <= radius) hit(id, d);
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
  const lut = PERM_LUT;
  let w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0;
  for (let i = 0, kb = 0; i < HASH_WORDS; i++) {
    const x = src[so + i];
    for (let sh = 24; sh >= 0; sh -= 8, kb += 256 * HASH_WORDS) {
      const k = kb + ((x >>> sh) & 255) * HASH_WORDS;
      w0 |= lut[k]; w1 |= lut[k + 1]; w2 |= lut[k + 2]; w3 |= lut[k + 3];
      w4 |= lut[k + 4]; w5 |= lut[k + 5]; w6 |= lut[k + 6]; w7 |= lut[k + 7];
    }
  }
  dst[d0] = w0; dst[d0 + 1] = w1; dst[d0 + 2] = w2; dst[d0 + 3] = w3;
  dst[d0 + 4] = w4; dst[d0 + 5] = w5; dst[d0 + 6] = w6; dst[d0 + 7] = w7;
}
