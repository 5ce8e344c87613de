import { basename } from 'node:path';
import { fingerprintQuery, fingerprintWork, type QueryFingerprint } from '../match/index.ts';
import { readEmbeddedMetadata } from '../registry/metadata.ts';
import type { Work } from '../registry/schema.ts';
import { createWork, titleFromFileName } from '../registry/work.ts';
import { displaySize, loadImage, thumbnailJpeg } from './common.ts';

/** The per-file work of the CLI, run in worker threads: plain data in, plain data out. */

export interface RegisterOptions {
  creator?: string;
  licence?: string;
  addedAt: string;
}

export type Failure = { ok: false; error: string };
export type Registered = { ok: true; work: Work; thumbnail: Uint8Array };
export type Checked = { ok: true; digest: string; query: QueryFingerprint };

export type Task = { kind: 'register'; path: string; options: RegisterOptions } | { kind: 'check'; path: string };
export type TaskResult = Registered | Checked | Failure;

export async function registerFile(path: string, options: RegisterOptions): Promise<Registered | Failure> {
  try {
    const { bytes, digest, pixels } = await loadImage(path);
    const [size, cmi, thumbnail] = await Promise.all([displaySize(bytes), readEmbeddedMetadata(bytes), thumbnailJpeg(pixels)]);
    const fileName = basename(path);
    const work = createWork(
      { title: titleFromFileName(fileName), fileName, digest, ...size, fingerprint: fingerprintWork(pixels), creator: options.creator, licence: options.licence, cmi },
      options.addedAt,
    );
    return { ok: true, work, thumbnail };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export async function checkFile(path: string): Promise<Checked | Failure> {
  try {
    const { digest, pixels } = await loadImage(path);
    return { ok: true, digest, query: fingerprintQuery(pixels) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export function runTask(task: Task): Promise<TaskResult> {
  return task.kind === 'register' ? registerFile(task.path, task.options) : checkFile(task.path);
}
