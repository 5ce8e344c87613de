import { writeFile } from 'node:fs/promises';
import { encodeRegistry, type ExportEntry } from '../registry/format.ts';
import { collectInputs, inOrder, jobsOption, parseCommandArgs, UsageError } from './common.ts';
import { WorkerPool } from './pool.ts';
import type { Failure, Registered } from './tasks.ts';

export const REGISTER_USAGE = `usage: reuse-radar register <files|dirs…> --out <registry.json|registry.zip> [options]

Hashes your original images with the extension's engine and writes a registry file the extension
imports (Options → Import). Directories are searched recursively for image files.

  --out FILE        where to write; a .zip name writes thumbnails as files beside registry.json
  --creator NAME    creator name recorded on every work
  --licence TEXT    licence or terms recorded on every work
  --no-thumbnails   leave thumbnails out (smaller file; the extension shows placeholders)
  --jobs N          worker threads (default: one per core)`;

/** `register`: one work per distinct file content, in input order. */
export async function registerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string' },
    creator: { type: 'string' },
    licence: { type: 'string' },
    'no-thumbnails': { type: 'boolean' },
    jobs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(REGISTER_USAGE);
    return 0;
  }
  if (!values.out) throw new UsageError('--out is required: the registry file to write');
  if (positionals.length === 0) throw new UsageError('name the image files or directories to register');
  const jobs = jobsOption(values.jobs);
  const files = await collectInputs(positionals);
  if (files.length === 0) throw new UsageError(`no image files found in ${positionals.join(', ')}`);

  const addedAt = new Date().toISOString();
  const entries: ExportEntry[] = [];
  const seen = new Map<string, string>();
  let failed = 0;
  let duplicates = 0;
  const started = performance.now();
  const pool = new WorkerPool(Math.min(jobs, files.length));
  try {
    await inOrder(
      files,
      pool.capacity,
      (path) => pool.run({ kind: 'register', path, options: { creator: values.creator, licence: values.licence, addedAt } }) as Promise<Registered | Failure>,
      (result, file) => {
        if (!result.ok) {
          failed++;
          console.error(`skipped ${file}: ${result.error}`);
        } else if (seen.has(result.work.digest)) {
          duplicates++;
          console.error(`skipped ${file}: same content as ${seen.get(result.work.digest)}`);
        } else {
          if (result.work.fingerprint.views.length === 0) console.error(`warning: ${file} has too little detail to fingerprint; it is registered but will never match`);
          seen.set(result.work.digest, file);
          entries.push({ work: result.work, thumbnail: { type: 'image/jpeg', bytes: result.thumbnail } });
        }
      },
    );
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (entries.length === 0) {
    console.error(`No work registered: none of the ${files.length} files could be read as an image. ${values.out} was not written.`);
    return 1;
  }
  const zip = values.out.toLowerCase().endsWith('.zip');
  try {
    await writeFile(values.out, encodeRegistry(entries, { zip, thumbnails: !values['no-thumbnails'], exportedAt: addedAt }));
  } catch (error) {
    console.error(`Cannot write ${values.out}: ${(error as Error).message}`);
    return 1;
  }
  const notes = [duplicates && `${duplicates} duplicate${duplicates > 1 ? 's' : ''} skipped`, failed && `${failed} unreadable`].filter(Boolean);
  console.error(
    `Registered ${entries.length} work${entries.length > 1 ? 's' : ''} in ${values.out}${notes.length ? ` (${notes.join(', ')})` : ''}; ` +
      `${(files.length / seconds).toFixed(1)} images/s.`,
  );
  return 0;
}
