/**
 * Stage 1 of the engine: normalise any decoded RGBA image to a small grayscale working image.
 *
 * Alpha is flattened onto white, colour is reduced to luma, and the image is area-resampled
 * (exact box filter with fractional pixel coverage) so the longer side is at most WORK_MAX_SIDE.
 * Only +, −, ×, ÷ on doubles are used, so Node, Chromium and Firefox compute identical values.
 */
import type { RgbaImage } from '../image.ts';

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
let accScratch = new Float64Array(0), accRScratch = new Float64Array(0), accBScratch = new Float64Array(0);

/** Longer side of the working image. */
export const WORK_MAX_SIDE = 192;

/** A single-channel image, values 0..255 (not rounded). */
export interface Gray {
  width: number;
  height: number;
  px: Float64Array;
  /** Colour differences R − Y and B − Y (−255..255), for telling a picture from its surroundings. */
  cr?: Float64Array;
  cb?: Float64Array;
}

/** Axis-aligned rectangle in working-image pixels (fractional allowed): [x0, x1) × [y0, y1). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Weights for resampling n source samples over [from, to) into m output samples (area average).
 * Returns for each output index the first source index and its coverage weights.
 */
function areaWeights(n: number, from: number, to: number, m: number): { start: Int32Array; count: Int32Array; w: Float64Array; stride: number } {
  const step = (to - from) / m;
  const stride = Math.ceil(step) + 2;
  const start = new Int32Array(m);
  const count = new Int32Array(m);
  const w = new Float64Array(m * stride);
  for (let o = 0; o < m; o++) {
    const a = from + o * step;
    const b = a + step;
    let s = Math.floor(a);
    if (s < 0) s = 0;
    let e = Math.ceil(b);
    if (e > n) e = n;
    start[o] = s;
    count[o] = e - s;
    let total = 0;
    for (let i = s; i < e; i++) {
      const lo = i > a ? i : a;
      const hi = i + 1 < b ? i + 1 : b;
      const cov = hi > lo ? hi - lo : 0;
      w[o * stride + (i - s)] = cov;
      total += cov;
    }
    if (total > 0) for (let i = 0; i < e - s; i++) w[o * stride + i] /= total;
  }
  return { start, count, w, stride };
}

/** The working size for a width × height image. */
export function workSize(width: number, height: number, maxSide = WORK_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Luma of the RGBA image (integer weights 77/150/29), alpha flattened onto white, box-filtered to
 * the working size: source pixel (x, y) goes to output bin (⌊x·w/W⌋, ⌊y·h/H⌋) and every bin is the
 * mean of its pixels. Sums are exact integers in doubles, so every engine gets identical values.
 * The colour differences (R − Y, B − Y) are averaged over even rows only.
 */
export function toWorkingGray(img: RgbaImage, maxSide = WORK_MAX_SIDE): Gray {
  const { width: W, height: H, data } = img;
  const { width: w, height: h } = workSize(W, H, maxSide);
  // Columns of one bin are consecutive: colStart[b] .. colStart[b + 1].
  const colStart = new Int32Array(w + 1);
  const colCount = new Float64Array(w);
  for (let x = 0; x < W; x++) colCount[Math.floor((x * w) / W)]++;
  for (let b = 0; b < w; b++) colStart[b + 1] = colStart[b] + colCount[b];
  const rowCount = new Float64Array(h);
  for (let y = 0; y < H; y++) rowCount[Math.floor((y * h) / H)]++;
  // Accumulators are reused between calls (zeroed here): allocating ~1 MB per image showed up as GC.
  if (accScratch.length < w * h) { accScratch = new Float64Array(w * h); accRScratch = new Float64Array(w * h); accBScratch = new Float64Array(w * h); }
  const acc = accScratch, accR = accRScratch, accB = accBScratch;
  acc.fill(0, 0, w * h); accR.fill(0, 0, w * h); accB.fill(0, 0, w * h);
  const chromaRows = new Float64Array(h);
  // Read each pixel as one 32-bit word when the platform allows it (same values, fewer loads).
  const d32 = LITTLE_ENDIAN && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, W * H) : null;
  const px32 = d32 ?? new Uint32Array(W);
  for (let y = 0; y < H; y++) {
    const r = Math.floor((y * h) / H) * w;
    const chroma = (y & 1) === 0; // colour differences only steer band detection: even rows suffice
    if (chroma) chromaRows[Math.floor((y * h) / H)]++;
    let i0 = y * W;
    if (!d32) {
      for (let x = 0, p = i0 * 4; x < W; x++, p += 4) px32[x] = (data[p] | (data[p + 1] << 8) | (data[p + 2] << 16) | (data[p + 3] << 24)) >>> 0;
      i0 = 0;
    }
    // Each bin's pixels are summed in locals and stored once: adding into the array per pixel made
    // every pixel wait for the previous one's store. The sums are exact integers, so order is free.
    for (let b = 0; b < w; b++) {
      let sl = 0, sr = 0, sb = 0;
      for (let x = colStart[b], end = colStart[b + 1]; x < end; x++) {
        const v = px32[i0 + x];
        let R = v & 255, G = (v >>> 8) & 255, B = (v >>> 16) & 255;
        const a = v >>> 24;
        if (a !== 255) {
          R = Math.round((R * a + 255 * (255 - a)) / 255);
          G = Math.round((G * a + 255 * (255 - a)) / 255);
          B = Math.round((B * a + 255 * (255 - a)) / 255);
        }
        const l = 77 * R + 150 * G + 29 * B;
        sl += l;
        sr += 256 * R - l;
        sb += 256 * B - l;
      }
      acc[r + b] += sl;
      if (chroma) { accR[r + b] += sr; accB[r + b] += sb; }
    }
  }
  const px = new Float64Array(w * h);
  const cr = new Float64Array(w * h);
  const cb = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      px[i] = acc[i] / (256 * colCount[x] * rowCount[y]);
      const nc = 256 * colCount[x] * chromaRows[y];
      if (nc > 0) { cr[i] = accR[i] / nc; cb[i] = accB[i] / nc; }
    }
  }
  return { width: w, height: h, px, cr, cb };
}

