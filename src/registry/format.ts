import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ENGINE_VERSION, upgradeFingerprint, VIEW_BYTES } from '../match/index.ts';
import { base64ToBytes, bytesToBase64 } from '../match/codec.ts';
import type { Authorship, Cmi, EditStep, EvidenceFile, PromptRevision, ToolUse, Work } from './schema.ts';
import { encodeJsonDocument, JsonBytesError, parseJsonDocument } from './json-bytes.ts';
import type { ImportedWork, Registry } from './store.ts';
import { createWork, workIdFor } from './work.ts';

/** The one file format for moving a registry between browsers, machines and the CLI: docs/registry-format.md. */
export const REGISTRY_FORMAT = 'reuse-radar-registry';
export const REGISTRY_FORMAT_VERSION = 1;
/** Name of the JSON document inside a zipped export. */
export const ZIP_REGISTRY_ENTRY = 'registry.json';

export type RegistryFileThumbnail = { type: string; data: string } | { type: string; path: string };

/** A work as the file spells it: the fingerprint's views are base64. */
export type RegistryFileWork = Omit<Work, 'fingerprint'> & { fingerprint: { engine: string; views: string }; thumbnail?: RegistryFileThumbnail };

export interface RegistryFile {
  format: typeof REGISTRY_FORMAT;
  version: number;
  exportedAt: string;
  engine: string;
  works: RegistryFileWork[];
}

export type RegistryFormatProblem =
  | 'empty'
  | 'damaged-zip'
  | 'not-text'
  | 'truncated'
  | 'not-json'
  | 'wrong-format'
  | 'newer-version'
  | 'other-engine'
  | 'invalid';

