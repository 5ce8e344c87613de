/** Decoded pixels, 8-bit RGBA, row-major: what every caller hands the engine. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/**
 * Callers decode images to at most this many pixels on the longer side before hashing.
 * Decoding large photos at full size costs far more than hashing, and the engine resamples
 * to its own working size anyway, so browsers and the CLI only need to agree up to this size.
 */
export const DECODE_MAX_SIDE = 512;

/** The size to decode a width × height image at: never upscaled, aspect kept. */
export function decodeSize(width: number, height: number, maxSide = DECODE_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