let scratch = new Float64Array(64 * 256);

/** Area-resample the box of g to an outW × outH grid. */
export function resampleBox(g: Gray, box: Box, outW: number, outH: number, mirror = false): Float64Array {
  const hx = areaWeights(g.width, box.x0, box.x1, outW);
  const vy = areaWeights(g.height, box.y0, box.y1, outH);
  const need = outW * (Math.ceil(box.y1) - Math.floor(box.y0) + 1);
  if (scratch.length < need) scratch = new Float64Array(need);
  const tmp = scratch; // every entry read below is written first
  const src = g.px, width = g.width;
  const hStart = hx.start, hCount = hx.count, hW = hx.w, hStride = hx.stride;
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.min(g.height, Math.ceil(box.y1));
  for (let y = y0; y < y1; y++) {
    const t = (y - y0) * outW;
    for (let o = 0; o < outW; o++) {
      const p = y * width + hStart[o], c = hCount[o], off = o * hStride;
      let acc = 0;
      for (let i = 0; i < c; i++) acc += src[p + i] * hW[off + i];
      tmp[t + (mirror ? outW - 1 - o : o)] = acc;
    }
  }
  const out = new Float64Array(outW * outH);
  const vStart = vy.start, vCount = vy.count, vW = vy.w, vStride = vy.stride;
  for (let o = 0; o < outH; o++) {
    const s = vStart[o], c = vCount[o], off = o * vStride, row = o * outW;
    for (let i = 0; i < c; i++) {
      const wt = vW[off + i];
      if (wt === 0) continue;
      const t = (s + i - y0) * outW;
      for (let x = 0; x < outW; x++) out[row + x] += tmp[t + x] * wt;
    }
  }
  return out;
}

/**
 * The box rotated by `deg` degrees about its centre, keeping the largest same-aspect rectangle that
 * has no corners outside the box (what a "rotate, then crop the corners away" repost shows).
 * Bilinear sampling; sin/cos are rounded so every engine gets identical values.
 */
export function rotatedView(g: Gray, box: Box, deg: number): Gray {
  const rad = (deg * Math.PI) / 180;
  const cos = Math.round(Math.cos(rad) * 1e9) / 1e9;
  const sin = Math.round(Math.sin(rad) * 1e9) / 1e9;
  const bw = box.x1 - box.x0, bh = box.y1 - box.y0;
  const as = Math.abs(sin);
  const scale = Math.min(bw / (bw * cos + bh * as), bh / (bw * as + bh * cos));
  const w = Math.max(1, Math.round(bw)), h = Math.max(1, Math.round(bh));
  const cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
  const sx = (bw * scale) / w, sy = (bh * scale) / h;
  const px = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const dy = (y + 0.5 - h / 2) * sy;
    for (let x = 0; x < w; x++) {
      const dx = (x + 0.5 - w / 2) * sx;
      const fx = Math.min(g.width - 1, Math.max(0, cx + cos * dx - sin * dy - 0.5));
      const fy = Math.min(g.height - 1, Math.max(0, cy + sin * dx + cos * dy - 0.5));
      const ix = Math.min(g.width - 2, Math.floor(fx)), iy = Math.min(g.height - 2, Math.floor(fy));
      const ax = fx - ix, ay = fy - iy;
      const p = iy * g.width + ix;
      const top = g.px[p] * (1 - ax) + g.px[p + 1] * ax;
      const bot = g.px[p + g.width] * (1 - ax) + g.px[p + g.width + 1] * ax;
      px[y * w + x] = top * (1 - ay) + bot * ay;
    }
  }
  return { width: w, height: h, px };
}
