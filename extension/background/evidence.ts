import { ENGINE_VERSION, fingerprintQuery } from '../../src/match/index.ts';
import { buildEvidencePack } from '../../src/notice/evidence.ts';
import { readEmbeddedMetadata } from '../../src/registry/metadata.ts';
import type { Cmi, Detection } from '../../src/registry/schema.ts';
import { decodeBlob } from '../shared/pixels.ts';
import { fetchImage } from './fetch-image.ts';
import { matchIndex, openRegistry } from './works.ts';

interface FetchedImage {
  bytes: Uint8Array;
  contentType: string;
  /** UTC, ISO 8601. */
  fetchedAt: string;
}

const KEEP = 8;
/**
 * The found images fetched for the editor, by detection id: the metadata shown and the bytes in
 * the pack are then the same download. Only a few are kept; the worker may drop them any time.
 */
const fetched = new Map<string, Promise<FetchedImage>>();

async function detectionById(id: string): Promise<Detection> {
  const detection = await (await openRegistry()).getDetection(id);
  if (!detection) throw new Error(`No detection ${id}`);
  return detection;
}

/** Only detections' image URLs are fetched: they were reported by our content scripts. */
function foundImage(detection: Detection): Promise<FetchedImage> {
  let image = fetched.get(detection.id);
  if (!image) {
    image = fetchImage(detection.imageUrl).then(async (blob) => ({
      bytes: new Uint8Array(await blob.arrayBuffer()),
      contentType: blob.type,
      fetchedAt: new Date().toISOString(),
    }));
    fetched.set(detection.id, image);
    image.catch(() => fetched.delete(detection.id));
    if (fetched.size > KEEP) fetched.delete(fetched.keys().next().value!);
  }
  return image;
}

/** Creator metadata the found copy carries; null when it cannot be fetched (then nothing is claimed). */
export async function foundCmi(detectionId: string): Promise<Cmi | null> {
  try {
    return await readEmbeddedMetadata((await foundImage(await detectionById(detectionId))).bytes);
  } catch {
    return null;
  }
}

/** Distances of these very bytes to the registered work, next to the one recorded at detection. */
async function distances(image: FetchedImage, detection: Detection): Promise<Record<string, number>> {
  const recorded = { 'blockhash at detection': detection.distance };
  try {
    const decoded = await decodeBlob(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.contentType }));
    decoded.bitmap.close();
    const match = (await matchIndex()).match(fingerprintQuery(decoded.pixels)).find((m) => m.workId === detection.workId);
    return match ? { ...recorded, blockhash: match.distance, dct: match.confirmDistance } : recorded;
  } catch {
    return recorded;
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The evidence pack for a detection: the notice as the editor rendered it, the found image as
 * fetched, the work's thumbnail, the page screenshot when one was taken, and evidence.json.
 */
export async function evidencePack(detectionId: string, notice: { text: string; html: string }): Promise<{ zip: string; sha256: string }> {
  const registry = await openRegistry();
  const detection = await detectionById(detectionId);
  const [work, thumbnail, screenshot, image] = await Promise.all([
    registry.getWork(detection.workId),
    registry.getThumbnail(detection.workId),
    detection.screenshotId ? registry.getScreenshot(detection.screenshotId) : undefined,
    foundImage(detection),
  ]);
  if (!work || !thumbnail) throw new Error('The registered work is no longer in the registry.');
  const pack = await buildEvidencePack({
    notice,
    foundImage: { bytes: image.bytes, contentType: image.contentType },
    workThumbnail: { bytes: thumbnail.bytes, contentType: thumbnail.type },
    ...(screenshot ? { screenshot: screenshot.bytes } : {}),
    facts: {
      pageUrl: detection.pageUrl,
      imageUrl: detection.imageUrl,
      pageTitle: detection.pageTitle,
      site: detection.site,
      foundAt: detection.firstSeen,
      capturedAt: image.fetchedAt,
      distances: await distances(image, detection),
      engineVersion: ENGINE_VERSION,
      work: { id: work.id, title: work.title, fileName: work.fileName, digest: work.digest },
    },
  });
  return { zip: base64(pack.zip), sha256: pack.sha256 };
}
