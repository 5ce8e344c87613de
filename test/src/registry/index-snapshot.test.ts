import { describe, expect, it } from 'vitest';
import { packSnapshot, unpackSnapshot } from '../../../src/registry/index-snapshot.ts';
import type { FingerprintEntry } from '../../../src/registry/schema.ts';
import { fingerprint } from './helpers.ts';

describe('index snapshot', () => {
  it('packs every fingerprint into one buffer and gives the same entries back, stale ones as stored', () => {
    const stale = { id: 'w-old', fingerprint: { engine: 'rr-2', views: ['AAAA'] } } as unknown as FingerprintEntry;
    const entries: FingerprintEntry[] = [
      { id: 'w-a', fingerprint: fingerprint(1) },
      stale,
      { id: 'w-flat', fingerprint: { engine: fingerprint(2).engine, views: new Uint8Array(0) } },
      { id: 'w-b', fingerprint: fingerprint(3) },
    ];
    const snapshot = packSnapshot(entries);
    expect(snapshot.views.length).toBe(fingerprint(1).views.length + fingerprint(3).views.length);
    expect(snapshot.others).toEqual([stale]);
    const back = unpackSnapshot(structuredClone(snapshot));
    expect(back.sort((x, y) => x.id.localeCompare(y.id))).toEqual([...entries].sort((x, y) => x.id.localeCompare(y.id)));
  });
});
