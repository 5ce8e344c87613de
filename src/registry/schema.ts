import type { DBSchema } from 'idb';
import type { WorkFingerprint } from '../match/index.ts';
import type { IndexSnapshot } from './index-snapshot.ts';
import type { Case } from '../notice/cases.ts';

/**
 * Copyright management information found embedded in the original file at registration
 * (EXIF, IPTC, XMP). Kept verbatim: removing or altering it on a copy is itself a claim
 * under 17 U.S.C. §1202, so notices quote what the original carried.
 */
export interface Cmi {
  artist?: string;
  copyright?: string;
  creator?: string;
  rights?: string;
  credit?: string;
  title?: string;
  description?: string;
  usageTerms?: string;
  /** As written in the file (EXIF/XMP dates are not reliably zoned), ISO 8601 where possible. */
  createDate?: string;
  /** The file carries C2PA content credentials (a JUMBF manifest store). */
  c2pa: boolean;
}

export interface ToolUse {
  name: string;
  version: string;
  /** 'model' for generative models (checkpoints, LoRAs, hosted models); 'software' for editors and the like. */
  kind: 'software' | 'model' | 'hardware' | 'other';
}

export interface PromptRevision {
  prompt: string;
  negativePrompt: string;
  /** UTC, ISO 8601, when known. */
  at: string | null;
  note: string;
}

export interface EditStep {
  description: string;
  tool: string;
  at: string | null;
}

/** A process file kept as proof of authorship: only its fingerprint is stored, never the file. */
export interface EvidenceFile {
  name: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  size: number;
}

/**
 * How the work was made, in the creator's words and files. Copyright offices ask for exactly
 * this when AI tools were involved: what the human chose, prompted, selected and edited.
 */
export interface Authorship {
  aiGenerated: boolean;
  tools: ToolUse[];
  /** Oldest first; each revision carries its prompt and negative prompt. */
  prompts: PromptRevision[];
  /** Strings, because generator seeds often exceed 2^53. */
  seeds: string[];
  parameters: Record<string, string | number | boolean>;
  /** How many candidates were generated; null when not applicable or unknown. */
  candidates: number | null;
  /** Which candidate was chosen and why, free text. */
  chosen: string;
  edits: EditStep[];
  evidence: EvidenceFile[];
  notes: string;
}

/** A registered work: everything matching, the registry views and notices need. */
export interface Work {
  /** Derived from the content digest, so the same file gets the same id in every browser and the CLI. */
  id: string;
  title: string;
  /** The original file's name, kept through export and import. */
  fileName: string;
  /** SHA-256 of the original file's bytes, hex. */
  digest: string;
  width: number;
  height: number;
  fingerprint: WorkFingerprint;
  /** UTC, ISO 8601. */
  addedAt: string;
  creator: string;
  /** When the work was made, ISO 8601 date or date-time; null when unknown. */
  createdAt: string | null;
  /** Where the creator first published it. */
  publicationUrls: string[];
  /** Licence or terms of use, free text or a licence URL. */
  licence: string;
  authorship: Authorship;
  cmi: Cmi;
}

/** A work without its fingerprint: all the management grid and notices need. */
export type WorkSummary = Omit<Work, 'fingerprint'>;

/**
 * What the works store holds: the work without its fingerprint (kept once, in the fingerprints
 * store, so reading metadata never drags hashes along and vice versa) plus derived index keys.
 */
export interface StoredWork extends WorkSummary {
  /** Lower-cased title, so sorting by title ignores case. */
  titleKey: string;
}

export interface Thumbnail {
  workId: string;
  type: string;
  bytes: ArrayBuffer;
}

/** A copy of each work's fingerprint, so building the match index never reads work metadata. */
export interface FingerprintEntry {
  id: string;
  fingerprint: WorkFingerprint;
}

/**
 * The case a found copy is, kept on its detection: status and what happened so far.
 * Which moves are allowed is decided by `transition` in src/notice/cases.ts.
 */
export type CaseFields = Pick<Case, 'status' | 'updatedAt' | 'allowance' | 'templateId' | 'sent' | 'resolution' | 'dismissReason' | 'history'>;

export interface Detection extends CaseFields {
  id: string;
  workId: string;
  imageUrl: string;
  pageUrl: string;
  pageTitle: string;
  site: string;
  distance: number;
  /** UTC, ISO 8601. */
  firstSeen: string;
  /** Id of the page screenshot in the screenshots store. */
  screenshotId?: string;
}

/** A capture of the page a copy was found on (PNG), kept for the evidence pack. */
export interface Screenshot {
  id: string;
  detectionId: string;
  /** UTC, ISO 8601. */
  capturedAt: string;
  type: string;
  bytes: ArrayBuffer;
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
  /** Capture the visible page when a copy is found there (opt-in: it needs access to every site). */
  screenshotAtDetection: boolean;
}

export interface RegistryDB extends DBSchema {
  works: { key: string; value: StoredWork; indexes: { 'by-digest': string; 'by-addedAt': string; 'by-title': string } };
  fingerprints: { key: string; value: FingerprintEntry };
  thumbnails: { key: string; value: Thumbnail };
  detections: { key: string; value: Detection; indexes: { 'by-work': string; 'by-page': string } };
  screenshots: { key: string; value: Screenshot; indexes: { 'by-detection': string } };
  settings: { key: string; value: unknown };
  'index-snapshot': { key: string; value: IndexSnapshot };
}

export const DB_NAME = 'reuse-radar';

export const EMPTY_CMI: Cmi = { c2pa: false };

export function emptyAuthorship(): Authorship {
  return {
    aiGenerated: false,
    tools: [],
    prompts: [],
    seeds: [],
    parameters: {},
    candidates: null,
    chosen: '',
    edits: [],
    evidence: [],
    notes: '',
  };
}
