/**
 * Stage 2: find where the picture is inside the working image.
 *
 *  - trimUniform: strips uniform borders (padding, letterbox/pillarbox, frames — nested frames too,
 *    by repeating until nothing changes), with a tolerance for JPEG noise;
 *  - contentRuns: strips bands of rows dominated by the outer background colour (meme caption bands,
 *    the app UI above and below a picture in a feed screenshot) and keeps the longest run of
 *    "picture" rows.
 * Works are canonicalised the same way at registration, so a work that is itself on a flat
 * background trims to the same rectangle as its padded reposts.
 */
import type { Box, Gray } from './gray.ts';

const UNIFORM_TOL = 20;
const UNIFORM_FRAC = 0.96;
const BAND_TOL = 24;
const BAND_FRAC = 0.3;
const PICTURE_FRAC = 0.2;
const OUTER_ROWS = 0.12;
const MODE_SHARE = 0.2;
const CHROMA_TOL = 12;
const EDGE_STEP = 24;
const EDGE_FRAC = 0.45;
const MAX_CUTS = 6;
const LOOSE_FRAC = 0.8;
const MAX_CANDIDATES = 6;

/** The k-th smallest of a[0..n) (a is reordered): Hoare's quickselect, the same value a sort gives. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function median(values: Float64Array, n: number): number {
  if (n === 0) return 0;
  const lo = select(values, n, (n - 1) >> 1);
  return (n & 1) === 1 ? lo : (lo + select(values, n, n >> 1)) / 2;
}

const scratch = { buf: new Float64Array(1024) };
function buffer(n: number): Float64Array {
  if (scratch.buf.length < n) scratch.buf = new Float64Array(n);
  return scratch.buf;
}

function rowMedian(g: Gray, y: number, x0: number, x1: number): number {
  const b = buffer(x1 - x0);
  for (let x = x0; x < x1; x++) b[x - x0] = g.px[y * g.width + x];
  return median(b, x1 - x0);
}

function colMedian(g: Gray, x: number, y0: number, y1: number): number {
  const b = buffer(y1 - y0);
  for (let y = y0; y < y1; y++) b[y - y0] = g.px[y * g.width + x];
  return median(b, y1 - y0);
}

function rowFrac(g: Gray, y: number, x0: number, x1: number, c: number, tol: number): number {
  let n = 0;
  const r = y * g.width;
  for (let x = x0; x < x1; x++) { const d = g.px[r + x] - c; if (d <= tol && d >= -tol) n++; }
  return n / (x1 - x0);
}

function colFrac(g: Gray, x: number, y0: number, y1: number, c: number, tol: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) { const d = g.px[y * g.width + x] - c; if (d <= tol && d >= -tol) n++; }
  return n / (y1 - y0);
}

/** Integer box of the whole working image. */
export function fullBox(g: Gray): Box {
  return { x0: 0, y0: 0, x1: g.width, y1: g.height };
}

/**
 * Strip uniform borders, side by side, until none is left. Returns null when (almost) everything
 * is uniform: nothing to match on.
 */
export function trimUniform(g: Gray, box: Box, minFrac = 0.12, opts: { frac?: number; passes?: number } = {}): Box | null {
  const frac = opts.frac ?? UNIFORM_FRAC;
  let { x0, y0, x1, y1 } = box;
  const minW = Math.max(4, Math.round(g.width * minFrac));
  const minH = Math.max(4, Math.round(g.height * minFrac));
  for (let pass = 0; pass < (opts.passes ?? 6); pass++) {
    let changed = false;
    // top
    if (y1 - y0 > minH) {
      const c = rowMedian(g, y0, x0, x1);
      while (y1 - y0 > minH && rowFrac(g, y0, x0, x1, c, UNIFORM_TOL) >= frac) { y0++; changed = true; }
    }
    if (y1 - y0 > minH) {
      const c = rowMedian(g, y1 - 1, x0, x1);
      while (y1 - y0 > minH && rowFrac(g, y1 - 1, x0, x1, c, UNIFORM_TOL) >= frac) { y1--; changed = true; }
    }
    if (x1 - x0 > minW) {
      const c = colMedian(g, x0, y0, y1);
      while (x1 - x0 > minW && colFrac(g, x0, y0, y1, c, UNIFORM_TOL) >= frac) { x0++; changed = true; }
    }
    if (x1 - x0 > minW) {
      const c = colMedian(g, x1 - 1, y0, y1);
      while (x1 - x0 > minW && colFrac(g, x1 - 1, y0, y1, c, UNIFORM_TOL) >= frac) { x1--; changed = true; }
    }
    if (!changed) break;
  }
  if (x1 - x0 <= minW || y1 - y0 <= minH) return null;
  return { x0, y0, x1, y1 };
}

