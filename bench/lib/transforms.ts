/**
 * The ways a repost alters an image, generated with sharp for the accuracy bench.
 *
 * Every family takes the original file bytes and a seeded random source and returns the bytes of
 * the repost (JPEG/WebP, as a site would serve it). Parameters are drawn from ranges wider than a
 * single value so the bench measures the general case, not one setting.
 */
import sharp from 'sharp';

export type Rng = () => number;

/** Small deterministic PRNG (mulberry32): 32-bit unsigned integers, the same sequence everywhere. */
export function rng32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** rng32 scaled to [0, 1), so every run builds the same reposts. */
export function rng(seed: number): Rng {
  const next = rng32(seed);
  return () => next() / 4294967296;
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const between = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length) % xs.length];

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

async function raw(input: Buffer | ReturnType<typeof sharp>): Promise<Raw> {
  const s = Buffer.isBuffer(input) ? sharp(input).rotate() : input;
  const { data, info } = await s.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) {
    // sharp keeps greyscale pipelines single-channel: expand to RGB.
    const rgb = Buffer.alloc(info.width * info.height * 3);
    for (let i = 0; i < info.width * info.height; i++) rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = data[i * info.channels];
    return { data: rgb, width: info.width, height: info.height };
  }
  return { data, width: info.width, height: info.height };
}

const fromRaw = (r: Raw) => sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } });

