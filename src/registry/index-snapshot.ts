import type { PackedViews } from '../match/index.ts';

/**
 * Every work's views packed as the match index searches them, in one record, for the background's
 * index load: reading 100,000 fingerprint records costs ~10 µs each in IndexedDB before their bytes,
 * and unpacking and permuting 3.8M views costs more than reading them; one record of ready arrays
 * costs little more than its bytes. Derived from the fingerprints store, and deleted in the same
 * transaction as any write to it, so it is either absent or exact. A snapshot of another format
 * (PackedViews.format, which names the engine version) is packed again.
 */
export type IndexSnapshot = PackedViews;

export const SNAPSHOT_KEY = 'current';
