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
const BAND_FRAC = 0.4;

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

/**
 * The longest run of picture rows inside `box`, where a row is background when at least BAND_FRAC
 * of it is within BAND_TOL of the colour of the outer top (or bottom) row of the frame. Returns
 * null when no band was found (the run is the whole box) or the run is too short to be the picture.
 */
export function contentRun(g: Gray, frame: Box, box: Box): Box | null {
  const cTop = rowMedian(g, frame.y0, frame.x0, frame.x1);
  const cBot = rowMedian(g, frame.y1 - 1, frame.x0, frame.x1);
  const h = box.y1 - box.y0;
  const isPicture = new Uint8Array(h);
  for (let y = box.y0; y < box.y1; y++) {
    const f = Math.max(rowFrac(g, y, box.x0, box.x1, cTop, BAND_TOL), cBot === cTop ? 0 : rowFrac(g, y, box.x0, box.x1, cBot, BAND_TOL));
    isPicture[y - box.y0] = f < BAND_FRAC ? 1 : 0;
  }
  const maxGap = Math.max(2, Math.round(h * 0.03));
  let best = { a: 0, b: 0 };
  let a = -1, lastPic = -1;
  for (let i = 0; i <= h; i++) {
    const pic = i < h && isPicture[i] === 1;
    if (pic) {
      if (a < 0) a = i;
      else if (i - lastPic - 1 > maxGap) {
        if (lastPic + 1 - a > best.b - best.a) best = { a, b: lastPic + 1 };
        a = i;
      }
      lastPic = i;
    } else if (i === h && a >= 0) {
      if (lastPic + 1 - a > best.b - best.a) best = { a, b: lastPic + 1 };
    }
  }
  const len = best.b - best.a;
  if (len < 0.2 * h || len > 0.96 * h) return null;
  return { x0: box.x0, y0: box.y0 + best.a, x1: box.x1, y1: box.y0 + best.b };
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

/** Candidate picture rectangles, most likely first, near-duplicates removed. */
export function candidateBoxes(g: Gray): Box[] {
  const frame = fullBox(g);
  const trimmed = trimUniform(g, frame);
  if (!trimmed) return [];
  const out: Box[] = [trimmed];
  const run = contentRun(g, frame, trimmed);
  if (run) {
    const t = trimUniform(g, run, 0.08);
    if (t && out.every((b) => iou(b, t) < 0.9)) out.push(t);
  }
  return out;
}
