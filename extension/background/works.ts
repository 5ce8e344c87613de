import { MatchIndex } from '../../src/match/index.ts';
import { Registry } from '../../src/registry/store.ts';

/**
 * The registry as the background needs it: opened once, the match index built from it lazily.
 * The service worker can be stopped at any time, so everything here is rebuilt on demand.
 */
let registry: Promise<Registry> | undefined;
let index: Promise<MatchIndex> | undefined;

export function openRegistry(): Promise<Registry> {
  registry ??= Registry.open();
  return registry;
}

export function matchIndex(): Promise<MatchIndex> {
  index ??= openRegistry().then((opened) => opened.loadMatchIndex());
  // A failed load (e.g. the database was busy upgrading) is retried on the next image.
  index.catch(() => (index = undefined));
  return index;
}

export function invalidateIndex(): void {
  index = undefined;
  thumbnails.clear();
}

const thumbnails = new Map<string, string>();

/**
 * The marker shows the thumbnail at 36 × 36 CSS px (object-fit: cover): 72 px squares are sharp on a 2×
 * screen. The registry keeps 192 px ones, ~10 kB more in every port message that brings a match. (The
 * page's request for the data: URL costs ~0.44 ms whatever its size: docs/benchmarks.md.)
 */
const MARKER_THUMBNAIL_PX = 72;

/** The work's marker thumbnail as a data: URL, which content scripts can show without extra permissions. */
export async function thumbnailUrl(workId: string): Promise<string> {
  const cached = thumbnails.get(workId);
  if (cached !== undefined) return cached;
  const thumbnail = await (await openRegistry()).getThumbnail(workId);
  let url = '';
  if (thumbnail) {
    const small = await markerThumbnail(new Blob([thumbnail.bytes], { type: thumbnail.type }));
    let binary = '';
    for (const byte of new Uint8Array(await small.arrayBuffer())) binary += String.fromCharCode(byte);
    url = `data:${small.type};base64,${btoa(binary)}`;
  }
  thumbnails.set(workId, url);
  return url;
}

/** The centre square of a thumbnail at marker size; the thumbnail itself where it cannot be drawn. */
async function markerThumbnail(original: Blob): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') return original;
  try {
    const bitmap = await createImageBitmap(original);
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(MARKER_THUMBNAIL_PX, MARKER_THUMBNAIL_PX);
    const context = canvas.getContext('2d')!;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, MARKER_THUMBNAIL_PX, MARKER_THUMBNAIL_PX);
    bitmap.close();
    // PNG keeps transparency; anything else was a photo.
    return await canvas.convertToBlob(original.type === 'image/png' ? { type: 'image/png' } : { type: 'image/jpeg', quality: 0.85 });
  } catch {
    return original;
  }
}
