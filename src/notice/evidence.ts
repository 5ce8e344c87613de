import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../image.ts';

export const EVIDENCE_FORMAT = 'reuse-radar-evidence/1';
export const MANIFEST_NAME = 'evidence.json';

/** What was seen, where and when. Page-controlled values (title, URLs, account) are stored as given. */
export interface EvidenceFacts {
  pageUrl: string;
  imageUrl: string;
  pageTitle?: string;
  site?: string;
  account?: string;
  /** UTC, ISO 8601: when the copy was first seen. */
  foundAt: string;
  /** UTC, ISO 8601: when these bytes and the screenshot were captured. */
  capturedAt: string;
  /** Hash name → distance between the copy and the registered work. */
  distances: Record<string, number>;
  engineVersion: string;
  work: { id?: string; title: string; fileName?: string; digest?: string };
}

export interface EvidenceImage {
  bytes: Uint8Array | ArrayBuffer;
  /** The Content-Type the server sent; the bytes decide the file extension when they are recognised. */
  contentType?: string;
}

export interface EvidencePackInput {
  notice: { text: string; html: string };
  /** The found image exactly as fetched. */
  foundImage: EvidenceImage;
  workThumbnail: EvidenceImage;
  /** PNG of the page. */
  screenshot?: Uint8Array | ArrayBuffer;
  facts: EvidenceFacts;
}

export interface EvidenceFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface EvidenceManifest {
  format: typeof EVIDENCE_FORMAT;
  facts: EvidenceFacts;
  /** Every other file in the pack. */
  files: EvidenceFile[];
}

export interface EvidencePack {
  zip: Uint8Array;
  manifest: EvidenceManifest;
  /** SHA-256 of the zip itself, to quote in correspondence. */
  sha256: string;
}

const SIGNATURES: { type: string; ext: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/png', ext: 'png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', ext: 'gif', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { type: 'image/webp', ext: 'webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { type: 'image/avif', ext: 'avif', test: (b) => ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12)) },
];

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function toBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** Media type and extension from the bytes; a server's Content-Type is only a fallback for the type. */
function imageKind(image: EvidenceImage): { type: string; ext: string } {
  const bytes = toBytes(image.bytes);
  const known = SIGNATURES.find((s) => s.test(bytes));
  if (known) return known;
  const declared = image.contentType?.split(';')[0].trim().toLowerCase();
  return { type: declared && /^[\w.+-]+\/[\w.+-]+$/.test(declared) ? declared : 'application/octet-stream', ext: 'bin' };
}

/**
 * Builds the evidence .zip: the notice, the found image as fetched, the work's thumbnail, the
 * screenshot, and `evidence.json` with the facts and the SHA-256 of every other file. File names are
 * fixed here, never taken from the page.
 */
export async function buildEvidencePack(input: EvidencePackInput): Promise<EvidencePack> {
  const found = imageKind(input.foundImage);
  const thumb = imageKind(input.workThumbnail);
  const parts: { name: string; mediaType: string; bytes: Uint8Array; stored: boolean }[] = [
    { name: 'notice.txt', mediaType: 'text/plain; charset=utf-8', bytes: strToU8(input.notice.text), stored: false },
    { name: 'notice.html', mediaType: 'text/html; charset=utf-8', bytes: strToU8(input.notice.html), stored: false },
    { name: `found-image.${found.ext}`, mediaType: found.type, bytes: toBytes(input.foundImage.bytes), stored: true },
    { name: `registered-work-thumbnail.${thumb.ext}`, mediaType: thumb.type, bytes: toBytes(input.workThumbnail.bytes), stored: true },
  ];
  if (input.screenshot) parts.push({ name: 'page-screenshot.png', mediaType: 'image/png', bytes: toBytes(input.screenshot), stored: true });

  const files: EvidenceFile[] = [];
  for (const part of parts) files.push({ name: part.name, mediaType: part.mediaType, size: part.bytes.length, sha256: await sha256Hex(part.bytes) });
  const manifest: EvidenceManifest = { format: EVIDENCE_FORMAT, facts: input.facts, files };

  // Capture time as the entry time keeps the pack reproducible; zip cannot store dates before 1980.
  const captured = Date.parse(input.facts.capturedAt);
  const mtime = Number.isFinite(captured) && captured >= Date.UTC(1980, 0, 2) ? captured : Date.UTC(1980, 0, 2);
  const entries: Zippable = { [MANIFEST_NAME]: [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { level: 9, mtime }] };
  // Images are compressed already: storing them keeps the pack fast to build.
  for (const part of parts) entries[part.name] = [part.bytes, { level: part.stored ? 0 : 9, mtime }];
  const zip = zipSync(entries);
  return { zip, manifest, sha256: await sha256Hex(zip) };
}

