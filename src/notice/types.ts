import type { CmiFinding } from './cmi.ts';

/**
 * Inputs the notice module needs, declared here structurally so the registry schema can grow
 * at its own pace. The registry's `Work`, `Authorship`, `Cmi` and `Claimant` fit these shapes.
 */

export type Lang = 'en' | 'zh';
export type Localized = Record<Lang, string>;

/** Who sends the notice. Same shape as the registry's `Claimant`. */
export interface NoticeClaimant {
  name: string;
  address: string;
  email: string;
  phone: string;
  /** Typed electronic signature, usually the full name. */
  signature: string;
}

export interface PromptVersion {
  prompt: string;
  negativePrompt?: string;
  /** UTC, ISO 8601. */
  at?: string | null;
}

export interface ToolRecord {
  name: string;
  version?: string;
  /** 'model' for generative models. */
  kind?: string;
}

export interface AuthorshipEdit {
  description: string;
  tool?: string;
  /** UTC, ISO 8601. */
  at?: string | null;
}

export interface ProcessFile {
  name: string;
  sha256: string;
}

/**
 * The creator's own record of how the work was made; statements never go beyond it.
 * The registry's `Authorship` fits this shape as it is.
 */
export interface AuthorshipRecord {
  aiGenerated: boolean;
  tools?: (string | ToolRecord)[];
  /** Every recorded version of the prompt, oldest first. */
  prompts?: PromptVersion[];
  seeds?: string[];
  parameters?: Record<string, string | number | boolean>;
  candidates?: number | null;
  /** Which candidate was chosen, as the creator recorded it (e.g. "image 3 of batch 2"). */
  chosen?: string;
  /** Changes made after generation, in order. */
  edits?: AuthorshipEdit[];
  /** Process files kept as proof (screenshots, project files, a time-lapse). */
  evidence?: ProcessFile[];
}

/** Copyright management information: embedded metadata, C2PA credentials, a visible credit. */
export interface CmiRecord {
  artist?: string;
  creator?: string;
  rights?: string;
  copyright?: string;
  credit?: string;
  title?: string;
  usageTerms?: string;
  /** Whether C2PA content credentials were present. */
  c2pa?: boolean;
  /** Text of a visible watermark or credit line in the image. */
  visibleMark?: string;
}

/** What was observed on the found copy; `visibleMarkPresent` is left unset when nobody checked. */
export interface FoundCmi extends Omit<CmiRecord, 'visibleMark'> {
  visibleMarkPresent?: boolean;
}

export interface NoticeWork {
  title: string;
  fileName: string;
  /** SHA-256 of the original file, hex. */
  digest?: string;
  creator?: string;
  /** Creation date as recorded, ISO 8601. */
  createdAt?: string | null;
  /** Where the creator published the work. */
  publicationUrls?: string[];
  licence?: string;
  authorship?: AuthorshipRecord;
  cmi?: CmiRecord;
}

/** One found copy. Everything here except `site` and `foundAt` is page-controlled text. */
export interface NoticeCopy {
  pageUrl: string;
  imageUrl: string;
  pageTitle: string;
  /** Site adapter id (x, instagram, …, generic). */
  site: string;
  /** UTC, ISO 8601. */
  foundAt: string;
  /** The account that posted it, when the adapter could tell. */
  account?: string;
  /** Perceptual-hash distance to the registered work. */
  distance?: number;
}

export interface LicenceOffer {
  /** The fee with its currency, e.g. "EUR 120". */
  fee: string;
  /** How the fee was set, e.g. "my published rate for one web use for one year". */
  feeBasis: string;
  /** How to pay, e.g. a payment link or bank details. */
  payment: string;
}

export interface NoticeInput {
  claimant: NoticeClaimant;
  /** The rights owner's name when the claimant acts for someone else. */
  onBehalfOf?: string;
  work: NoticeWork;
  /** The copies this notice covers; one notice goes to one recipient. */
  copies: NoticeCopy[];
  /** UTC date the notice is drafted, YYYY-MM-DD. */
  date: string;
  /**
   * Who receives it. Defaults to the platform for takedown notices, and to the account that posted
   * the copy for the UK letter and the licence offer.
   */
  recipient?: string;
  /** From `detectCmiRemoval`, when CMI was compared. */
  cmi?: CmiFinding;
  /** Files sent with the notice (the evidence pack and its parts). */
  evidence?: ProcessFile[];
  /** Days the recipient has to reply (UK letter, licence request). */
  deadlineDays?: number;
  licence?: LicenceOffer;
}
