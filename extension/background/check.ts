import { fingerprintQuery } from '../../src/match/index.ts';
import type { MatchSummary, Verdict } from '../messages.ts';
import { decodeBlob, UndecodableImageError } from '../shared/pixels.ts';
import { fetchImage, SkipImage } from './fetch-image.ts';
import { matchIndex, openRegistry, thumbnailUrl } from './works.ts';

const CACHE_LIMIT = 2000;
/** Verdicts by image URL, shared by all tabs: feeds show the same image many times. */
const verdicts = new Map<string, Promise<Verdict>>();

async function computeVerdict(imageUrl: string): Promise<Verdict> {
  try {
    const index = await matchIndex();
    if (index.size === 0) return { status: 'none' };
    const decoded = await decodeBlob(await fetchImage(imageUrl));
    decoded.bitmap.close();
    const found = index.match(fingerprintQuery(decoded.pixels));
    if (found.length === 0) return { status: 'none' };
    const registry = await openRegistry();
    const matches: MatchSummary[] = await Promise.all(
      found.map(async ({ workId, distance }) => ({
        workId,
        distance,
        title: (await registry.getWork(workId))?.title ?? workId,
        thumbnail: await thumbnailUrl(workId),
      })),
    );
    return { status: 'match', matches };
  } catch (error) {
    if (error instanceof SkipImage || error instanceof UndecodableImageError) return { status: 'skipped', reason: error.message };
    throw error;
  }
}

export function checkImage(imageUrl: string): Promise<Verdict> {
  const cached = verdicts.get(imageUrl);
  if (cached) {
    // Refresh its place in the LRU order.
    verdicts.delete(imageUrl);
    verdicts.set(imageUrl, cached);
    return cached;
  }
  const verdict = computeVerdict(imageUrl);
  verdicts.set(imageUrl, verdict);
  // Failures are not cached: the next report of the image tries again.
  verdict.catch(() => verdicts.delete(imageUrl));
  if (verdicts.size > CACHE_LIMIT) verdicts.delete(verdicts.keys().next().value!);
  return verdict;
}

/** Registry changes make every cached verdict stale. */
export function forgetVerdicts(): void {
  verdicts.clear();
}