async function encode(r: Raw, rand: Rng, opts: { quality?: [number, number]; webp?: boolean } = {}): Promise<Buffer> {
  const [lo, hi] = opts.quality ?? [70, 90];
  const quality = Math.round(between(rand, lo, hi));
  const s = fromRaw(r);
  return opts.webp ? s.webp({ quality }).toBuffer() : s.jpeg({ quality }).toBuffer();
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WORDS = ['when', 'the', 'cat', 'finally', 'sees', 'monday', 'me', 'explaining', 'my', 'art', 'to', 'nobody',
  'this', 'is', 'fine', 'wait', 'for', 'it', 'nobody:', 'literally', 'every', 'time', 'POV', 'you', 'forgot', 'again'];
const HANDLES = ['@reposter', '@daily.memes', '@artfeed_22', 'memezone.net', '@pics', '© funny_pics', 'u/karma_farmer'];

function sentence(r: Rng, n: number): string {
  return Array.from({ length: n }, () => pick(r, WORDS)).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Geometric helpers

async function cropFrac(r: Raw, left: number, top: number, right: number, bottom: number): Promise<Raw> {
  const l = Math.round(r.width * left);
  const t = Math.round(r.height * top);
  const w = Math.max(8, Math.round(r.width * (1 - left - right)));
  const h = Math.max(8, Math.round(r.height * (1 - top - bottom)));
  return raw(fromRaw(r).extract({ left: l, top: t, width: Math.min(w, r.width - l), height: Math.min(h, r.height - t) }));
}

async function resizeTo(r: Raw, maxSide: number): Promise<Raw> {
  return raw(fromRaw(r).resize(maxSide, maxSide, { fit: 'inside' }));
}

type Colour = { r: number; g: number; b: number };
const BLACK: Colour = { r: 0, g: 0, b: 0 };
const WHITE: Colour = { r: 255, g: 255, b: 255 };

// ---------------------------------------------------------------------------------------------
// Families

export type Family = (input: Buffer, r: Rng) => Promise<Buffer>;

/** Low-quality JPEG/WebP re-encoding, often after downscaling to a thumbnail. */
const reencode: Family = async (input, r) => {
  let img = await raw(input);
  if (r() < 0.6) img = await resizeTo(img, Math.round(between(r, 120, 260)));
  return encode(img, r, { quality: [25, 50], webp: r() < 0.5 });
};

/** Centred crop keeping 80–92 % of each side. */
const cropCentre: Family = async (input, r) => {
  const keep = between(r, 0.8, 0.92);
  const m = (1 - keep) / 2;
  return encode(await cropFrac(await raw(input), m, m, m, m), r);
};

/** One edge cut off, 8–30 %. */
const cropEdge: Family = async (input, r) => {
  const cut = between(r, 0.08, 0.3);
  const side = Math.floor(r() * 4);
  const c = [0, 0, 0, 0];
  c[side] = cut;
  return encode(await cropFrac(await raw(input), c[0], c[1], c[2], c[3]), r);
};

/** Letterbox / pillarbox to a square (or to 16:9 / 4:5 when the image is already square), black or white. */
const padSquare: Family = async (input, r) => {
  const img = await raw(input);
  const bg = r() < 0.5 ? BLACK : WHITE;
  let W = Math.max(img.width, img.height);
  let H = W;
  if (Math.abs(img.width - img.height) < 0.1 * Math.max(img.width, img.height)) {
    if (r() < 0.5) { W = Math.round(img.height * 16 / 9); H = img.height; } else { W = img.width; H = Math.round(img.width * 5 / 4); }
  }
  const left = Math.floor((W - img.width) / 2);
  const top = Math.floor((H - img.height) / 2);
  const out = await raw(fromRaw(img).extend({ left, right: W - img.width - left, top, bottom: H - img.height - top, background: bg }));
  return encode(out, r);
};

/** A border or a frame (two nested bands of colour). */
const border: Family = async (input, r) => {
  const img = await raw(input);
  const colours: Colour[] = [BLACK, WHITE, { r: 200, g: 30, b: 40 }, { r: 240, g: 230, b: 200 }, { r: 40, g: 60, b: 120 }, { r: 128, g: 128, b: 128 }];
  const outer = pick(r, colours);
  const side = Math.max(img.width, img.height);
  const w1 = Math.max(2, Math.round(side * between(r, 0.03, 0.12)));
  let s = fromRaw(img);
  if (r() < 0.5) {
    const inner = pick(r, colours.filter((c) => c !== outer));
    const w0 = Math.max(1, Math.round(side * between(r, 0.005, 0.02)));
    s = fromRaw(await raw(s.extend({ left: w0, right: w0, top: w0, bottom: w0, background: inner })));
  }
  return encode(await raw(s.extend({ left: w1, right: w1, top: w1, bottom: w1, background: outer })), r);
};

/** Meme caption: a text band above or below (white with black text, or black with white text). */
const caption: Family = async (input, r) => {
  const img = await raw(input);
  const dark = r() < 0.3;
  const bandH = Math.round(img.height * between(r, 0.12, 0.3));
  const lines = bandH > img.height * 0.2 ? 2 : 1;
  const fontSize = Math.round(Math.min(bandH / (lines + 0.8), img.width / 14));
  const above = r() < 0.6;
  const text = Array.from({ length: lines }, (_, i) =>
    `<text x="50%" y="${Math.round(bandH * (i + 1) / (lines + 1) + fontSize * 0.35)}" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="${fontSize}" fill="${dark ? '#fff' : '#111'}">${escapeXml(sentence(r, 3 + Math.floor(r() * 3)))}</text>`).join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${img.width}" height="${bandH}"><rect width="100%" height="100%" fill="${dark ? '#000' : '#fff'}"/>${text}</svg>`);
  const out = await raw(fromRaw(img)
    .extend({ top: above ? bandH : 0, bottom: above ? 0 : bandH, left: 0, right: 0, background: dark ? BLACK : WHITE })
    .composite([{ input: svg, top: above ? 0 : img.height, left: 0 }]));
  return encode(out, r);
};

const mirror: Family = async (input, r) => encode(await raw(sharp(input).rotate().flop()), r);

/** Small rotation (1.5–5°, either way) with the corners cropped away. */
const rotate: Family = async (input, r) => {
  const img = await raw(input);
  const deg = between(r, 1.5, 5) * (r() < 0.5 ? -1 : 1);
  const rad = Math.abs(deg) * Math.PI / 180;
  const rot = await raw(fromRaw(img).rotate(deg, { background: BLACK }));
  // Largest axis-aligned rectangle of the same aspect inside the rotated frame.
  const { width: w, height: h } = img;
  const cos = Math.cos(rad), sin = Math.sin(rad);
  const scale = Math.min(w / (w * cos + h * sin), h / (w * sin + h * cos));
  const cw = Math.floor(w * scale) - 2, ch = Math.floor(h * scale) - 2;
  const left = Math.floor((rot.width - cw) / 2), top = Math.floor((rot.height - ch) / 2);
  return encode(await raw(fromRaw(rot).extract({ left, top, width: cw, height: ch })), r);
};

/** Overlaid watermark text, a handle in a corner and/or a logo. */
const watermark: Family = async (input, r) => {
  const img = await raw(input);
  const { width: W, height: H } = img;
  const parts: string[] = [];
  const handle = escapeXml(pick(r, HANDLES));
  const kind = Math.floor(r() * 3);
  if (kind === 0 || kind === 2) {
    // Large diagonal semi-transparent text across the middle.
    const fs = Math.round(W / between(r, 7, 10));
    parts.push(`<text x="${W / 2}" y="${H / 2}" transform="rotate(${Math.round(between(r, -35, 35))} ${W / 2} ${H / 2})" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${fs}" fill="#fff" fill-opacity="${between(r, 0.3, 0.6).toFixed(2)}" stroke="#000" stroke-opacity="0.3">${handle}</text>`);
  }
  if (kind === 1 || kind === 2) {
    // Handle in a corner with a small round logo.
    const fs = Math.round(W / between(r, 14, 20));
    const right = r() < 0.5;
    const y = r() < 0.7 ? H - fs * 0.8 : fs * 1.4;
    const x = right ? W - fs * 0.6 : fs * 2.2;
    parts.push(`<circle cx="${right ? W - fs * 0.6 - handle.length * fs * 0.62 - fs : fs}" cy="${y - fs * 0.35}" r="${fs * 0.7}" fill="#e33" fill-opacity="0.85"/>`);
    parts.push(`<text x="${x}" y="${y}" text-anchor="${right ? 'end' : 'start'}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${fs}" fill="#fff" fill-opacity="0.9" stroke="#000" stroke-width="1">${handle}</text>`);
  }
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('')}</svg>`);
  return encode(await raw(fromRaw(img).composite([{ input: svg, top: 0, left: 0 }])), r);
};

/** Colour filters, grayscale, contrast / gamma, blur. */
const colour: Family = async (input, r) => {
  let s = sharp(input).rotate();
  const kind = Math.floor(r() * 6);
  switch (kind) {
    case 0: s = s.grayscale(); break;
    case 1: s = s.modulate({ hue: Math.round(between(r, 20, 90)), saturation: between(r, 0.6, 1.6) }); break;
    case 2: { const a = between(r, 1.2, 1.6); s = s.linear(a, -128 * (a - 1) + between(r, -15, 15)); break; }
    case 3: s = s.gamma(between(r, 1.6, 2.6)); break;
    case 4: s = s.blur(between(r, 1, 2.5)); break;
    default: s = s.recomb([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]]); break; // sepia
  }
  if (r() < 0.3) s = s.modulate({ brightness: between(r, 0.8, 1.2) });
  return encode(await raw(s), r);
};

/** The image inside a screenshot of a phone feed, light or dark UI. */
export async function screenshotOf(imgIn: Raw, r: Rng): Promise<Raw> {
  const dark = r() < 0.4;
  const W = Math.round(between(r, 360, 540));
  const H = Math.round(W * between(r, 1.9, 2.17));
  const bg = dark ? (r() < 0.5 ? '#000000' : '#15202b') : '#ffffff';
  const fg = dark ? '#e7e9ea' : '#0f1419';
  const sub = dark ? '#71767b' : '#536471';
  const margin = r() < 0.6 ? 0 : Math.round(W * between(r, 0.03, 0.08));
  const imgW = W - 2 * margin;
  const img = await resizeTo(imgIn, Math.max(imgW, 1));
  const scaled = await raw(fromRaw(img).resize(imgW, Math.round(imgW * img.height / img.width)));
  const maxImgH = Math.round(H * 0.62);
  const shown = scaled.height > maxImgH ? await raw(fromRaw(scaled).resize(Math.round(imgW * maxImgH / scaled.height), maxImgH)) : scaled;
  const statusH = Math.round(W * 0.07);
  const headerH = Math.round(W * 0.13);
  const postHeadH = Math.round(W * between(r, 0.14, 0.2));
  const imgTop = statusH + headerH + postHeadH;
  const imgLeft = Math.round((W - shown.width) / 2);
  const fs = Math.round(W * 0.04);
  const ui: string[] = [];
  ui.push(`<rect width="100%" height="100%" fill="${bg}"/>`);
  ui.push(`<text x="${W * 0.05}" y="${statusH * 0.7}" font-family="DejaVu Sans" font-size="${fs * 0.9}" fill="${fg}">9:41</text>`);
  ui.push(`<rect x="${W * 0.8}" y="${statusH * 0.3}" width="${W * 0.12}" height="${statusH * 0.4}" rx="3" fill="${fg}"/>`);
  ui.push(`<text x="${W / 2}" y="${statusH + headerH * 0.65}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${fs * 1.3}" fill="${fg}">${pick(r, ['Home', 'Feed', 'For you', 'Picstagram'])}</text>`);
  ui.push(`<line x1="0" y1="${statusH + headerH - 1}" x2="${W}" y2="${statusH + headerH - 1}" stroke="${sub}" stroke-width="1"/>`);
  const av = postHeadH * 0.32;
  ui.push(`<circle cx="${W * 0.04 + av}" cy="${statusH + headerH + postHeadH / 2}" r="${av}" fill="${pick(r, ['#e0245e', '#1d9bf0', '#794bc4', '#f91880', '#00ba7c'])}"/>`);
  ui.push(`<text x="${W * 0.06 + 2 * av}" y="${statusH + headerH + postHeadH * 0.45}" font-family="DejaVu Sans" font-weight="bold" font-size="${fs}" fill="${fg}">${escapeXml(pick(r, HANDLES))}</text>`);
  ui.push(`<text x="${W * 0.06 + 2 * av}" y="${statusH + headerH + postHeadH * 0.75}" font-family="DejaVu Sans" font-size="${fs * 0.85}" fill="${sub}">${escapeXml(sentence(r, 4))}</text>`);
  let y = imgTop + shown.height + fs * 1.8;
  ui.push(`<text x="${W * 0.05}" y="${y}" font-family="DejaVu Sans" font-size="${fs * 1.2}" fill="${sub}">♡ ${Math.floor(r() * 900)}    ↻ ${Math.floor(r() * 99)}    ✉</text>`);
  y += fs * 1.8;
  for (let i = 0; i < 3 && y < H - W * 0.2; i++, y += fs * 1.5) {
    ui.push(`<text x="${W * 0.05}" y="${y}" font-family="DejaVu Sans" font-size="${fs}" fill="${fg}">${escapeXml(sentence(r, 5))}</text>`);
  }
  const navH = Math.round(W * 0.14);
  ui.push(`<rect x="0" y="${H - navH}" width="${W}" height="${navH}" fill="${dark ? '#16181c' : '#f7f9f9'}"/>`);
  for (let i = 0; i < 5; i++) ui.push(`<circle cx="${W * (0.1 + i * 0.2)}" cy="${H - navH / 2}" r="${navH * 0.2}" fill="${sub}"/>`);
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${ui.join('')}</svg>`);
  const shot = sharp(svg).composite([{ input: await fromRaw(shown).png().toBuffer(), top: imgTop, left: imgLeft }]);
  return raw(sharp(await shot.png().toBuffer()));
}

const screenshot: Family = async (input, r) => {
  const shot = await screenshotOf(await raw(input), r);
  return encode(shot, r, { quality: [70, 92], webp: r() < 0.3 });
};

/** Several families chained, as reposts usually are. */
const combo: Family = async (input, r) => {
  const steps: Family[] = [];
  const options: Family[][] = [
    [cropCentre, mirror, reencode],
    [cropEdge, caption],
    [mirror, watermark, colour],
    [rotate, border],
    [padSquare, watermark],
    [cropEdge, screenshot],
    [colour, caption, reencode],
    [mirror, cropEdge, padSquare],
  ];
  steps.push(...pick(r, options));
  let buf = input;
  for (const step of steps) buf = await step(buf, r);
  return buf;
};

export const FAMILIES: Record<string, Family> = {
  reencode,
  'crop-centre': cropCentre,
  'crop-edge': cropEdge,
  'pad-square': padSquare,
  border,
  caption,
  mirror,
  rotate,
  watermark,
  colour,
  screenshot,
  combo,
};
