/**
 * The matching engine: views → hashes → index lookup → confirmation. See docs/matching.md.
 */
import type { RgbaImage } from '../image.ts';
import { base64ToBytes, bytesToBase64, bytesToWordsInto, wordsToBytes } from './codec.ts';
import { candidateBoxes, pictureBoxes } from './content.ts';
import { rotatedView, toWorkingGray, type Box, type Gray } from './gray.ts';
import { bitCount, hamming, HASH_WORDS, mirrorBlockhash, viewHashes, type Hash, type ViewHashes } from './hashes.ts';
import { HammingIndex } from './mih.ts';

export const ENGINE_VERSION = 'rr-4';

/** Bytes per registered view: 32 of blockhash, then 32 of DCT hash (each 8 big-endian 32-bit words). */
export const VIEW_BYTES = 8 * HASH_WORDS;

/**
 * What the registry stores per work, compared only by this engine. The views are one packed byte
 * array rather than a string each: a registry of 100,000 works loads as 100,000 buffers, not millions
 * of strings to decode.
 */
export interface WorkFingerprint {
  engine: string;
  /** The registered views, VIEW_BYTES each; empty for a picture too flat to recognise. */
  views: Uint8Array;
}

/** What is computed for an image found on a page. JSON-serialisable so parity can be tested. */
export interface QueryFingerprint {
  engine: string;
  /** One base64 string per candidate picture rectangle: 96 bytes of blockhash, DCT hash, DCT hash of the mirror. */
  hashes: string[];
}

export interface Match {
  workId: string;
  /** Blockhash distance in bits between the query and the closest registered view of the work. */
  distance: number;
  /** DCT-hash distance of that same pair (the confirming hash). */
  confirmDistance: number;
  /** Index of the work view that matched (0 = the whole picture). */
  view: number;
  /** True when the query is the mirror image of the work. */
  mirrored: boolean;
}

type Crop = readonly [number, number, number, number];

/** Crops as fractions cut from [left, top, right, bottom]: the whole, centred crops, then each edge cut. */
function crops(centred: readonly number[], edgeCuts: readonly number[]): Crop[] {
  const out: Crop[] = [[0, 0, 0, 0]];
  for (const m of centred) out.push([m, m, m, m]);
  for (const cut of edgeCuts) for (let side = 0; side < 4; side++) {
    const c: [number, number, number, number] = [0, 0, 0, 0];
    c[side] = cut;
    out.push(c);
  }
  return out;
}

/**
 * Crops registered for every work: of the whole frame, and of the trimmed frame when the picture has
 * uniform borders or a flat background. Chosen by dropping, one at a time, the views whose loss cost
 * least recall on the accuracy bench (docs/matching.md): 48 views instead of 62 (plus band cuts) for nearly
 * the same recall.
 * Edge cuts 5 % apart keep every cut of up to 30 % within ~2.5 % of a view (blockhash moves ~3–4 bits
 * per 1 % of misalignment); a 5 % cut of the frame is close enough to the whole.
 */
export const FRAME_CROPS: readonly Crop[] = crops([0.06, 0.1], [0.1, 0.15, 0.2, 0.25, 0.3]);
export const TRIMMED_CROPS: readonly Crop[] = crops([], [0.05, 0.1, 0.15, 0.2, 0.25]);

/** Thresholds (see docs/matching.md for how they were chosen). */
export const PARAMS = {
  /** Index search radius on blockhash (bits of 256). */
  searchRadius: 31,
  /** Accept when blockhash ≤ maxBlock and DCT ≤ maxConfirm and their sum ≤ maxSum … */
  maxBlock: 31,
  maxConfirm: 56,
  maxSum: 78,
  /** … or when the DCT hash is within dctSearchRadius (found through the DCT index) and blockhash ≤ maxBlockLoose. */
  dctSearchRadius: 31,
  maxBlockLoose: 56,
  /** Views with less contrast than this (std of the 32 × 32 view, 0–255) are not hashed. */
  minStd: 6,
  /** Blockhashes with fewer than this many 1 (or 0) bits are degenerate (flat images). */
  minBits: 24,
};

function cropBox(b: Box, c: Crop): Box {
  const w = b.x1 - b.x0, h = b.y1 - b.y0;
  return { x0: b.x0 + w * c[0], y0: b.y0 + h * c[1], x1: b.x1 - w * c[2], y1: b.y1 - h * c[3] };
}

function informative(v: ViewHashes): boolean {
  const ones = bitCount(v.block);
  return v.std >= PARAMS.minStd && ones >= PARAMS.minBits && ones <= 256 - PARAMS.minBits;
}

function concat(...hs: Hash[]): Uint32Array {
  const out = new Uint32Array(hs.length * HASH_WORDS);
  hs.forEach((h, i) => out.set(h, i * HASH_WORDS));
  return out;
}

/** How many of a work's first views the DCT index holds (see MatchIndex). */
const DCT_KEY_VIEWS = 6;

