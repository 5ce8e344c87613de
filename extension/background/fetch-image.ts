/** Limits on what the background downloads for a reported image. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 20_000;
const MAX_CONCURRENT = 4;

/** Why an image was not checked; recorded as the verdict's reason. */
export class SkipImage extends Error {}

let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function isFetchableImageUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Downloads an image a content script reported, under the extension's host permissions
 * (post images are cross-origin on every real site, so the page cannot hand us its pixels).
 */
export function fetchImage(url: string): Promise<Blob> {
  return slot(async () => {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'omit', cache: 'force-cache', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new SkipImage(`unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new SkipImage(`HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (type && !type.startsWith('image/') && !type.startsWith('application/octet-stream')) throw new SkipImage(`not an image (${type})`);
    if (type.startsWith('image/svg')) throw new SkipImage('SVG is not checked');
    if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) throw new SkipImage('larger than 20 MB');
    return new Blob(await readCapped(response), { type });
  });
}

/** Reads a body but stops at MAX_IMAGE_BYTES: chunked responses announce no length. */
async function readCapped(response: Response): Promise<BlobPart[]> {
  const reader = response.body!.getReader();
  const chunks: BlobPart[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    total += value.byteLength;
    if (total > MAX_IMAGE_BYTES) {
      await reader.cancel();
      throw new SkipImage('larger than 20 MB');
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
}
