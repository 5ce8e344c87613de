import { describe, expect, it } from 'vitest';
import { HammingIndex, INDEX_PERM, linearSearch, permuteHashes } from '../../../src/match/mih.ts';
import { HASH_WORDS } from '../../../src/match/hashes.ts';
import { rng32 } from '../../../bench/lib/transforms.ts';

function flip(h: Uint32Array, o: number, bits: number, r: () => number) {
  for (let i = 0; i < bits; i++) {
    const b = r() % 256;
    h[o + (b >>> 5)] ^= 1 << (31 - (b & 31));
  }
}

/** Asserts the index finds exactly what a linear scan finds for q at radius (ids and distances); returns the hits. */
function expectLinearHits(index: HammingIndex, hashes: Uint32Array, n: number, q: Uint32Array, radius: number): [number, number][] {
  const found: [number, number][] = [];
  const expected: [number, number][] = [];
  index.search(q, radius, (id, d) => found.push([id, d]));
  linearSearch(hashes, n, q, radius, (id, d) => expected.push([id, d]));
  found.sort((x, y) => x[0] - y[0]);
  expect(found, `radius ${radius}`).toEqual(expected);
  return found;
}

describe('HammingIndex (multi-index hashing)', () => {
  it('uses a bit permutation of all 256 positions', () => {
    expect([...INDEX_PERM].sort((a, b) => a - b)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  for (const kind of ['uniform', 'clustered'] as const) {
    it(`returns exactly what a linear scan returns (${kind} data, radii 0–60)`, () => {
      const r = rng32(kind === 'uniform' ? 1 : 2);
      const n = 3000;
      const hashes = new Uint32Array(n * HASH_WORDS);
      const centres = Array.from({ length: 20 }, () => Uint32Array.from({ length: HASH_WORDS }, r));
      for (let i = 0; i < n; i++) {
        if (kind === 'uniform') for (let w = 0; w < HASH_WORDS; w++) hashes[i * HASH_WORDS + w] = r();
        else {
          hashes.set(centres[r() % centres.length], i * HASH_WORDS);
          flip(hashes, i * HASH_WORDS, r() % 40, r);
        }
      }
      const index = HammingIndex.of(hashes, n);
      for (let k = 0; k < 60; k++) {
        const q = hashes.slice(((k * 37) % n) * HASH_WORDS, ((k * 37) % n) * HASH_WORDS + HASH_WORDS);
        flip(q, 0, r() % 30, r);
        for (const radius of [0, 5, 15, 16, 31, 32, 47, 60]) expectLinearHits(index, hashes, n, q, radius);
      }
    }, 60_000);
  }

  // Above 65,536 hashes an entry keeps fewer than 16 partner bits (14 here); the filter must stay exact.
  it('returns exactly what a linear scan returns at 140,000 hashes (partner bits cut to 14)', () => {
    const r = rng32(6);
    const n = 140_000;
    const hashes = new Uint32Array(n * HASH_WORDS);
    const centres = Array.from({ length: 200 }, () => Uint32Array.from({ length: HASH_WORDS }, r));
    for (let i = 0; i < n; i++) {
      hashes.set(centres[r() % centres.length], i * HASH_WORDS);
      flip(hashes, i * HASH_WORDS, r() % 48, r);
    }
    const index = HammingIndex.of(hashes, n);
    let hits = 0;
    for (let k = 0; k < 10; k++) {
      const q = hashes.slice(((k * 7919) % n) * HASH_WORDS, ((k * 7919) % n) * HASH_WORDS + HASH_WORDS);
      flip(q, 0, r() % 24, r);
      for (const radius of [7, 8, 15, 16, 23, 24, 31, 32, 40, 47]) hits += expectLinearHits(index, hashes, n, q, radius).length;
    }
    expect(hits).toBeGreaterThan(500);
  }, 60_000);

  // The hardest hits for the pigeonhole filters: flips spread as evenly as possible over the 16
  // permuted chunks, so that every chunk and every pair is as far as it can be within the radius;
  // padded with random hashes past 65,536 so that entries keep fewer than 16 partner bits.
  it('finds hashes whose flips are spread evenly over all chunks (the pigeonhole boundary)', () => {
    const r = rng32(7);
    const inv = new Int32Array(256);
    INDEX_PERM.forEach((j, i) => { inv[j] = i; });
    const q = Uint32Array.from({ length: HASH_WORDS }, r);
    const radii = [8, 15, 16, 17, 23, 24, 31, 32, 39, 40, 47];
    const perRadius = 200;
    const n = 70_000;
    const hashes = Uint32Array.from({ length: n * HASH_WORDS }, r);
    let id = 0;
    for (const radius of radii) {
      for (let k = 0; k < perRadius; k++, id++) {
        const o = id * HASH_WORDS;
        hashes.set(q, o);
        const d = radius + (k % 3 === 0 ? 1 : 0);
        // chunk c gets ⌊d/16⌋ flips, one more for d mod 16 chunks picked at random
        const extra = new Set<number>();
        while (extra.size < d % 16) extra.add(r() % 16);
        for (let c = 0; c < 16; c++) {
          const bits = new Set<number>();
          while (bits.size < Math.floor(d / 16) + (extra.has(c) ? 1 : 0)) bits.add(c * 16 + (r() % 16));
          for (const j of bits) { const b = inv[j]; hashes[o + (b >>> 5)] ^= 1 << (31 - (b & 31)); }
        }
      }
    }
    const index = HammingIndex.of(hashes, n);
    for (const radius of radii) {
      const a: [number, number][] = [];
      const b: [number, number][] = [];
      index.search(q, radius, (i, d) => a.push([i, d]));
      linearSearch(hashes, n, q, radius, (i, d) => b.push([i, d]));
      a.sort((x, y) => x[0] - y[0]);
      expect(a).toEqual(b);
      expect(b.filter(([, d]) => d === radius).length).toBeGreaterThan(100);
    }
  });

  it('reports each of many identical and near-identical hashes once (one bucket holds them all)', () => {
    const r = rng32(3);
    const n = 5000;
    const hashes = new Uint32Array(n * HASH_WORDS);
    const centre = Uint32Array.from({ length: HASH_WORDS }, r);
    for (let i = 0; i < n; i++) {
      hashes.set(centre, i * HASH_WORDS);
      if (i % 2 === 1) flip(hashes, i * HASH_WORDS, r() % 24, r);
    }
    const index = HammingIndex.of(hashes, n);
    for (const radius of [0, 1, 16, 31, 40, 47, 48]) {
      const q = centre.slice();
      flip(q, 0, radius % 7, r);
      const hits = expectLinearHits(index, hashes, n, q, radius);
      expect(new Set(hits.map(([id]) => id)).size).toBe(hits.length);
    }
  });

  it('answers a search made from inside another search\'s hit callback, and both stay exact', () => {
    const r = rng32(4);
    const n = 2000;
    const hashes = Uint32Array.from({ length: n * HASH_WORDS }, r);
    // ids 100..119: hash 0 with a few bits flipped, so the outer search has hits in many chunks
    for (let i = 100; i < 120; i++) {
      hashes.copyWithin(i * HASH_WORDS, 0, HASH_WORDS);
      flip(hashes, i * HASH_WORDS, 1 + (r() % 20), r);
    }
    const index = HammingIndex.of(hashes, n);
    const both = (q: Uint32Array, during?: () => void) => {
      const a: number[] = [], b: number[] = [];
      index.search(q, 31, (id) => { a.push(id); during?.(); });
      linearSearch(hashes, n, q, 31, (id) => b.push(id));
      return [a.sort((x, y) => x - y), b];
    };
    let nested = 0;
    const [outer, outerRef] = both(hashes.slice(0, HASH_WORDS), () => {
      const [a, b] = both(hashes.slice(7 * HASH_WORDS, 8 * HASH_WORDS));
      expect(a).toEqual(b);
      nested++;
    });
    expect(outer).toEqual(outerRef);
    expect(outer.length).toBeGreaterThan(10);
    expect(nested).toBe(outer.length);
  });

  it('answers the same with tables it is given (a stored index) and refuses tables of another size', () => {
    const r = rng32(8);
    const n = 5000;
    const hashes = Uint32Array.from({ length: n * HASH_WORDS }, r);
    const built = HammingIndex.of(hashes, n);
    const permuted = permuteHashes(hashes, n);
    const stored = new HammingIndex(structuredClone(permuted), structuredClone(built.tables));
    const q = hashes.slice(9 * HASH_WORDS, 10 * HASH_WORDS);
    flip(q, 0, 25, r);
    expect(expectLinearHits(stored, hashes, n, q, 31).map(([id]) => id)).toContain(9);
    const other = HammingIndex.of(hashes, n - 1).tables;
    expect(() => new HammingIndex(permuted, other)).toThrow(/tables of 79985 entries for 5000 hashes/);
  });

  it('treats a fractional radius like its floor and a negative one as empty', () => {
    const r = rng32(5);
    const n = 1000;
    const hashes = Uint32Array.from({ length: n * HASH_WORDS }, r);
    const q = hashes.slice(3 * HASH_WORDS, 4 * HASH_WORDS);
    flip(q, 0, 20, r);
    const hits = (radius: number) => { const a: number[] = []; HammingIndex.of(hashes, n).search(q, radius, (id) => a.push(id)); return a; };
    expect(hits(31.5)).toEqual(hits(31));
    expect(hits(31)).toContain(3);
    expect(hits(-1)).toEqual([]);
  });

  it('finds nothing in an empty index and reports its memory', () => {
    const index = HammingIndex.of(new Uint32Array(0), 0);
    const hits: number[] = [];
    index.search(new Uint32Array(HASH_WORDS), 31, (id) => hits.push(id));
    expect(hits).toEqual([]);
    expect(index.memoryBytes).toBeGreaterThan(0);
  });
});