/** Why a file cannot be imported, worded for the creator; `path` names the offending field. */
export class RegistryFormatError extends Error {
  override name = 'RegistryFormatError';
  constructor(
    readonly problem: RegistryFormatProblem,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** A validated file, ready for `importRegistry`. */
export interface ParsedRegistry {
  exportedAt: string;
  engine: string;
  works: ImportedWork[];
}

export interface ExportEntry {
  work: Work;
  thumbnail?: { type: string; bytes: ArrayBuffer | Uint8Array };
}

export interface ExportOptions {
  /** Include thumbnails (default true): inline base64 in JSON, or as files in the zip. */
  thumbnails?: boolean;
  /** Write a zip with registry.json and thumbnails/<id>.<ext> instead of one JSON file (default false). */
  zip?: boolean;
  /** Override the export time (UTC, ISO 8601); defaults to now. */
  exportedAt?: string;
}

export interface ExportedFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

const THUMBNAIL_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

// ---------------------------------------------------------------- writing

function asBytes(bytes: ArrayBuffer | Uint8Array): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/**
 * fflate writes only the classic end record, whose entry count is 16 bits: past 65,535 files
 * (thumbnails of a large registry) readers would see a fraction of the archive. Adds the ZIP64
 * end record and locator that carry the full count (offsets stay 32-bit: archives under 4 GB).
 */
export function withZip64End(zip: Uint8Array, count: number): Uint8Array {
  const eocd = zip.length - 22;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const out = new Uint8Array(zip.length + 76);
  out.set(zip.subarray(0, eocd));
  const end = new DataView(out.buffer, eocd);
  end.setUint32(0, 0x06064b50, true); // ZIP64 end of central directory record
  end.setBigUint64(4, 44n, true);
  end.setUint16(12, 45, true);
  end.setUint16(14, 45, true);
  end.setBigUint64(24, BigInt(count), true);
  end.setBigUint64(32, BigInt(count), true);
  end.setBigUint64(40, BigInt(cdSize), true);
  end.setBigUint64(48, BigInt(cdOffset), true);
  end.setUint32(56, 0x07064b50, true); // ZIP64 end of central directory locator
  end.setBigUint64(64, BigInt(eocd), true);
  end.setUint32(72, 1, true);
  out.set(zip.subarray(eocd), eocd + 76);
  end.setUint16(76 + 8, 0xffff, true);
  end.setUint16(76 + 10, 0xffff, true);
  return out;
}

/** Encodes works (and optionally their thumbnails) in the registry format. Shared by the extension and the CLI. */
export function encodeRegistry(entries: readonly ExportEntry[], { thumbnails = true, zip = false, exportedAt }: ExportOptions = {}): Uint8Array {
  // registry.json first, so streaming zip readers meet it before the thumbnails.
  const files: Zippable = { [ZIP_REGISTRY_ENTRY]: new Uint8Array() };
  const works = entries.map(({ work: { fingerprint, ...rest }, thumbnail }): RegistryFileWork => {
    const work = { ...rest, fingerprint: { engine: fingerprint.engine, views: bytesToBase64(fingerprint.views) } };
    if (!thumbnails || !thumbnail) return work;
    const bytes = asBytes(thumbnail.bytes);
    if (!zip) return { ...work, thumbnail: { type: thumbnail.type, data: bytesToBase64(bytes) } };
    const path = `thumbnails/${work.id}.${THUMBNAIL_TYPES[thumbnail.type] ?? 'bin'}`;
    // Thumbnails are compressed images already: storing them is as small and much faster.
    files[path] = [bytes, { level: 0 }];
    return { ...work, thumbnail: { type: thumbnail.type, path } };
  });
  const head: Omit<RegistryFile, 'works'> = { format: REGISTRY_FORMAT, version: REGISTRY_FORMAT_VERSION, exportedAt: exportedAt ?? new Date().toISOString(), engine: ENGINE_VERSION };
  const json = encodeJsonDocument(head, 'works', works);
  if (!zip) return json;
  files[ZIP_REGISTRY_ENTRY] = json;
  const count = Object.keys(files).length;
  // Level 1: base64 fingerprints barely compress further, and a 100,000-work export is 600 MB of JSON.
  const archive = zipSync(files, { level: 1 });
  return count > 0xffff ? withZip64End(archive, count) : archive;
}

/** The whole registry as one file, oldest work first. */
export async function exportRegistry(registry: Registry, options: ExportOptions = {}): Promise<ExportedFile> {
  const { thumbnails = true, zip = false } = options;
  const works = (await registry.listWorks()).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
  const byId = new Map(thumbnails ? (await registry.listThumbnails()).map((t) => [t.workId, t]) : []);
  const entries = works.map((work) => ({ work, thumbnail: byId.get(work.id) }));
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  return {
    bytes: encodeRegistry(entries, { thumbnails, zip, exportedAt }),
    fileName: `reuse-radar-registry-${exportedAt.slice(0, 10)}.${zip ? 'zip' : 'json'}`,
    mimeType: zip ? 'application/zip' : 'application/json',
  };
}

// ---------------------------------------------------------------- reading

type Json = unknown;

function invalid(path: string, message: string): never {
  throw new RegistryFormatError('invalid', `${path} ${message}.`, path);
}

function object(value: Json, path: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(path, 'must be an object');
  return value as Record<string, Json>;
}

function array(value: Json, path: string): Json[] {
  if (!Array.isArray(value)) invalid(path, 'must be a list');
  return value;
}

function string(value: Json, path: string, { nonEmpty = false } = {}): string {
  if (typeof value !== 'string') invalid(path, 'must be text');
  if (nonEmpty && value.trim() === '') invalid(path, 'must not be empty');
  return value;
}

function optional<T, F = T>(record: Record<string, Json>, key: string, path: string, read: (value: Json, path: string) => T, fallback: F): T | F {
  return record[key] === undefined ? fallback : read(record[key], `${path}.${key}`);
}

function date(value: Json, path: string): string {
  const text = string(value, path);
  if (Number.isNaN(Date.parse(text))) invalid(path, `must be an ISO 8601 date, not "${text}"`);
  return text;
}

function dateOrNull(value: Json, path: string): string | null {
  return value === null ? null : date(value, path);
}

function integer(value: Json, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) invalid(path, `must be a whole number ≥ ${min}`);
  return value;
}

function boolean(value: Json, path: string): boolean {
  if (typeof value !== 'boolean') invalid(path, 'must be true or false');
  return value;
}

function hex(value: Json, path: string, length: number): string {
  const text = string(value, path);
  if (text.length !== length || !/^[0-9a-f]+$/.test(text)) invalid(path, `must be ${length} lowercase hexadecimal digits`);
  return text;
}

function list<T>(read: (value: Json, path: string) => T) {
  return (value: Json, path: string): T[] => array(value, path).map((item, i) => read(item, `${path}[${i}]`));
}

function url(value: Json, path: string): string {
  const text = string(value, path);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    invalid(path, `must be a web address, not "${text}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') invalid(path, 'must be an http(s) address');
  return text;
}

function tool(value: Json, path: string): ToolUse {
  const o = object(value, path);
  const kind = optional(o, 'kind', path, string, 'other');
  if (!['software', 'model', 'hardware', 'other'].includes(kind)) invalid(`${path}.kind`, 'must be software, model, hardware or other');
  return { name: string(o.name, `${path}.name`, { nonEmpty: true }), version: optional(o, 'version', path, string, ''), kind: kind as ToolUse['kind'] };
}

function prompt(value: Json, path: string): PromptRevision {
  const o = object(value, path);
  return {
    prompt: string(o.prompt, `${path}.prompt`),
    negativePrompt: optional(o, 'negativePrompt', path, string, ''),
    at: optional(o, 'at', path, dateOrNull, null),
    note: optional(o, 'note', path, string, ''),
  };
}

function edit(value: Json, path: string): EditStep {
  const o = object(value, path);
  return {
    description: string(o.description, `${path}.description`, { nonEmpty: true }),
    tool: optional(o, 'tool', path, string, ''),
    at: optional(o, 'at', path, dateOrNull, null),
  };
}

function evidence(value: Json, path: string): EvidenceFile {
  const o = object(value, path);
  return { name: string(o.name, `${path}.name`, { nonEmpty: true }), sha256: hex(o.sha256, `${path}.sha256`, 64), size: integer(o.size, `${path}.size`, 0) };
}

function parameters(value: Json, path: string): Authorship['parameters'] {
  const o = object(value, path);
  for (const [key, v] of Object.entries(o)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) invalid(`${path}.${key}`, 'must be text, a number, or true/false');
  }
  return o as Authorship['parameters'];
}

function authorship(value: Json, path: string): Authorship {
  const o = object(value, path);
  return {
    aiGenerated: optional(o, 'aiGenerated', path, boolean, false),
    tools: optional(o, 'tools', path, list(tool), []),
    prompts: optional(o, 'prompts', path, list(prompt), []),
    seeds: optional(o, 'seeds', path, list(string), []),
    parameters: optional(o, 'parameters', path, parameters, {}),
    candidates: optional(o, 'candidates', path, (v, p) => (v === null ? null : integer(v, p, 1)), null),
    chosen: optional(o, 'chosen', path, string, ''),
    edits: optional(o, 'edits', path, list(edit), []),
    evidence: optional(o, 'evidence', path, list(evidence), []),
    notes: optional(o, 'notes', path, string, ''),
  };
}

const CMI_TEXT_FIELDS = ['artist', 'copyright', 'creator', 'rights', 'credit', 'title', 'description', 'usageTerms', 'createDate'] as const;

function cmi(value: Json, path: string): Cmi {
  const o = object(value, path);
  const result: Cmi = { c2pa: optional(o, 'c2pa', path, boolean, false) };
  for (const key of CMI_TEXT_FIELDS) if (o[key] !== undefined) result[key] = string(o[key], `${path}.${key}`);
  return result;
}

function fingerprint(value: Json, path: string): Work['fingerprint'] {
  const o = object(value, path);
  const engine = string(o.engine, `${path}.engine`);
  if (engine !== ENGINE_VERSION) {
    const upgraded = upgradeFingerprint({ engine, views: o.views });
    if (upgraded) return upgraded;
    throw new RegistryFormatError(
      'other-engine',
      `${path} was made by matching engine "${engine}", but this version of Reuse Radar uses "${ENGINE_VERSION}": register the original images again instead.`,
      `${path}.engine`,
    );
  }
  // Views are the engine's business: the registry checks only that they are whole views. None (an
  // empty string) is the engine's answer for a picture too flat to hash; such a work never matches.
  const views = base64(o.views, `${path}.views`);
  if (views.length % VIEW_BYTES !== 0) invalid(`${path}.views`, `must hold whole views of ${VIEW_BYTES} bytes`);
  return { engine, views };
}

function base64(value: Json, path: string): Uint8Array {
  const bytes = base64ToBytes(string(value, path));
  if (!bytes) invalid(path, 'is not valid base64 (RFC 4648, padded)');
  return bytes;
}

function thumbnail(value: Json, path: string, zipFiles: Record<string, Uint8Array> | undefined): ImportedWork['thumbnail'] {
  const o = object(value, path);
  const type = string(o.type, `${path}.type`);
  if (!(type in THUMBNAIL_TYPES)) invalid(`${path}.type`, `must be one of ${Object.keys(THUMBNAIL_TYPES).join(', ')}`);
  if (o.data !== undefined) return { type, bytes: base64(o.data, `${path}.data`).buffer as ArrayBuffer };
  const file = string(o.path, `${path}.path`, { nonEmpty: true });
  const bytes = zipFiles?.[file];
  if (!bytes) invalid(`${path}.path`, zipFiles ? `names "${file}", which is not in the zip archive` : 'needs the zip archive it came in; this is a lone JSON file');
  return { type, bytes: bytes.slice().buffer };
}

function work(value: Json, path: string, exportedAt: string, zipFiles: Record<string, Uint8Array> | undefined): ImportedWork {
  const o = object(value, path);
  const digest = hex(o.digest, `${path}.digest`, 64);
  if (o.id !== undefined && o.id !== workIdFor(digest)) invalid(`${path}.id`, `does not belong to its digest (expected "${workIdFor(digest)}")`);
  const fields = createWork(
    {
      title: string(o.title, `${path}.title`),
      fileName: string(o.fileName, `${path}.fileName`, { nonEmpty: true }),
      digest,
      width: integer(o.width, `${path}.width`, 1),
      height: integer(o.height, `${path}.height`, 1),
      fingerprint: fingerprint(o.fingerprint, `${path}.fingerprint`),
      creator: optional(o, 'creator', path, string, ''),
      createdAt: optional(o, 'createdAt', path, dateOrNull, null),
      publicationUrls: optional(o, 'publicationUrls', path, list(url), []),
      licence: optional(o, 'licence', path, string, ''),
      authorship: optional(o, 'authorship', path, authorship, undefined),
      cmi: optional(o, 'cmi', path, cmi, undefined),
    },
    optional(o, 'addedAt', path, date, exportedAt),
  );
  const thumb = o.thumbnail === undefined ? undefined : thumbnail(o.thumbnail, `${path}.thumbnail`, zipFiles);
  return thumb ? { work: fields, thumbnail: thumb } : { work: fields };
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The JSON bytes of a file, unzipping first when it is a zip archive. */
function readDocument(input: Uint8Array | ArrayBuffer | string): { json: Uint8Array; zipFiles?: Record<string, Uint8Array> } {
  const bytes = typeof input === 'string' ? strToU8(input) : asBytes(input);
  if (!isZip(bytes)) return { json: bytes };
  let zipFiles: Record<string, Uint8Array>;
  try {
    zipFiles = unzipSync(bytes);
  } catch (error) {
    throw new RegistryFormatError('damaged-zip', `The zip archive is damaged or incomplete (was it cut short while copying?): ${(error as Error).message}.`);
  }
  const json = zipFiles[ZIP_REGISTRY_ENTRY];
  if (!json) throw new RegistryFormatError('wrong-format', `This zip archive is not a Reuse Radar registry: it has no ${ZIP_REGISTRY_ENTRY}.`);
  return { json, zipFiles };
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09);
}

/**
 * Reads and checks an export file completely, so that nothing is written unless all of it is
 * good. Throws RegistryFormatError naming the problem (and the field, for invalid works).
 */
export function parseRegistryFile(input: Uint8Array | ArrayBuffer | string): ParsedRegistry {
  const { json, zipFiles } = readDocument(input);
  if (isBlank(json)) throw new RegistryFormatError('empty', 'The file is empty.');
  let root: Json;
  try {
    root = parseJsonDocument(json, 'works');
  } catch (error) {
    if (!(error instanceof JsonBytesError)) throw error;
    if (error.kind === 'truncated') {
      throw new RegistryFormatError('truncated', 'The file ends part-way through: it was probably cut short while copying or downloading. Export the registry again.');
    }
    if (error.kind === 'not-utf8') throw new RegistryFormatError('not-text', 'This is not a Reuse Radar registry file: it is neither a JSON text file nor a zip archive.');
    throw new RegistryFormatError('not-json', `This is not a Reuse Radar registry file: it is not valid JSON (${error.message.replace(/\s+/g, ' ')}).`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root) || (root as Record<string, Json>).format !== REGISTRY_FORMAT) {
    throw new RegistryFormatError('wrong-format', `This JSON file is not a Reuse Radar registry: it lacks "format": "${REGISTRY_FORMAT}".`);
  }
  const file = root as Record<string, Json>;
  const version = file.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) invalid('version', 'must be a whole number ≥ 1');
  if (version > REGISTRY_FORMAT_VERSION) {
    throw new RegistryFormatError(
      'newer-version',
      `This registry was exported by a newer Reuse Radar (format version ${version}); this version reads up to version ${REGISTRY_FORMAT_VERSION}. Update Reuse Radar, then import it again.`,
      'version',
    );
  }
  const exportedAt = date(file.exportedAt, 'exportedAt');
  const engine = string(file.engine, 'engine');
  const seen = new Map<string, number>();
  const works = array(file.works, 'works').map((value, i) => {
    const entry = work(value, `works[${i}]`, exportedAt, zipFiles);
    const earlier = seen.get(entry.work.digest);
    if (earlier !== undefined) invalid(`works[${i}].digest`, `repeats the content of works[${earlier}]`);
    seen.set(entry.work.digest, i);
    return entry;
  });
  return { exportedAt, engine, works };
}

export interface ImportReport {
  /** Works that were not registered before. */
  added: number;
  /** Works whose content was registered already; their stored metadata is kept. */
  skipped: number;
}

/** Merges a parsed file into the registry by content, in one transaction. */
export function importRegistry(registry: Registry, parsed: ParsedRegistry): Promise<ImportReport> {
  return registry.importWorks(parsed.works);
}