/** Rotations registered for every work (degrees), of the whole frame. */
export const WORK_ROTATIONS: readonly number[] = [-3, 3];

/**
 * Work views: crops of the whole frame and of the trimmed frame, the band-cut rectangles, and small
 * rotations of the whole frame (as separate gray images).
 */
export function workViews(img: RgbaImage): { gray: Gray; box: Box }[] {
  const gray = toWorkingGray(img);
  const p = pictureBoxes(gray);
  if (!p) return [];
  // The wholes and the rotations first: the first DCT_KEY_VIEWS views are also keys of the DCT index.
  const views: { gray: Gray; box: Box }[] = [{ gray, box: p.frame }];
  if (p.trimmed) views.push({ gray, box: p.trimmed });
  for (const deg of WORK_ROTATIONS) {
    const r = rotatedView(gray, p.frame, deg);
    const whole = { x0: 0, y0: 0, x1: r.width, y1: r.height };
    // Also cropped 10 % further: reposts rarely crop exactly to the largest rectangle.
    views.push({ gray: r, box: whole }, { gray: r, box: cropBox(whole, [0.05, 0.05, 0.05, 0.05]) });
  }
  for (const c of FRAME_CROPS.slice(1)) views.push({ gray, box: cropBox(p.frame, c) });
  if (p.trimmed) for (const c of TRIMMED_CROPS.slice(1)) views.push({ gray, box: cropBox(p.trimmed, c) });
  for (const cut of p.cuts) views.push({ gray, box: cut });
  return views;
}

export function fingerprintWork(img: RgbaImage): WorkFingerprint {
  const views: Hash[] = [];
  if (img.width >= 8 && img.height >= 8) {
    for (const { gray, box } of workViews(img)) {
      const v = viewHashes(gray, box);
      if (informative(v)) views.push(v.block, v.dct);
    }
  }
  return { engine: ENGINE_VERSION, views: wordsToBytes(concat(...views)) };
}

/** Number of views in a fingerprint of this engine. */
export function viewCount(fp: WorkFingerprint): number {
  return Math.floor(fp.views.length / VIEW_BYTES);
}

export function fingerprintQuery(img: RgbaImage): QueryFingerprint {
  const hashes: string[] = [];
  if (img.width >= 8 && img.height >= 8) {
    const gray = toWorkingGray(img);
    for (const box of candidateBoxes(gray)) {
      const v = viewHashes(gray, box, true);
      if (informative(v)) hashes.push(bytesToBase64(wordsToBytes(concat(v.block, v.dct, v.dctMirror!))));
    }
  }
  return { engine: ENGINE_VERSION, hashes };
}

/** Every (query view, work view) pair within the search radius, before the decision. For tuning and tests. */
export interface CandidatePair {
  workId: string;
  view: number;
  mirrored: boolean;
  block: number;
  dct: number;
}

/** The registered works, searchable by fingerprint. */
export class MatchIndex {
  /** Work id → its packed views (as stored; decoded only when the tables are built). */
  readonly #works = new Map<string, Uint8Array>();
  #built: { index: HammingIndex; dctIndex: HammingIndex; dctView: Int32Array; owner: string[]; view: Int32Array; block: Uint32Array; dct: Uint32Array } | null = null;

  get size(): number {
    return this.#works.size;
  }