/** A colour: gray level and the two colour differences. */
type Colour = [number, number, number];

/** Fraction of row y in [x0, x1) close to any of the colours (gray within `tol`, colour within CHROMA_TOL). */
function rowFracAny(g: Gray, y: number, x0: number, x1: number, colours: Colour[], tol: number): number {
  let n = 0;
  const r = y * g.width;
  const cr = g.cr, cb = g.cb;
  for (let x = x0; x < x1; x++) {
    const v = g.px[r + x];
    for (let k = 0; k < colours.length; k++) {
      const c = colours[k];
      const d = v - c[0];
      if (d > tol || d < -tol) continue;
      if (cr && cb) {
        const dr = cr[r + x] - c[1], db = cb[r + x] - c[2];
        if (dr > CHROMA_TOL || dr < -CHROMA_TOL || db > CHROMA_TOL || db < -CHROMA_TOL) continue;
      }
      n++;
      break;
    }
  }
  return n / (x1 - x0);
}

/**
 * The background colours of the outer rows of the frame on one side (the UI of a screenshot, the
 * band of a caption): gray levels (16-level bins) holding at least MODE_SHARE of those rows, with
 * their mean colour.
 */
function outerColours(g: Gray, frame: Box, fromTop: boolean): Colour[] {
  const h = frame.y1 - frame.y0;
  const rows = Math.max(2, Math.round(h * OUTER_ROWS));
  const count = new Float64Array(16), sum = new Float64Array(16), sumR = new Float64Array(16), sumB = new Float64Array(16);
  for (let i = 0; i < rows; i++) {
    const y = fromTop ? frame.y0 + i : frame.y1 - 1 - i;
    for (let x = frame.x0; x < frame.x1; x++) {
      const j = y * g.width + x;
      const v = g.px[j];
      const b = Math.min(15, Math.floor(v / 16));
      count[b]++;
      sum[b] += v;
      if (g.cr && g.cb) { sumR[b] += g.cr[j]; sumB[b] += g.cb[j]; }
    }
  }
  const total = rows * (frame.x1 - frame.x0);
  const out: Colour[] = [];
  for (let b = 0; b < 16; b++) if (count[b] >= total * MODE_SHARE) out.push([sum[b] / count[b], sumR[b] / count[b], sumB[b] / count[b]]);
  return out;
}

/**
 * Candidate depths (rows to cut) of a band (caption, app UI) at one end of `box`, in the colours;
 * most reliable first, at most one of each kind:
 *  - scan: band rows end where a run of picture rows (< PICTURE_FRAC band colour) begins;
 *  - edge: the strongest long horizontal edge after band-like rows (a caption band in the same
 *    luma as the picture's own dark or light parts still ends at a visible picture edge);
 *  - gap: the end of the first run of pure band-colour rows after some content (a caption on the
 *    picture's own background colour, e.g. white text on black under art on black).
 */
function bandDepths(g: Gray, box: Box, colours: Colour[], fromTop: boolean): number[] {
  if (colours.length === 0) return [];
  const h = box.y1 - box.y0;
  const maxDepth = Math.floor(h * 0.6);
  const n = Math.min(h, maxDepth + Math.max(3, Math.round(h * 0.04)));
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = rowFracAny(g, fromTop ? box.y0 + i : box.y1 - 1 - i, box.x0, box.x1, colours, BAND_TOL);
  const out: number[] = [];
  const bandRows = new Int32Array(n + 1); // prefix counts of rows with ≥ BAND_FRAC band colour
  for (let i = 0; i < n; i++) bandRows[i + 1] = bandRows[i] + (f[i] >= BAND_FRAC ? 1 : 0);
  const bandLike = (d: number) => d > 0 && d <= n && bandRows[d] >= d * 0.5;
  // scan
  const run = Math.max(3, Math.round(h * 0.04));
  let clear = 0;
  for (let i = 0; i < n; i++) {
    if (f[i] < PICTURE_FRAC) {
      if (++clear >= run) {
        const d = i + 1 - run;
        if (bandLike(d)) out.push(d);
        break;
      }
    } else clear = 0;
  }
  // edge: fraction of columns whose value changes by more than EDGE_STEP across rows d−1 → d+1
  const edgeMax = Math.min(n - 2, Math.floor(h * 0.45));
  let bestE = EDGE_FRAC, bestD = 0;
  for (let d = 2; d < edgeMax; d++) {
    if (!bandLike(d)) continue;
    const ya = fromTop ? box.y0 + d - 1 : box.y1 - d;
    const yb = fromTop ? box.y0 + d + 1 : box.y1 - d - 2;
    let k = 0;
    for (let x = box.x0; x < box.x1; x++) {
      const diff = g.px[ya * g.width + x] - g.px[yb * g.width + x];
      if (diff > EDGE_STEP || diff < -EDGE_STEP) k++;
    }
    const e = k / (box.x1 - box.x0);
    if (e > bestE) { bestE = e; bestD = d; }
  }
  if (bestD > 0 && out.every((d) => Math.abs(d - bestD) > 2)) out.push(bestD);
  // gap
  const gapLen = Math.max(2, Math.round(h * 0.025));
  let content = false, pure = 0;
  for (let i = 0; i < Math.min(n, Math.floor(h * 0.4)); i++) {
    if (f[i] >= 0.97) {
      if (content && ++pure >= gapLen) {
        let d = i + 1;
        while (d < n && f[d] >= 0.97) d++;
        if (d <= h * 0.4 && bandLike(d) && out.every((o) => Math.abs(o - d) > 2)) out.push(d);
        break;
      }
    } else { content = true; pure = 0; }
  }
  return out;
}

