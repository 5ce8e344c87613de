import { ENGINE_VERSION, isCurrentFingerprint } from '../match/index.ts';
import type { FingerprintEntry } from './schema.ts';

/**
 * Every work's fingerprint in one record, for the background's index load: reading 100,000
 * fingerprint records costs ~10 µs each in IndexedDB before their bytes, one record of packed views
 * costs little more than its bytes. Derived from the fingerprints store, and deleted in the same
 * transaction as any write to it, so it is either absent or exact.
 */
export interface IndexSnapshot {
  /** The engine version of every packed fingerprint (the one that wrote the snapshot). */
  engine: string;
  ids: string[];
  /** Work i's views are views[offsets[i] .. offsets[i + 1]). */
  offsets: Uint32Array;
  views: Uint8Array;
  /** Entries the engine cannot use (fingerprints of another engine version), as stored. */
  others: FingerprintEntry[];
}

export const SNAPSHOT_KEY = 'current';

export function packSnapshot(entries: readonly FingerprintEntry[]): IndexSnapshot {
  const packed = entries.filter((entry) => isCurrentFingerprint(entry.fingerprint));
  const offsets = new Uint32Array(packed.length + 1);
  packed.forEach((entry, i) => (offsets[i + 1] = offsets[i] + entry.fingerprint.views.length));
  const views = new Uint8Array(offsets[packed.length]);
  packed.forEach((entry, i) => views.set(entry.fingerprint.views, offsets[i]));
  return {
    engine: ENGINE_VERSION,
    ids: packed.map((entry) => entry.id),
    offsets,
    views,
    others: entries.filter((entry) => !isCurrentFingerprint(entry.fingerprint)),
  };
}

/** The entries again; their views are views into the snapshot's one buffer (no copy). */
export function unpackSnapshot(snapshot: IndexSnapshot): FingerprintEntry[] {
  const { engine, ids, offsets, views } = snapshot;
  const entries = ids.map((id, i) => ({ id, fingerprint: { engine, views: views.subarray(offsets[i], offsets[i + 1]) } }));
  return entries.concat(snapshot.others);
}
