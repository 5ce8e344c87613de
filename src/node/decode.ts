import sharp from 'sharp';
import { DECODE_MAX_SIDE, type RgbaImage } from '../image.ts';

/** Raised for files that are not images this tool can read; the message says why. */
export class UnreadableImageError extends Error {}

/**
 * Decodes an image file the way the extension does in the browser: EXIF orientation applied,
 * alpha kept, at most DECODE_MAX_SIDE on the longer side.
 */
export async function decodeFile(input: string | Buffer, maxSide = DECODE_MAX_SIDE): Promise<RgbaImage> {
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw new UnreadableImageError(`cannot decode image: ${(error as Error).message}`);
  }
}
