/** Compact, engine-independent base64 for fingerprints (no atob/btoa/Buffer needed). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Words → base64 of their big-endian bytes (no padding). */
export function wordsToBase64(words: Uint32Array): string {
  const bytes = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    bytes[i * 4] = words[i] >>> 24; bytes[i * 4 + 1] = (words[i] >>> 16) & 255;
    bytes[i * 4 + 2] = (words[i] >>> 8) & 255; bytes[i * 4 + 3] = words[i] & 255;
  }
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63];
    if (i + 1 < bytes.length) s += ALPHABET[(n >>> 6) & 63];
    if (i + 2 < bytes.length) s += ALPHABET[n & 63];
  }
  return s;
}

/** Inverse of wordsToBase64; returns null for malformed input. */
export function base64ToWords(s: string, nWords: number): Uint32Array | null {
  const nBytes = nWords * 4;
  if (s.length !== Math.ceil((nBytes * 4) / 3)) return null;
  const bytes = new Uint8Array(nBytes);
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) { bits -= 8; if (o < nBytes) bytes[o++] = (acc >>> bits) & 255; }
  }
  const words = new Uint32Array(nWords);
  for (let i = 0; i < nWords; i++) words[i] = ((bytes[i * 4] << 24) | (bytes[i * 4 + 1] << 16) | (bytes[i * 4 + 2] << 8) | bytes[i * 4 + 3]) >>> 0;
  return words;
}
