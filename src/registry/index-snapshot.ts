import { PACKED_FORMAT, type PackedViews } from '../match/index.ts';

/**
 * Every work's views packed as the match index searches them (PackedViews), in one record, for the
 * background's index load: reading 100,000 fingerprint records costs ~10 µs each in IndexedDB before
 * their bytes, and unpacking and permuting 3.8M views costs more than reading them. The hashes are one
 * Blob: Chromium reads 241 MB stored as a Blob in ~0.2 s, the same bytes stored as a typed array in
 * 0.7–1.5 s (measured in the service worker, docs/benchmarks.md "Registry").
 *
 * Derived from the fingerprints store, and deleted in the same transaction as any write to it, so it
 * is either absent or exact. A snapshot of another format is packed again.
 */
export interface IndexSnapshot {
  format: string;
  workIds: string[];
  starts: Uint32Array;
  /**
   * block.head, block.tail, dct.head, dct.tail one after the other, in the platform's byte order
   * (the snapshot never leaves this browser profile).
   */
  hashes: Blob;
}

export const SNAPSHOT_KEY = 'current';

export function toSnapshot({ format, workIds, starts, block, dct }: PackedViews): IndexSnapshot {
  return { format, workIds, starts, hashes: new Blob([block.head, block.tail, dct.head, dct.tail]) };
}

/** The packed views again, their hashes views into the Blob's one buffer; null for another format. */
export async function fromSnapshot({ format, workIds, starts, hashes }: IndexSnapshot): Promise<PackedViews | null> {
  if (format !== PACKED_FORMAT) return null;
  const words = 4 * starts[workIds.length];
  const buffer = await hashes.arrayBuffer();
  if (buffer.byteLength !== 4 * 4 * words) throw new Error(`index snapshot: ${buffer.byteLength} bytes of hashes for ${starts[workIds.length]} views`);
  const part = (i: number) => new Uint32Array(buffer, 4 * i * words, words);
  return { format, workIds, starts, block: { head: part(0), tail: part(1) }, dct: { head: part(2), tail: part(3) } };
}
