/**
 * Hash bytes ↔ 32-bit words ↔ standard base64 (RFC 4648, padded), written out so the engine needs no
 * atob/btoa/Buffer and handles a whole registry's fingerprints without a string per byte.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
const ASCII = new TextDecoder('latin1');

/** Words → their big-endian bytes. */
export function wordsToBytes(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    bytes[i * 4] = w >>> 24; bytes[i * 4 + 1] = (w >>> 16) & 255; bytes[i * 4 + 2] = (w >>> 8) & 255; bytes[i * 4 + 3] = w & 255;
  }
  return bytes;
}

/** Big-endian bytes [offset, offset + 4·n) → n words, written into `out` at `outOffset`. */
export function bytesToWordsInto(bytes: Uint8Array, offset: number, n: number, out: Uint32Array, outOffset: number): void {
  for (let i = 0, o = offset; i < n; i++, o += 4) {
    out[outOffset + i] = ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  // Written as character codes and decoded once: a flat string, where concatenating characters
  // leaves a rope of thousands of nodes per fingerprint (a 100,000-work export ran out of memory).
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = CODES[n >>> 18];
    out[o++] = CODES[(n >>> 12) & 63];
    out[o++] = i + 1 < bytes.length ? CODES[(n >>> 6) & 63] : PAD;
    out[o++] = i + 2 < bytes.length ? CODES[n & 63] : PAD;
  }
  return ASCII.decode(out);
}

/** Inverse of bytesToBase64; null for anything that is not padded standard base64. */
export function base64ToBytes(s: string): Uint8Array | null {
  if (s.length % 4 !== 0) return null;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = s.charCodeAt(i + k);
      const v = last && k >= 4 - pad ? 0 : c < 128 ? LOOKUP[c] : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    bytes[o++] = n >>> 16;
    if (o < bytes.length) bytes[o++] = (n >>> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}
