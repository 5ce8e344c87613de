import { DECODE_MAX_SIDE, decodeSize, type RgbaImage } from '../../src/image.ts';

/** Raised when the browser cannot decode a file or response as an image. */
export class UndecodableImageError extends Error {}

async function bitmapOf(source: Blob): Promise<ImageBitmap> {
  try {
    // EXIF orientation applied, as the CLI does with sharp's rotate().
    return await createImageBitmap(source, { imageOrientation: 'from-image' });
  } catch {
    throw new UndecodableImageError('not a decodable image');
  }
}

function draw(bitmap: ImageBitmap | OffscreenCanvas, width: number, height: number): OffscreenCanvasRenderingContext2D {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new UndecodableImageError('no 2D canvas available');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return context;
}

export interface DecodedImage {
  pixels: RgbaImage;
  /** Size of the original, before decoding at reduced size. */
  width: number;
  height: number;
  bitmap: ImageBitmap;
  /** The canvas `pixels` were read from: a cheap source for a thumbnail. */
  reduced: OffscreenCanvas;
}

/** Decodes an image blob at most DECODE_MAX_SIDE on its longer side, in any extension context. */
export async function decodeBlob(blob: Blob): Promise<DecodedImage> {
  const bitmap = await bitmapOf(blob);
  const size = decodeSize(bitmap.width, bitmap.height, DECODE_MAX_SIDE);
  const context = draw(bitmap, size.width, size.height);
  const { data } = context.getImageData(0, 0, size.width, size.height);
  return { pixels: { width: size.width, height: size.height, data }, width: bitmap.width, height: bitmap.height, bitmap, reduced: context.canvas };
}

/** A small JPEG of the image for lists, markers and evidence (from the decoded `reduced` canvas, it costs a fifth). */
export async function thumbnailOf(bitmap: ImageBitmap | OffscreenCanvas, maxSide = 192): Promise<Blob> {
  const size = decodeSize(bitmap.width, bitmap.height, maxSide);
  return draw(bitmap, size.width, size.height).canvas.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
}
