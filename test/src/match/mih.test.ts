import { describe, expect, it } from 'vitest';
import { HammingIndex, INDEX_PERM, linearSearch } from '../../../src/match/mih.ts';
import { HASH_WORDS } from '../../../src/match/hashes.ts';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function flip(h: Uint32Array, o: number, bits: number, r: () => number) {
  for (let i = 0; i < bits; i++) {
    const b = r() % 256;
    h[o + (b >>> 5)] ^= 1 << (31 - (b & 31));
  }
}

describe('HammingIndex (multi-index hashing)', () => {
  it('uses a bit permutation of all 256 positions', () => {
    expect([...INDEX_PERM].sort((a, b) => a - b)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  for (const kind of ['uniform', 'clustered'] as const) {
    it(`returns exactly what a linear scan returns (${kind} data, radii 0–60)`, () => {
      const r = prng(kind === 'uniform' ? 1 : 2);
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
      const index = new HammingIndex(hashes, n);
      for (let k = 0; k < 60; k++) {
        const q = hashes.slice(((k * 37) % n) * HASH_WORDS, ((k * 37) % n) * HASH_WORDS + HASH_WORDS);
        flip(q, 0, r() % 30, r);
        for (const radius of [0, 5, 15, 16, 31, 32, 47, 60]) {
          const a: [number, number][] = [];
          const b: [number, number][] = [];
          index.search(q, radius, (id, d) => a.push([id, d]));
          linearSearch(hashes, n, q, radius, (id, d) => b.push([id, d]));
          a.sort((x, y) => x[0] - y[0]);
          expect(a).toEqual(b);
        }
      }
    }, 60_000);
  }

  it('reports each of many identical and near-identical hashes once (one bucket holds them all)', () => {
    const r = prng(3);
    const n = 5000;
    const hashes = new Uint32Array(n * HASH_WORDS);
    const centre = Uint32Array.from({ length: HASH_WORDS }, r);
    for (let i = 0; i < n; i++) {
      hashes.set(centre, i * HASH_WORDS);
      if (i % 2 === 1) flip(hashes, i * HASH_WORDS, r() % 24, r);
    }
    const index = new HammingIndex(hashes, n);
    for (const radius of [0, 1, 16, 31, 40, 47, 48]) {
      const q = centre.slice();
      flip(q, 0, radius % 7, r);
      const a: [number, number][] = [];
      const b: [number, number][] = [];
      index.search(q, radius, (id, d) => a.push([id, d]));
      linearSearch(hashes, n, q, radius, (id, d) => b.push([id, d]));
      a.sort((x, y) => x[0] - y[0]);
      expect(a).toEqual(b);
      expect(new Set(a.map(([id]) => id)).size).toBe(a.length);
    }
  });

  it('answers a search made from inside another search\'s hit callback, and both stay exact', () => {
    const r = prng(4);
    const n = 2000;
    const hashes = Uint32Array.from({ length: n * HASH_WORDS }, r);
    // ids 100..119: hash 0 with a few bits flipped, so the outer search has hits in many chunks
    for (let i = 100; i < 120; i++) {
      hashes.copyWithin(i * HASH_WORDS, 0, HASH_WORDS);
      flip(hashes, i * HASH_WORDS, 1 + (r() % 20), r);
    }
    const index = new HammingIndex(hashes, n);
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

  it('treats a fractional radius like its floor and a negative one as empty', () => {
    const r = prng(5);
    const n = 1000;
    const hashes = Uint32Array.from({ length: n * HASH_WORDS }, r);
    const q = hashes.slice(3 * HASH_WORDS, 4 * HASH_WORDS);
    flip(q, 0, 20, r);
    const hits = (radius: number) => { const a: number[] = []; new HammingIndex(hashes, n).search(q, radius, (id) => a.push(id)); return a; };
    expect(hits(31.5)).toEqual(hits(31));
    expect(hits(31)).toContain(3);
    expect(hits(-1)).toEqual([]);
  });

  it('finds nothing in an empty index and reports its memory', () => {
    const index = new HammingIndex(new Uint32Array(0), 0);
    const hits: number[] = [];
    index.search(new Uint32Array(HASH_WORDS), 31, (id) => hits.push(id));
    expect(hits).toEqual([]);
    expect(index.memoryBytes).toBeGreaterThan(0);
  });
});
