import { bmvbhash } from 'blockhash-core';
import type { RgbaImage } from '../image.ts';

/** Bumped whenever fingerprints change shape or meaning; stored with every fingerprint. */
export const ENGINE_VERSION = 'rr-1';

/** What the registry stores per work: JSON-serialisable, compared only by this engine. */
export interface WorkFingerprint {
  engine: string;
  /** Hex hashes of the registered views of the work (the whole image, its mirror, …). */
  views: string[];
}

/** What is computed for an image found on a page. JSON-serialisable so parity can be tested. */
export interface QueryFingerprint {
  engine: string;
  hashes: string[];
}

export interface Match {
  workId: string;
  /** Hamming distance in bits between the closest query hash and work view. */
  distance: number;
}

const HASH_GRID = 16;
const MATCH_THRESHOLD = 10;

function mirrored(img: RgbaImage): RgbaImage {
  const { width, height, data } = img;
  const out = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = (y * width + (width - 1 - x)) * 4;
      out[dst] = data[src]; out[dst + 1] = data[src + 1]; out[dst + 2] = data[src + 2]; out[dst + 3] = data[src + 3];
    }
  }
  return { width, height, data: out };
}

function blockhash(img: RgbaImage): string {
  return bmvbhash(img, HASH_GRID);
}

export function fingerprintWork(img: RgbaImage): WorkFingerprint {
  return { engine: ENGINE_VERSION, views: [blockhash(img), blockhash(mirrored(img))] };
}

export function fingerprintQuery(img: RgbaImage): QueryFingerprint {
  return { engine: ENGINE_VERSION, hashes: [blockhash(img)] };
}

const POPCOUNT = Uint8Array.from({ length: 16 }, (_, n) => (n & 1) + ((n >> 1) & 1) + ((n >> 2) & 1) + ((n >> 3) & 1));

function hammingHex(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < a.length; i++) bits += POPCOUNT[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return bits;
}

/** The registered works, searchable by fingerprint. */
export class MatchIndex {
  readonly #works = new Map<string, WorkFingerprint>();

  get size(): number {
    return this.#works.size;
  }

  add(workId: string, fingerprint: WorkFingerprint): void {
    this.#works.set(workId, fingerprint);
  }

  remove(workId: string): void {
    this.#works.delete(workId);
  }

  clear(): void {
    this.#works.clear();
  }

  /** Works the query matches, best first; empty when none is close enough. */
  match(query: QueryFingerprint): Match[] {
    const matches: Match[] = [];
    for (const [workId, work] of this.#works) {
      let best = Infinity;
      for (const q of query.hashes) for (const v of work.views) best = Math.min(best, hammingHex(q, v));
      if (best <= MATCH_THRESHOLD) matches.push({ workId, distance: best });
    }
    return matches.sort((a, b) => a.distance - b.distance);
  }
}