export type EvidenceProblem =
  | { kind: 'unreadable'; detail: string }
  | { kind: 'bad-manifest'; detail: string }
  | { kind: 'missing'; file: string }
  | { kind: 'extra'; file: string }
  | { kind: 'size'; file: string; expected: number; actual: number }
  | { kind: 'hash'; file: string; expected: string; actual: string };

export interface EvidenceVerification {
  ok: boolean;
  /** Present when evidence.json could be read. */
  manifest?: EvidenceManifest;
  problems: EvidenceProblem[];
}

function parseManifest(bytes: Uint8Array): EvidenceManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch (error) {
    return `${MANIFEST_NAME} is not JSON: ${(error as Error).message}`;
  }
  const manifest = value as Partial<EvidenceManifest> | null;
  if (!manifest || typeof manifest !== 'object') return `${MANIFEST_NAME} is not an object`;
  if (manifest.format !== EVIDENCE_FORMAT) return `${MANIFEST_NAME} has format ${JSON.stringify(manifest.format)}, expected ${EVIDENCE_FORMAT}`;
  const files = manifest.files;
  const valid =
    Array.isArray(files) &&
    files.every(
      (f: Partial<EvidenceFile>) =>
        f && typeof f.name === 'string' && typeof f.size === 'number' && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256),
    );
  if (!valid) return `${MANIFEST_NAME} has no valid file list`;
  return manifest as EvidenceManifest;
}

/** Re-checks every file of a pack against evidence.json: what is missing, extra, or differs. */
export async function verifyEvidencePack(zipBytes: Uint8Array | ArrayBuffer): Promise<EvidenceVerification> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(toBytes(zipBytes));
  } catch (error) {
    return { ok: false, problems: [{ kind: 'unreadable', detail: (error as Error).message }] };
  }
  const names = Object.keys(entries).filter((name) => !name.endsWith('/'));
  if (!names.includes(MANIFEST_NAME)) return { ok: false, problems: [{ kind: 'bad-manifest', detail: `${MANIFEST_NAME} is missing` }] };
  const manifest = parseManifest(entries[MANIFEST_NAME]);
  if (typeof manifest === 'string') return { ok: false, problems: [{ kind: 'bad-manifest', detail: manifest }] };

  const problems: EvidenceProblem[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.name);
    const bytes = Object.hasOwn(entries, file.name) ? entries[file.name] : undefined;
    if (!bytes) {
      problems.push({ kind: 'missing', file: file.name });
      continue;
    }
    if (bytes.length !== file.size) problems.push({ kind: 'size', file: file.name, expected: file.size, actual: bytes.length });
    const actual = await sha256Hex(bytes);
    if (actual !== file.sha256) problems.push({ kind: 'hash', file: file.name, expected: file.sha256, actual });
  }
  for (const name of names) if (name !== MANIFEST_NAME && !listed.has(name)) problems.push({ kind: 'extra', file: name });
  return { ok: problems.length === 0, manifest, problems };
}

/** One line per problem, for the CLI and the UI. */
export function describeEvidenceProblem(problem: EvidenceProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return `not a readable zip: ${problem.detail}`;
    case 'bad-manifest':
      return problem.detail;
    case 'missing':
      return `missing: ${problem.file}`;
    case 'extra':
      return `extra file not listed in ${MANIFEST_NAME}: ${problem.file}`;
    case 'size':
      return `size differs: ${problem.file} (listed ${problem.expected} bytes, found ${problem.actual})`;
    case 'hash':
      return `SHA-256 differs: ${problem.file} (listed ${problem.expected}, found ${problem.actual})`;
  }
}
