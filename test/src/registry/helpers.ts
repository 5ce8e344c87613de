import 'fake-indexeddb/auto';
import { ENGINE_VERSION, type WorkFingerprint } from '../../../src/match/index.ts';
import type { NewWork } from '../../../src/registry/store.ts';

let counter = 0;

/** A fresh database name per call, so tests never see each other's records. */
export function freshName(): string {
  return `rr-test-${process.pid}-${++counter}`;
}

/** A deterministic 64-hex-digit string from a seed. */
export function hex64(seed: number): string {
  let out = '';
  let x = seed * 2654435761 + 1;
  while (out.length < 64) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function fingerprint(seed: number): WorkFingerprint {
  return { engine: ENGINE_VERSION, views: [hex64(seed + 1000), hex64(seed + 2000)] };
}

export function newWork(seed: number, overrides: Partial<NewWork> = {}): NewWork {
  return {
    title: `Work ${seed}`,
    fileName: `work-${seed}.jpg`,
    digest: hex64(seed),
    width: 800,
    height: 600,
    fingerprint: fingerprint(seed),
    thumbnail: { type: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, seed & 0xff, 0xff, 0xd9]).buffer },
    ...overrides,
  };
}
