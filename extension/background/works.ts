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

/** The work's thumbnail as a data: URL, which content scripts can show without extra permissions. */
export async function thumbnailUrl(workId: string): Promise<string> {
  const cached = thumbnails.get(workId);
  if (cached !== undefined) return cached;
  const thumbnail = await (await openRegistry()).getThumbnail(workId);
  let url = '';
  if (thumbnail) {
    let binary = '';
    for (const byte of new Uint8Array(thumbnail.bytes)) binary += String.fromCharCode(byte);
    url = `data:${thumbnail.type};base64,${btoa(binary)}`;
  }
  thumbnails.set(workId, url);
  return url;
}
