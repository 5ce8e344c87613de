import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFile } from '../../../src/node/decode.ts';
import { ENGINE_VERSION, fingerprintQuery, fingerprintWork, isCurrentFingerprint, MatchIndex, packViews, upgradeFingerprint, viewCount, VIEW_BYTES } from '../../../src/match/index.ts';
import { bytesToBase64 } from '../../../src/match/codec.ts';
import type { RgbaImage } from '../../../src/image.ts';
import { rng, screenshotOf } from '../../../bench/lib/transforms.ts';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'match');
const REGISTERED = ['portrait-0001', 'skyart-0159', 'skimage-0208', 'skyart-0204'];
const UNRELATED = ['portrait-0061', 'skimage-0221'];
const file = (id: string) => join(DIR, `${id}.jpg`);

type Transform = (path: string) => Promise<Buffer>;
const meta = async (p: string) => { const m = await sharp(p).metadata(); return { w: m.width!, h: m.height! }; };
const jpeg = (s: ReturnType<typeof sharp>) => s.jpeg({ quality: 80 }).toBuffer();

const TRANSFORMS: Record<string, Transform> = {
  'thumbnail, JPEG q30': (p) => sharp(p).resize(150).jpeg({ quality: 30 }).toBuffer(),
  'WebP q35': (p) => sharp(p).webp({ quality: 35 }).toBuffer(),
  'centred crop to 85%': async (p) => { const { w, h } = await meta(p); return jpeg(sharp(p).extract({ left: Math.round(w * 0.075), top: Math.round(h * 0.075), width: Math.round(w * 0.85), height: Math.round(h * 0.85) })); },
  'top 25% cut off': async (p) => { const { w, h } = await meta(p); return jpeg(sharp(p).extract({ left: 0, top: Math.round(h * 0.25), width: w, height: h - Math.round(h * 0.25) })); },
  'pillarboxed to 16:9 in black': async (p) => { const { w, h } = await meta(p); const side = Math.round((h * 16 / 9 - w) / 2); return jpeg(sharp(p).extend({ left: side, right: side, background: '#000' })); },
  'letterboxed to 4:5 in white': async (p) => { const { w, h } = await meta(p); const pad = Math.round((w * 5 / 4 - h) / 2); return jpeg(sharp(p).extend({ top: pad, bottom: pad, background: '#fff' })); },
  'red frame': (p) => jpeg(sharp(p).extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#c81e28' })),
  'meme caption above': async (p) => {
    const { w, h } = await meta(p);
    const band = Math.round(h * 0.22);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${band}"><rect width="100%" height="100%" fill="#fff"/><text x="50%" y="${band * 0.62}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${Math.round(w / 14)}">when the art is yours</text></svg>`;
    return jpeg(sharp(p).extend({ top: band, background: '#fff' }).composite([{ input: Buffer.from(svg), top: 0, left: 0 }]));
  },
  mirrored: (p) => jpeg(sharp(p).flop()),
  'rotated 3° with corners cropped': async (p) => {
    const { w, h } = await meta(p);
    const rot = await sharp(p).rotate(3).png().toBuffer();
    const m = await sharp(rot).metadata();
    const s = 0.9;
    return jpeg(sharp(rot).extract({ left: Math.round((m.width! - w * s) / 2), top: Math.round((m.height! - h * s) / 2), width: Math.round(w * s), height: Math.round(h * s) }));
  },
  'handle watermark': async (p) => {
    const { w, h } = await meta(p);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><text x="${w - 8}" y="${h - 10}" text-anchor="end" font-family="DejaVu Sans" font-weight="bold" font-size="${Math.round(w / 16)}" fill="#fff" stroke="#000">@reposter</text></svg>`;
    return jpeg(sharp(p).composite([{ input: Buffer.from(svg), top: 0, left: 0 }]));
  },
  grayscale: (p) => jpeg(sharp(p).grayscale()),
  'gamma + contrast': (p) => jpeg(sharp(p).gamma(2.2).linear(1.3, -30)),
  'phone screenshot': async (p) => {
    const { data, info } = await sharp(p).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const shot = await screenshotOf({ data, width: info.width, height: info.height }, rng(7));
    return sharp(shot.data, { raw: { width: shot.width, height: shot.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  },
};

let index: MatchIndex;
beforeAll(async () => {
  const works = [];
  for (const id of REGISTERED) works.push({ id, fingerprint: fingerprintWork(await decodeFile(file(id))) });
  index = MatchIndex.of(works);
});

describe('engine on fixtures', () => {
  it('registers every fixture with several informative views', async () => {
    expect(index.size).toBe(REGISTERED.length);
    for (const id of REGISTERED) {
      const fp = fingerprintWork(await decodeFile(file(id)));
      expect(fp.engine).toBe(ENGINE_VERSION);
      expect(viewCount(fp)).toBeGreaterThan(10);
    }
  });

  for (const [name, transform] of Object.entries(TRANSFORMS)) {
    it(`finds the work in a repost: ${name}`, async () => {
      for (const id of REGISTERED) {
        const matches = index.match(fingerprintQuery(await decodeFile(await transform(file(id)))));
        expect(matches[0]?.workId, `${id} (${name})`).toBe(id);
        expect(matches.every((m) => m.workId === id), `${id} (${name}) matched another work`).toBe(true);
      }
    });
  }

  it('does not match unrelated images, transformed or not', async () => {
    for (const id of UNRELATED) {
      expect(index.match(fingerprintQuery(await decodeFile(file(id))))).toEqual([]);
      for (const [name, transform] of Object.entries(TRANSFORMS)) {
        expect(index.match(fingerprintQuery(await decodeFile(await transform(file(id))))), `${id} (${name})`).toEqual([]);
      }
    }
  });

  it('matches when the image was decoded differently (other resampling kernel and size)', async () => {
    for (const id of REGISTERED) {
      for (const [size, kernel] of [[256, 'nearest'], [300, 'cubic'], [200, 'mitchell']] as const) {
        const { data, info } = await sharp(file(id)).resize(size, size, { fit: 'inside', kernel }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        const img: RgbaImage = { width: info.width, height: info.height, data: new Uint8ClampedArray(data) };
        expect(index.match(fingerprintQuery(img))[0]?.workId, `${id} ${kernel} ${size}`).toBe(id);
      }
    }
  });

  it('reports the mirror and the view that matched', async () => {
    const m = index.match(fingerprintQuery(await decodeFile(await TRANSFORMS.mirrored(file('skimage-0208')))));
    expect(m[0]).toMatchObject({ workId: 'skimage-0208', mirrored: true });
    const plain = index.match(fingerprintQuery(await decodeFile(file('skimage-0208'))));
    expect(plain[0]).toMatchObject({ workId: 'skimage-0208', distance: 0, mirrored: false, view: 0 });
  });

  it('Node fingerprints equal test/fixtures/match/reference.json (what browsers must reproduce)', async () => {
    const ref = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8'));
    expect(ref.engine).toBe(ENGINE_VERSION);
    for (const [name, entry] of Object.entries<{ work: unknown; query: unknown }>(ref.fixtures)) {
      const img = await decodeFile(join(DIR, name));
      const work = fingerprintWork(img);
      expect({ engine: work.engine, views: bytesToBase64(work.views) }, name).toEqual(entry.work);
      expect(fingerprintQuery(img), name).toEqual(entry.query);
    }
  });
});

describe('MatchIndex and edge cases', () => {
  const flat = (w: number, h: number, v = 200): RgbaImage => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(v) });

  it('returns no matches (and does not throw) for flat, tiny and empty images', () => {
    for (const img of [flat(300, 200), flat(4, 4), flat(1, 1), flat(0, 0)]) {
      const q = fingerprintQuery(img);
      expect(q.hashes).toEqual([]);
      expect(index.match(q)).toEqual([]);
      expect(fingerprintWork(img).views).toEqual(new Uint8Array(0));
    }
  });

  it('ignores fingerprints of other engine versions', async () => {
    const fp = fingerprintWork(await decodeFile(file('skimage-0208')));
    const ix = MatchIndex.of([{ id: 'old', fingerprint: { ...fp, engine: 'rr-0' } }]);
    expect(isCurrentFingerprint({ ...fp, engine: 'rr-0' })).toBe(false);
    expect(ix.size).toBe(0);
    expect(ix.match(fingerprintQuery(await decodeFile(file('skimage-0208'))))).toEqual([]);
    expect(ix.match({ engine: 'rr-0', hashes: [] })).toEqual([]);
  });

  it('reads rr-3 fingerprints (one base64 string per view) as the same views', async () => {
    const img = await decodeFile(file('skimage-0208'));
    const fp = fingerprintWork(img);
    const perView = Array.from({ length: viewCount(fp) }, (_, v) => bytesToBase64(fp.views.subarray(v * VIEW_BYTES, (v + 1) * VIEW_BYTES)).slice(0, -2));
    expect(upgradeFingerprint({ engine: 'rr-3', views: perView })).toEqual(fp);
    expect(upgradeFingerprint({ engine: 'rr-3', views: [perView[0].slice(1)] })).toBeNull();
    expect(upgradeFingerprint({ engine: 'rr-2', views: perView })).toBeNull();
    const ix = MatchIndex.of([{ id: 'upgraded', fingerprint: upgradeFingerprint({ engine: 'rr-3', views: perView })! }]);
    expect(ix.match(fingerprintQuery(img))[0]?.workId).toBe('upgraded');
  });

  it('answers the same when made again from its packed form (the snapshot), with or without its tables', async () => {
    const a = { id: 'a', fingerprint: fingerprintWork(await decodeFile(file('skyart-0159'))) };
    const b = { id: 'b', fingerprint: fingerprintWork(await decodeFile(file('portrait-0001'))) };
    const q = fingerprintQuery(await decodeFile(file('skyart-0159')));
    const complete = MatchIndex.of([a, b]);
    expect([complete.size, complete.viewCount]).toEqual([2, viewCount(a.fingerprint) + viewCount(b.fingerprint)]);
    const expected = complete.match(q);
    expect(expected.map((m) => m.workId)).toEqual(['a']);

    expect(new MatchIndex(structuredClone(complete.packed)).match(q)).toEqual(expected);
    expect(new MatchIndex(packViews([a, b])).match(q)).toEqual(expected);
    expect(() => new MatchIndex({ ...packViews([a, b]), workIds: ['a'], starts: complete.packed.starts.slice(0, 2) })).toThrow(/do not hold the \d+ views of 1 works/);
    expect(MatchIndex.of([b]).match(q)).toEqual([]);
    expect(() => new MatchIndex({ ...packViews([a]), format: 'rr-3/packed-1' })).toThrow(/packed as rr-3/);
  });
});
