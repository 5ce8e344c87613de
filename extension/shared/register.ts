import { sha256Hex } from '../../src/image.ts';
import { fingerprintWork } from '../../src/match/index.ts';
import { readEmbeddedMetadata } from '../../src/registry/metadata.ts';
import { workIdFor, type Registry } from '../../src/registry/store.ts';
import { titleFromFileName } from '../../src/registry/work.ts';
import { EMPTY_CMI, type Cmi, type Work } from '../../src/registry/schema.ts';
import { decodeBlob, thumbnailOf, UndecodableImageError } from './pixels.ts';

/** Files larger than this are refused before they are read: no camera or export is this big. */
export const MAX_WORK_BYTES = 200 * 1024 * 1024;

/** Why a file was not registered; the page words each reason for the creator. */
export type RegisterFailure = 'unsupported' | 'undecodable' | 'too-large' | 'featureless' | 'error';

export class RegisterError extends Error {
  constructor(
    readonly reason: RegisterFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Extensions of the image formats browsers decode; used when a file comes without a MIME type. */
const IMAGE_EXTENSIONS = /\.(jpe?g|jfif|pjpeg|png|apng|gif|webp|avif|bmp|ico|tiff?)$/i;

/** Whether a file looks like an image worth trying to decode (folders hold other files too). */
export function isImageFile(file: { name: string; type: string }): boolean {
  if (file.type) return file.type.startsWith('image/') && file.type !== 'image/svg+xml';
  return IMAGE_EXTENSIONS.test(file.name);
}

/** The file's embedded CMI; damaged metadata is no reason to refuse an image that decodes. */
async function embeddedCmi(bytes: Uint8Array): Promise<Cmi> {
  try {
    return await readEmbeddedMetadata(bytes);
  } catch {
    return { ...EMPTY_CMI };
  }
}

/**
 * Hashes an image file in this browser and stores it as a work, with its thumbnail and the
 * copyright information embedded in the file. A file already registered (same bytes) is
 * recognised by its digest before it is decoded, and is not added twice.
 *
 * The one way to register a file in the extension: the options page (in its worker pool),
 * the right-click menu and any other caller go through here, so a work hashes the same
 * wherever it was added.
 */
export async function registerImageFile(registry: Registry, file: Blob, fileName: string): Promise<{ work: Work; added: boolean }> {
  if (file.size > MAX_WORK_BYTES) throw new RegisterError('too-large', `larger than ${MAX_WORK_BYTES / 1024 / 1024} MB`);
  if (file.size === 0) throw new RegisterError('undecodable', 'empty file');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = await sha256Hex(bytes);
  const known = await registry.getWork(workIdFor(digest));
  if (known) return { work: known, added: false };
  let decoded;
  try {
    decoded = await decodeBlob(file);
  } catch (error) {
    if (error instanceof UndecodableImageError) throw new RegisterError('undecodable', error.message);
    throw error;
  }
  try {
    const fingerprint = fingerprintWork(decoded.pixels);
    // A flat or near-empty picture gives the engine nothing to recognise: as a work it could never
    // match a copy (and the export format rightly refuses a fingerprint without views).
    if (fingerprint.views.length === 0) throw new RegisterError('featureless', 'too plain to be recognised');
    const thumbnail = await thumbnailOf(decoded.reduced);
    return await registry.addWork({
      title: titleFromFileName(fileName),
      fileName,
      digest,
      width: decoded.width,
      height: decoded.height,
      fingerprint,
      cmi: await embeddedCmi(bytes),
      thumbnail: { type: thumbnail.type, bytes: await thumbnail.arrayBuffer() },
    });
  } finally {
    decoded.bitmap.close();
  }
}

/** A file to register, as the options page hands it to a registration worker. */
export interface RegisterJob {
  id: number;
  file: Blob;
  fileName: string;
}

/** What became of a job: structured-cloneable, so workers can post it back. */
export type RegisterOutcome =
  | { id: number; ok: true; workId: string; title: string; added: boolean }
  | { id: number; ok: false; reason: RegisterFailure; message: string };

/** `registerImageFile` for a job, with any failure turned into an outcome instead of a throw. */
export async function runRegisterJob(registry: Registry | Promise<Registry>, { id, file, fileName }: RegisterJob): Promise<RegisterOutcome> {
  try {
    const { work, added } = await registerImageFile(await registry, file, fileName);
    return { id, ok: true, workId: work.id, title: work.title, added };
  } catch (error) {
    if (error instanceof RegisterError) return { id, ok: false, reason: error.reason, message: error.message };
    return { id, ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
