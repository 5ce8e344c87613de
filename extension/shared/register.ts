import { sha256Hex } from '../../src/image.ts';
import { fingerprintWork } from '../../src/match/index.ts';
import type { Registry } from '../../src/registry/store.ts';
import type { Work } from '../../src/registry/schema.ts';
import { decodeBlob, thumbnailOf } from './pixels.ts';

/** The title a work gets until the creator edits it: its file name without the extension. */
export function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.[a-z0-9]{1,5}$/i, '') || fileName;
}

/**
 * Hashes an image file in this browser and stores it as a work with its thumbnail.
 * Returns whether it was new; a file already registered (same bytes) is not added twice.
 */
export async function registerImageFile(registry: Registry, file: Blob, fileName: string): Promise<{ work: Work; added: boolean }> {
  const bytes = await file.arrayBuffer();
  const decoded = await decodeBlob(file);
  try {
    const thumbnail = await thumbnailOf(decoded.bitmap);
    return await registry.addWork({
      title: titleFromFileName(fileName),
      fileName,
      digest: await sha256Hex(bytes),
      width: decoded.width,
      height: decoded.height,
      fingerprint: fingerprintWork(decoded.pixels),
      thumbnail: { type: thumbnail.type, bytes: await thumbnail.arrayBuffer() },
    });
  } finally {
    decoded.bitmap.close();
  }
}
