import { bmvbhash } from 'blockhash-core';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToWordsInto, wordsToBytes } from '../../../src/match/codec.ts';
import { toWorkingGray } from '../../../src/match/gray.ts';
import { blockhashOf, dctHashOf, hamming, hashToHex, mirrorBlockhash, mirrorPixels, stdOf } from '../../../src/match/hashes.ts';

/** A deterministic 64 × 64 test view with structure in both directions. */
function view(seed = 1): Float64Array {
  const px = new Float64Array(64 * 64);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
    px[y * 64 + x] = 128 + 60 * Math.sin((x * seed) / 9 + y / 13) + 40 * Math.cos((y * (seed + 1)) / 11) + (x > 40 && y < 20 ? 30 : 0);
  }
  return px;
}

describe('hashes', () => {
  it('blockhashOf is blockhash-core over the 16 × 16 block means', () => {
    const px = view();
    const data = new Uint8ClampedArray(16 * 16 * 4);
    for (let by = 0; by < 16; by++) for (let bx = 0; bx < 16; bx++) {
      let acc = 0;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) acc += px[(by * 4 + y) * 64 + bx * 4 + x];
      const v = Math.round(acc / 16);
      data.set([v, v, v, 255], (by * 16 + bx) * 4);
    }
    expect(hashToHex(blockhashOf(px))).toBe(bmvbhash({ width: 16, height: 16, data }, 16));
  });

  it('the mirror of a blockhash is a permutation of its bits', () => {
    for (const seed of [1, 2, 3, 5]) {
      const px = view(seed);
      expect(hashToHex(mirrorBlockhash(blockhashOf(px)))).toBe(hashToHex(blockhashOf(mirrorPixels(px))));
    }
  });

  it('DCT hash is balanced, stable under brightness/contrast change and far from an unrelated view', () => {
    const a = view(1);
    const h = dctHashOf(a);
    let ones = 0;
    for (const w of h) ones += w.toString(2).split('1').length - 1;
    expect(ones).toBe(128);
    const brighter = a.map((v) => v * 0.8 + 30);
    expect(hamming(dctHashOf(brighter), h)).toBe(0);
    expect(hamming(dctHashOf(view(4)), h)).toBeGreaterThan(70);
    expect(stdOf(new Float64Array(4096).fill(77))).toBe(0);
  });

  it('hash bytes round-trip through words and standard base64, and malformed base64 is refused', () => {
    const w = Uint32Array.from({ length: 16 }, (_, i) => (i * 0x9e3779b9) >>> 0);
    const back = new Uint32Array(16);
    bytesToWordsInto(wordsToBytes(w), 0, 16, back, 0);
    expect(back).toEqual(w);
    for (const n of [0, 1, 2, 3, 64, 65, 66]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      const s = bytesToBase64(bytes);
      expect(s).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(s)).toEqual(bytes);
    }
    const s = bytesToBase64(wordsToBytes(w));
    expect(base64ToBytes(s.slice(1))).toBeNull();
    expect(base64ToBytes(s.replace(/./, '*'))).toBeNull();
    expect(base64ToBytes('AB=C')).toBeNull();
  });

  it('working image: alpha is flattened onto white, size is capped', () => {
    const data = new Uint8ClampedArray(300 * 100 * 4); // fully transparent black
    const g = toWorkingGray({ width: 300, height: 100, data });
    expect(g.width).toBe(192);
    expect(g.height).toBe(64);
    expect(g.px.every((v) => Math.abs(v - 255) < 1e-9)).toBe(true);
  });
});

describe('DCT mirror', () => {
  it('sign-flipping odd horizontal frequencies equals the DCT hash of the mirrored view', async () => {
    const { dctCoefficients, mirrorCoefficients, thresholdMedian } = await import('../../../src/match/hashes.ts');
    for (const seed of [1, 2, 3]) {
      const px = view(seed);
      expect(hashToHex(thresholdMedian(mirrorCoefficients(dctCoefficients(px))))).toBe(hashToHex(dctHashOf(mirrorPixels(px))));
    }
  });
});
