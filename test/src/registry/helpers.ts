import 'fake-indexeddb/auto';
import { ENGINE_VERSION, VIEW_BYTES, type WorkFingerprint } from '../../../src/match/index.ts';
import { bytesToBase64 } from '../../../src/match/codec.ts';
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

function viewBytes(seed: number): Uint8Array {
  return Uint8Array.from({ length: 2 * VIEW_BYTES }, (_, i) => (Math.imul(seed + 1, 2654435761) >>> (i % 24)) + i);
}

/** A fingerprint of two views, distinct per seed (not of any real image). */
export function fingerprint(seed: number): WorkFingerprint {
  return { engine: ENGINE_VERSION, views: viewBytes(seed) };
}

/** The same views as fingerprint(seed), as engine rr-3 stored them (one unpadded base64 string each). */
export function rr3Fingerprint(seed: number): { engine: 'rr-3'; views: string[] } {
  const bytes = viewBytes(seed);
  return { engine: 'rr-3', views: [0, 1].map((v) => bytesToBase64(bytes.subarray(v * VIEW_BYTES, (v + 1) * VIEW_BYTES)).slice(0, -2)) };
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
