import { sha256Hex } from '../image.ts';
import type { WorkFingerprint } from '../match/index.ts';
import { emptyAuthorship, EMPTY_CMI, type Authorship, type Cmi, type EvidenceFile, type StoredWork, type Work, type WorkSummary } from './schema.ts';

/** What registering a file produces; metadata the creator has not given yet takes its default. */
export interface WorkInput {
  title: string;
  fileName: string;
  digest: string;
  width: number;
  height: number;
  fingerprint: WorkFingerprint;
  creator?: string;
  createdAt?: string | null;
  publicationUrls?: string[];
  licence?: string;
  authorship?: Partial<Authorship>;
  cmi?: Cmi;
}

/** The fields a creator may change after registration; content, hashes and CMI are facts of the file. */
export type WorkPatch = Partial<Pick<Work, 'title' | 'creator' | 'createdAt' | 'publicationUrls' | 'licence' | 'authorship'>>;

/** The title a work gets until the creator edits it: its file name without the extension. */
export function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.[a-z0-9]{1,5}$/i, '') || fileName;
}

export function workIdFor(digest: string): string {
  return `w-${digest.slice(0, 16)}`;
}

export function createWork(input: WorkInput, addedAt = new Date().toISOString()): Work {
  return {
    id: workIdFor(input.digest),
    title: input.title,
    fileName: input.fileName,
    digest: input.digest,
    width: input.width,
    height: input.height,
    fingerprint: input.fingerprint,
    addedAt,
    creator: input.creator ?? '',
    createdAt: input.createdAt ?? null,
    publicationUrls: input.publicationUrls ?? [],
    licence: input.licence ?? '',
    authorship: { ...emptyAuthorship(), ...input.authorship },
    cmi: input.cmi ?? { ...EMPTY_CMI },
  };
}

export function toStored(work: WorkSummary): StoredWork {
  const stored: StoredWork & { fingerprint?: unknown } = { ...work, titleKey: work.title.toLocaleLowerCase() };
  delete stored.fingerprint;
  return stored;
}

export function summaryOf(stored: StoredWork): WorkSummary {
  const work: Partial<StoredWork> = { ...stored };
  delete work.titleKey;
  return work as WorkSummary;
}

export function joinWork(stored: StoredWork, fingerprint: WorkFingerprint): Work {
  return { ...summaryOf(stored), fingerprint };
}

/** Fingerprints a process file (sketch, prompt log, layered source) for the authorship record. */
export async function evidenceFile(name: string, bytes: Uint8Array | ArrayBuffer): Promise<EvidenceFile> {
  return { name, sha256: await sha256Hex(bytes), size: bytes.byteLength };
}
