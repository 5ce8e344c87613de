import { MatchIndex, PACKED_FORMAT } from '../match/index.ts';

/**
 * The background's match index in one record: every work's views packed as the index searches them,
 * with the index's lookup tables. Reading 100,000 fingerprint records costs ~10 µs each in IndexedDB
 * before their bytes, and permuting 3.8M views and building their tables costs more than reading
 * them; one record of ready arrays costs little more than its bytes. The arrays are one Blob:
 * Chromium reads 241 MB stored as a Blob in ~0.2 s, the same bytes stored as a typed array in
 * 0.7–1.5 s (measured in the service worker, docs/benchmarks.md "Registry").
 *
 * Derived from the fingerprints store, and deleted in the same transaction as any write to it, so it
 * is either absent or exact. A snapshot of another format is packed again.
 */
export interface IndexSnapshot {
  format: string;
  workIds: string[];
  starts: Uint32Array;
  /** Byte length of each array in `arrays`, in ARRAYS order. */
  lengths: number[];
  /** The arrays one after the other, in the platform's byte order (a snapshot never leaves its profile). */
  arrays: Blob;
}

export const SNAPSHOT_KEY = 'current';

export function toSnapshot(index: MatchIndex): IndexSnapshot {
  const { format, workIds, starts, block, dct, tables } = index.packed;
  // The order fromSnapshot reads them in.
  const arrays = [block.head, block.tail, dct.head, dct.tail, tables.block.offsets, tables.block.ids, tables.dct.offsets, tables.dct.ids];
  return { format, workIds, starts, lengths: arrays.map((a) => a.byteLength), arrays: new Blob(arrays) };
}

/**
 * The index again, its arrays views into the Blob's one buffer; null for a snapshot of another
 * format. Throws when the Blob cannot be read or does not hold what `lengths` says.
 */
export async function fromSnapshot(snapshot: IndexSnapshot): Promise<MatchIndex | null> {
  const { format, workIds, starts, lengths } = snapshot;
  if (format !== PACKED_FORMAT) return null;
  const buffer = await snapshot.arrays.arrayBuffer();
  if (lengths.length !== 8 || lengths.reduce((a, b) => a + b, 0) !== buffer.byteLength) {
    throw new Error(`index snapshot: ${buffer.byteLength} bytes, not the ${lengths.join(' + ')} it lists`);
  }
  let offset = 0, i = 0;
  const next = (): [ArrayBuffer, number, number] => {
    const at = offset;
    offset += lengths[i];
    return [buffer, at, lengths[i++] / 4];
  };
  const u32 = () => new Uint32Array(...next());
  const i32 = () => new Int32Array(...next());
  // In toSnapshot's order (properties are evaluated in source order); the constructor checks every length.
  return new MatchIndex({
    format, workIds, starts,
    block: { head: u32(), tail: u32() },
    dct: { head: u32(), tail: u32() },
    tables: { block: { offsets: i32(), ids: i32() }, dct: { offsets: i32(), ids: i32() } },
  });
}
