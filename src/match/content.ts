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

function median(values: Float64Array, n: number): number {
  const a = values.slice(0, n).sort();
  return n === 0 ? 0 : (a[(n - 1) >> 1] + a[n >> 1]) / 2;
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
export function trimUniform(g: Gray, box: Box, minFrac = 0.12): Box | null {
  let { x0, y0, x1, y1 } = box;
  const minW = Math.max(4, Math.round(g.width * minFrac));
  const minH = Math.max(4, Math.round(g.height * minFrac));
  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    // top
    if (y1 - y0 > minH) {
      const c = rowMedian(g, y0, x0, x1);
      while (y1 - y0 > minH && rowFrac(g, y0, x0, x1, c, UNIFORM_TOL) >= UNIFORM_FRAC) { y0++; changed = true; }
    }
    if (y1 - y0 > minH) {
      const c = rowMedian(g, y1 - 1, x0, x1);
      while (y1 - y0 > minH && rowFrac(g, y1 - 1, x0, x1, c, UNIFORM_TOL) >= UNIFORM_FRAC) { y1--; changed = true; }
    }
    if (x1 - x0 > minW) {
      const c = colMedian(g, x0, y0, y1);
      while (x1 - x0 > minW && colFrac(g, x0, y0, y1, c, UNIFORM_TOL) >= UNIFORM_FRAC) { x0++; changed = true; }
    }
    if (x1 - x0 > minW) {
      const c = colMedian(g, x1 - 1, y0, y1);
      while (x1 - x0 > minW && colFrac(g, x1 - 1, y0, y1, c, UNIFORM_TOL) >= UNIFORM_FRAC) { x1--; changed = true; }
    }
    if (!changed) break;
  }
  if (x1 - x0 <= minW || y1 - y0 <= minH) return null;
  return { x0, y0, x1, y1 };
}

/** Rows at the top of `box` that form a band (caption, app UI) in colour c, or 0 when there is none. */
function bandDepth(g: Gray, box: Box, c: number, fromTop: boolean): number {
  const h = box.y1 - box.y0;
  const run = Math.max(3, Math.round(h * 0.04));
  const maxDepth = Math.floor(h * 0.5);
  let bandRows = 0;
  let clear = 0; // consecutive picture-like rows seen
  for (let i = 0; i < maxDepth + run; i++) {
    const y = fromTop ? box.y0 + i : box.y1 - 1 - i;
    const f = rowFrac(g, y, box.x0, box.x1, c, BAND_TOL);
    if (f < PICTURE_FRAC) {
      clear++;
      if (clear >= run) {
        const depth = i + 1 - run;
        // Everything before the picture must look like a band: mostly rows of the band colour.
        return depth > 0 && bandRows >= depth * 0.5 ? depth : 0;
      }
    } else {
      clear = 0;
      if (f >= BAND_FRAC) bandRows++;
    }
  }
  return 0;
}

/**
 * The picture between bands of the frame's outer colours at the top and bottom (meme caption
 * bands, the app UI above and below a picture in a feed screenshot), or null when there is none.
 * A band is a run of rows where at least BAND_FRAC is the outer colour, ending where rows with less
 * than PICTURE_FRAC of it begin.
 */
export function bandCut(g: Gray, frame: Box, box: Box): Box | null {
  const cTop = rowMedian(g, frame.y0, frame.x0, frame.x1);
  const cBot = rowMedian(g, frame.y1 - 1, frame.x0, frame.x1);
  const top = bandDepth(g, box, cTop, true);
  const bottom = bandDepth(g, box, cBot, false);
  if (top === 0 && bottom === 0) return null;
  const h = box.y1 - box.y0;
  if (h - top - bottom < 0.2 * h) return null;
  return { x0: box.x0, y0: box.y0 + top, x1: box.x1, y1: box.y1 - bottom };
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
  /** Caption / UI bands cut off the trimmed frame (null when there are none). */
  cut: Box | null;
}

/** The rectangles the picture may occupy; null when the image is (almost) uniform. */
export function pictureBoxes(g: Gray): PictureBoxes | null {
  const frame = fullBox(g);
  const trimmed = trimUniform(g, frame);
  if (!trimmed) return null;
  const band = bandCut(g, frame, trimmed);
  let cut = band ? trimUniform(g, band, 0.08) : null;
  const t = iou(frame, trimmed) < 0.9 ? trimmed : null;
  if (cut && (iou(cut, frame) >= 0.9 || (t && iou(cut, t) >= 0.9))) cut = null;
  return { frame, trimmed: t, cut };
}

/** Candidate picture rectangles for a query, most likely first, near-duplicates removed. */
export function candidateBoxes(g: Gray): Box[] {
  const p = pictureBoxes(g);
  if (!p) return [];
  return [p.frame, p.trimmed, p.cut].filter((b): b is Box => b !== null);
}
