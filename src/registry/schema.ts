import type { DBSchema } from 'idb';
import type { WorkFingerprint } from '../match/index.ts';

/** A registered work: everything matching, the registry views and notices need. */
export interface Work {
  /** Derived from the content digest, so the same file gets the same id in every browser and the CLI. */
  id: string;
  title: string;
  fileName: string;
  /** SHA-256 of the original file's bytes, hex. */
  digest: string;
  width: number;
  height: number;
  fingerprint: WorkFingerprint;
  /** UTC, ISO 8601. */
  addedAt: string;
}

export interface Thumbnail {
  workId: string;
  type: string;
  bytes: ArrayBuffer;
}

export interface Detection {
  id: string;
  workId: string;
  imageUrl: string;
  pageUrl: string;
  pageTitle: string;
  site: string;
  distance: number;
  /** UTC, ISO 8601. */
  firstSeen: string;
}

/** Who sends notices: filled in on the options page, used by every template. */
export interface Claimant {
  name: string;
  address: string;
  email: string;
  phone: string;
  /** Typed electronic signature, usually the full name. */
  signature: string;
}

export interface Settings {
  claimant: Claimant;
}

export interface RegistryDB extends DBSchema {
  works: { key: string; value: Work; indexes: { 'by-digest': string } };
  thumbnails: { key: string; value: Thumbnail };
  detections: { key: string; value: Detection; indexes: { 'by-work': string; 'by-page': string } };
  settings: { key: string; value: unknown };
}

export const DB_NAME = 'reuse-radar';
