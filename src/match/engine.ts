/**
 * The matching engine: views → hashes → index lookup → confirmation. See docs/matching.md.
 */
import type { RgbaImage } from '../image.ts';
import { base64ToBytes, bytesToBase64, bytesToWordsInto, wordsToBytes } from './codec.ts';
import { candidateBoxes, pictureBoxes } from './content.ts';
import { rotatedView, toWorkingGray, type Box, type Gray } from './gray.ts';
import { bitCount, HASH_WORDS, mirrorBlockhash, viewHashes, type Hash, type ViewHashes } from './hashes.ts';
import { HammingIndex, permuteHash, permuteHashes, permutedDistance, type HammingTables, type PermutedHashes } from './mih.ts';

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

/**
 * Every usable work's views in the form the index searches, so that the background's index snapshot
 * (src/registry/index-snapshot.ts) loads without conversion. Views are in work order.
 */
export interface PackedViews {
  /** ENGINE_VERSION and this layout; packs of another format are packed again from the fingerprints. */
  format: string;
  workIds: string[];
  /** Work i's views are views starts[i] .. starts[i + 1] − 1 (work order). */
  starts: Uint32Array;
  /** Per view, its blockhash and its DCT hash, permuted and split as the index keeps them. */
  block: PermutedHashes;
  dct: PermutedHashes;
  /** The two indexes' lookup tables, once a MatchIndex has built them (MatchIndex.packed). */
  tables?: { block: HammingTables; dct: HammingTables };
}

export const PACKED_FORMAT = `${ENGINE_VERSION}/packed-1`;

/** Packs the works' fingerprints; fingerprints of another engine version are left out (see isCurrentFingerprint). */
export function packViews(works: Iterable<{ id: string; fingerprint: WorkFingerprint }>): PackedViews {
  const usable = [...works].filter((work) => isCurrentFingerprint(work.fingerprint));
  const starts = new Uint32Array(usable.length + 1);
  usable.forEach((work, w) => (starts[w + 1] = starts[w] + viewCount(work.fingerprint)));
  const n = starts[usable.length];
  const block = new Uint32Array(n * HASH_WORDS);
  const dct = new Uint32Array(n * HASH_WORDS);
  let i = 0;
  for (const { fingerprint: { views } } of usable) {
    for (let o = 0; o < views.length; o += VIEW_BYTES, i++) {
      bytesToWordsInto(views, o, HASH_WORDS, block, i * HASH_WORDS);
      bytesToWordsInto(views, o + VIEW_BYTES / 2, HASH_WORDS, dct, i * HASH_WORDS);
    }
  }
  return { format: PACKED_FORMAT, workIds: usable.map((work) => work.id), starts, block: permuteHashes(block, n), dct: permuteHashes(dct, n) };
}

/** The registered works, searchable by fingerprint. */
export class MatchIndex {
  readonly #packed: PackedViews;
  readonly #index: HammingIndex;
  /**
   * The DCT index holds only each work's first views (the whole picture, framed and trimmed, and
   * its rotations): the second key finds what an overlay moved away from, which crops rarely add
   * to (0.1 % of recall on the accuracy bench for 8× the table size). dctView maps its ids to views.
   */
  readonly #dctIndex: HammingIndex;
  readonly #dctView: Int32Array;

  static of(works: Iterable<{ id: string; fingerprint: WorkFingerprint }>): MatchIndex {
    return new MatchIndex(packViews(works));
  }

  /** The index over packed views, its lookup tables adopted from the pack or built now (~1 s for 3.8M views). */
  constructor(packed: PackedViews) {
    if (packed.format !== PACKED_FORMAT) throw new Error(`MatchIndex: views packed as ${packed.format}, expected ${PACKED_FORMAT}`);
    const views = packed.starts[packed.workIds.length];
    if (packed.starts.length !== packed.workIds.length + 1 || packed.block.head.length !== 4 * views || packed.dct.head.length !== 4 * views) {
      throw new RangeError(`MatchIndex: packed hashes do not hold the ${views} views of ${packed.workIds.length} works`);
    }
    this.#packed = packed;
    this.#index = new HammingIndex(packed.block, packed.tables?.block);
    const { starts, dct } = packed, works = packed.workIds.length;
    let nKeys = 0;
    for (let w = 0; w < works; w++) nKeys += Math.min(DCT_KEY_VIEWS, starts[w + 1] - starts[w]);
    // Heads and tails are 4 words per hash.
    const keyHead = new Uint32Array(nKeys * 4), keyTail = new Uint32Array(nKeys * 4);
    this.#dctView = new Int32Array(nKeys);
    for (let w = 0, k = 0; w < works; w++) {
      for (let i = starts[w], end = Math.min(starts[w] + DCT_KEY_VIEWS, starts[w + 1]); i < end; i++, k++) {
        for (let j = 0; j < 4; j++) { keyHead[4 * k + j] = dct.head[4 * i + j]; keyTail[4 * k + j] = dct.tail[4 * i + j]; }
        this.#dctView[k] = i;
      }
    }
    this.#dctIndex = new HammingIndex({ head: keyHead, tail: keyTail }, packed.tables?.dct);
  }

  /** Number of works with usable fingerprints. */
  get size(): number {
    return this.#packed.workIds.length;
  }

  /** Number of registered views (hashes in the index). */
  get viewCount(): number {
    return this.#index.size;
  }

  /** The packed views with the lookup tables: what the index snapshot stores. */
  get packed(): Required<PackedViews> {
    return { ...this.#packed, tables: { block: this.#index.tables, dct: this.#dctIndex.tables } };
  }

  /** All candidate pairs within the index search radius (no decision). */
  candidates(query: QueryFingerprint, radius = PARAMS.searchRadius): CandidatePair[] {
    if (query.engine !== ENGINE_VERSION || this.size === 0) return [];
    const { block, dct } = this.#packed;
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
        const pKey = permuteHash(key), pqd = permuteHash(qd);
        const seen = new Set<number>();
        this.#index.searchPermuted(pKey, radius, (id, d) => {
          seen.add(id);
          out.push({ ...this.#viewOf(id), mirrored, block: d, dct: permutedDistance(dct, id, pqd) });
        });
        // Second key: the DCT hash finds views whose blockhash an overlay or a flat background moved
        // beyond the radius (accepted only with a much closer DCT hash, see accept()).
        this.#dctIndex.searchPermuted(pqd, PARAMS.dctSearchRadius, (k, d) => {
          const id = this.#dctView[k];
          if (seen.has(id)) return;
          out.push({ ...this.#viewOf(id), mirrored, block: permutedDistance(block, id, pKey), dct: d });
        });
      }
    }
    return out;
  }

  /** The work that view `id` belongs to, and its number among the work's views. */
  #viewOf(id: number): { workId: string; view: number } {
    const starts = this.#packed.starts;
    let lo = 0, hi = this.size - 1; // the last work whose start is ≤ id
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return { workId: this.#packed.workIds[lo], view: id - starts[lo] };
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
