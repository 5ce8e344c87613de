import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import sharp from 'sharp';
import type { RgbaImage } from '../image.ts';
import { decodeFile } from '../node/decode.ts';
import { DEFAULT_WORKERS } from './pool.ts';

/** A mistake in how the command was called: main prints the message and the usage, no stack. */
export class UsageError extends Error {}

/** Extensions looked for inside directories; files named explicitly are always tried. */
const IMAGE_EXTENSIONS = /\.(jpe?g|jfif|png|gif|webp|avif|tiff?)$/i;

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/** `--jobs`: worker threads to hash with; by default one per core. */
export function jobsOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WORKERS;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${value}"`);
  return jobs;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile() && IMAGE_EXTENSIONS.test(entry.name)) out.push(path);
  }
}

/**
 * The image files named by the arguments: directories are searched recursively for image
 * extensions; anything else is kept as given, so a missing or unreadable file gets reported
 * in its place instead of silently vanishing.
 */
export async function collectInputs(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) await walk(path, files);
    else files.push(path);
  }
  return files;
}

/**
 * Runs `task` over `items` with at most `jobs` in flight and hands each result to `emit` in input
 * order, as soon as it and all before it are done (so output streams, in a stable order).
 */
export async function inOrder<T, R>(items: readonly T[], jobs: number, task: (item: T) => Promise<R>, emit: (result: R, item: T) => void): Promise<void> {
  const results = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results.set(i, await task(items[i]));
      while (results.has(emitted)) {
        emit(results.get(emitted)!, items[emitted]);
        results.delete(emitted++);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

export interface LoadedImage {
  bytes: Buffer;
  /** SHA-256 of the file's bytes, hex. */
  digest: string;
  /** Decoded as the extension decodes (orientation applied, ≤ DECODE_MAX_SIDE). */
  pixels: RgbaImage;
}

/** Reads and decodes one file; throws with a message fit to show next to the file name. */
export async function loadImage(path: string): Promise<LoadedImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read file: ${(error as Error).message}`, { cause: error });
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  return { bytes, digest, pixels: await decodeFile(bytes) };
}

/** Width and height of the original as displayed (EXIF orientation applied). */
export async function displaySize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes).metadata();
  return { width: meta.autoOrient.width, height: meta.autoOrient.height };
}

/** A small JPEG for the registry views, as the extension makes them (≤ 192 px, quality 82). */
export async function thumbnailJpeg(pixels: RgbaImage): Promise<Buffer> {
  return sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } })
    .resize(192, 192, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82 })
    .toBuffer();
}