/**
 * Candidate numbers of rows of bands (meme caption bands, the app UI above and below a picture in a
 * feed screenshot) to cut from the top and the bottom of `box`. Band colours are the frame's outer
 * background colours on that side.
 */
export function bandCut(g: Gray, frame: Box, box: Box): { top: number[]; bottom: number[] } {
  return {
    top: bandDepths(g, box, outerColours(g, frame, true), true),
    bottom: bandDepths(g, box, outerColours(g, frame, false), false),
  };
}

export function boxArea(b: Box): number {
  return (b.x1 - b.x0) * (b.y1 - b.y0);
}

/** Intersection over union of two boxes. */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const i = ix * iy;
  return i / (boxArea(a) + boxArea(b) - i);
}

export interface PictureBoxes {
  /** The whole image. */
  frame: Box;
  /** Uniform borders trimmed (null when that changes nothing much). */
  trimmed: Box | null;
  /** Other trims, for queries: one pass only (padding but not the picture's own flat background),
   *  and a loose trim that tolerates a watermark or handle running into the padding. */
  trimAlts: Box[];
  /** Caption / UI bands cut off the trimmed frame: both ends, the top only, the bottom only. */
  cuts: Box[];
}

/** The rectangles the picture may occupy; null when the image is (almost) uniform. */
export function pictureBoxes(g: Gray): PictureBoxes | null {
  const frame = fullBox(g);
  const trimmed = trimUniform(g, frame);
  if (!trimmed) return null;
  const seen: Box[] = [frame];
  const t = iou(frame, trimmed) < 0.9 ? trimmed : null;
  if (t) seen.push(t);
  const trimAlts: Box[] = [];
  for (const alt of [trimUniform(g, frame, 0.12, { passes: 1 }), trimUniform(g, frame, 0.12, { frac: LOOSE_FRAC })]) {
    if (alt && seen.every((o) => iou(o, alt) < 0.9)) { seen.push(alt); trimAlts.push(alt); }
  }
  const cuts: Box[] = [];
  const { top, bottom } = bandCut(g, frame, trimmed);
  const h = trimmed.y1 - trimmed.y0;
  const pairs: [number, number][] = [];
  if (top.length > 0 && bottom.length > 0) pairs.push([top[0], bottom[0]]);
  for (const t of top) pairs.push([t, 0]);
  for (const b of bottom) pairs.push([0, b]);
  for (const [a, b] of pairs) {
    if (cuts.length >= MAX_CUTS || h - a - b < 0.2 * h) continue;
    const c = trimUniform(g, { x0: trimmed.x0, y0: trimmed.y0 + a, x1: trimmed.x1, y1: trimmed.y1 - b }, 0.08);
    if (c && seen.every((o) => iou(o, c) < 0.9)) { seen.push(c); cuts.push(c); }
  }
  return { frame, trimmed: t, trimAlts, cuts };
}

/** Candidate picture rectangles for a query, most likely first, near-duplicates removed. */
export function candidateBoxes(g: Gray): Box[] {
  const p = pictureBoxes(g);
  if (!p) return [];
  return [p.frame, ...(p.trimmed ? [p.trimmed] : []), ...p.cuts, ...p.trimAlts].slice(0, MAX_CANDIDATES);
}