  /** Number of registered views (hashes in the index). */
  get viewCount(): number {
    let n = 0;
    for (const v of this.#works.values()) n += v.length / VIEW_BYTES;
    return n;
  }

  /**
   * Registers (or replaces) a work. A fingerprint from another engine version is kept out of the
   * index (it cannot be compared): see isCurrentFingerprint and re-fingerprint such works.
   */
  add(workId: string, fingerprint: WorkFingerprint): void {
    const usable = isCurrentFingerprint(fingerprint);
    this.#works.set(workId, usable ? fingerprint.views : new Uint8Array(0));
    this.#built = null;
  }

  remove(workId: string): void {
    if (this.#works.delete(workId)) this.#built = null;
  }

  clear(): void {
    this.#works.clear();
    this.#built = null;
  }

  #build() {
    if (this.#built) return this.#built;
    const n = this.viewCount;
    const block = new Uint32Array(n * HASH_WORDS);
    const dct = new Uint32Array(n * HASH_WORDS);
    const owner: string[] = new Array(n);
    const view = new Int32Array(n);
    let i = 0;
    for (const [workId, views] of this.#works) {
      for (let v = 0, o = 0; o < views.length; v++, o += VIEW_BYTES, i++) {
        bytesToWordsInto(views, o, HASH_WORDS, block, i * HASH_WORDS);
        bytesToWordsInto(views, o + VIEW_BYTES / 2, HASH_WORDS, dct, i * HASH_WORDS);
        owner[i] = workId;
        view[i] = v;
      }
    }
    // The DCT index holds only each work's first views (the whole picture, framed and trimmed, and
    // its rotations): the second key finds what an overlay moved away from, which crops rarely add
    // to (0.1 % of recall on the accuracy bench for 8× the table size).
    let nKeys = 0;
    for (let i = 0; i < n; i++) if (view[i] < DCT_KEY_VIEWS) nKeys++;
    const dctKeys = new Uint32Array(nKeys * HASH_WORDS);
    const dctView = new Int32Array(nKeys);
    for (let i = 0, k = 0; i < n; i++) {
      if (view[i] >= DCT_KEY_VIEWS) continue;
      dctKeys.set(dct.subarray(i * HASH_WORDS, (i + 1) * HASH_WORDS), k * HASH_WORDS);
      dctView[k++] = i;
    }
    this.#built = { index: new HammingIndex(block, n), dctIndex: new HammingIndex(dctKeys, nKeys), dctView, owner, view, block, dct };
    return this.#built;
  }

  /** All candidate pairs within the index search radius (no decision). */
  candidates(query: QueryFingerprint, radius = PARAMS.searchRadius): CandidatePair[] {
    if (query.engine !== ENGINE_VERSION || this.#works.size === 0) return [];
    const b = this.#build();
    const out: CandidatePair[] = [];
    for (const s of query.hashes) {
      const bytes = base64ToBytes(s);
      if (!bytes || bytes.length !== 3 * VIEW_BYTES / 2) continue;
      const w = new Uint32Array(3 * HASH_WORDS);
      bytesToWordsInto(bytes, 0, 3 * HASH_WORDS, w, 0);
      const qb = w.subarray(0, HASH_WORDS);
      for (const mirrored of [false, true]) {
        const key = mirrored ? mirrorBlockhash(qb) : qb;
        const qd = w.subarray(mirrored ? 2 * HASH_WORDS : HASH_WORDS, mirrored ? 3 * HASH_WORDS : 2 * HASH_WORDS);
        const seen = new Set<number>();
        b.index.search(key, radius, (id, d) => {
          seen.add(id);
          out.push({ workId: b.owner[id], view: b.view[id], mirrored, block: d, dct: hamming(b.dct, qd, id * HASH_WORDS, 0) });
        });
        // Second key: the DCT hash finds views whose blockhash an overlay or a flat background moved
        // beyond the radius (accepted only with a much closer DCT hash, see accept()).
        b.dctIndex.search(qd, PARAMS.dctSearchRadius, (k, d) => {
          const id = b.dctView[k];
          if (seen.has(id)) return;
          out.push({ workId: b.owner[id], view: b.view[id], mirrored, block: hamming(b.block, key, id * HASH_WORDS, 0), dct: d });
        });
      }
    }
    return out;
  }

  /** Works the query matches, best first; empty when none is close enough. */
  match(query: QueryFingerprint): Match[] {
    const best = new Map<string, Match>();
    for (const c of this.candidates(query)) {
      if (!accept(c.block, c.dct)) continue;
      const prev = best.get(c.workId);
      if (!prev || c.block + c.dct < prev.distance + prev.confirmDistance) {
        best.set(c.workId, { workId: c.workId, distance: c.block, confirmDistance: c.dct, view: c.view, mirrored: c.mirrored });
      }
    }
    return [...best.values()].sort((a, b) => a.distance + a.confirmDistance - (b.distance + b.confirmDistance));
  }
}

/** False for fingerprints made by another engine version (or damaged): re-fingerprint the image. */
export function isCurrentFingerprint(fp: { engine: string; views?: unknown }): fp is WorkFingerprint {
  // Not instanceof: a Uint8Array from another realm (a page, a worker, structured clone) is as good.
  return fp.engine === ENGINE_VERSION && Object.prototype.toString.call(fp.views) === '[object Uint8Array]' &&
    (fp.views as Uint8Array).length % VIEW_BYTES === 0;
}

/**
 * A fingerprint of an earlier engine whose hashes this engine still computes the same way, in the
 * current form; null when it cannot be compared (register the image again). rr-3 had the same views
 * and hashes, stored as one unpadded base64 string per view.
 */
export function upgradeFingerprint(fp: { engine: string; views: unknown }): WorkFingerprint | null {
  if (isCurrentFingerprint(fp)) return fp;
  if (fp.engine !== 'rr-3' || !Array.isArray(fp.views)) return null;
  const views = new Uint8Array(fp.views.length * VIEW_BYTES);
  for (const [i, view] of fp.views.entries()) {
    const bytes = typeof view === 'string' && view.length === 86 ? base64ToBytes(view + '==') : null;
    if (!bytes) return null;
    views.set(bytes, i * VIEW_BYTES);
  }
  return { engine: ENGINE_VERSION, views };
}

export function accept(block: number, dct: number): boolean {
  return (block <= PARAMS.maxBlock && dct <= PARAMS.maxConfirm && block + dct <= PARAMS.maxSum) ||
    (dct <= PARAMS.dctSearchRadius && block <= PARAMS.maxBlockLoose);
}
