import { readFile } from 'node:fs/promises';
import { MatchIndex } from '../match/index.ts';
import { parseRegistryFile, RegistryFormatError } from '../registry/format.ts';
import type { Work } from '../registry/schema.ts';
import { workIdFor } from '../registry/work.ts';
import { collectInputs, inOrder, jobsOption, parseCommandArgs, UsageError } from './common.ts';
import { WorkerPool } from './pool.ts';
import type { Checked, Failure } from './tasks.ts';

export const CHECK_USAGE = `usage: reuse-radar check --registry <registry.json|.zip> [--json] <files|dirs…>

Checks images against a registry file (written by \`register\` or exported by the extension) and
reports, for each image, the registered works it copies, best match first.

  --registry FILE   the registry to check against
  --json            one JSON object per line: {"file", "matches": [...]} or {"file", "error"}
  --jobs N          worker threads (default: one per core)

Exits 0 when the run completes, whether or not anything matched or every file could be read.`;

export interface CheckMatch {
  workId: string;
  fileName: string;
  title: string;
  creator: string;
  /** Blockhash distance (bits of 256); smaller is closer. */
  distance: number;
  /** Distance of the confirming DCT hash. */
  confirmDistance: number;
  mirrored: boolean;
  /** The file is byte-for-byte the registered original. */
  identical: boolean;
}

export type CheckLine = { file: string; matches: CheckMatch[] } | { file: string; error: string };

async function loadRegistry(path: string): Promise<{ index: MatchIndex; works: Map<string, Work> }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the registry ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let parsed;
  try {
    parsed = parseRegistryFile(bytes);
  } catch (error) {
    if (error instanceof RegistryFormatError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
  const works = new Map(parsed.works.map(({ work }): [string, Work] => [work.id, work]));
  return { index: MatchIndex.of(works.values()), works };
}

function table(line: CheckLine): string {
  if ('error' in line) return `${line.file}\n    error: ${line.error}`;
  if (line.matches.length === 0) return `${line.file}\n    no match`;
  const rows = line.matches.map(
    (m) => `    ${m.identical ? 'identical' : `distance ${String(m.distance).padStart(2)}/${String(m.confirmDistance).padStart(2)}`}${m.mirrored ? ' mirrored' : ''}  ${m.fileName}  "${m.title}"${m.creator ? ` by ${m.creator}` : ''}  (${m.workId})`,
  );
  return [line.file, ...rows].join('\n');
}

/** `check`: one result per input image, in input order, streamed as they finish. */
export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    registry: { type: 'string' },
    json: { type: 'boolean' },
    jobs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(CHECK_USAGE);
    return 0;
  }
  if (!values.registry) throw new UsageError('--registry is required: the registry file to check against');
  if (positionals.length === 0) throw new UsageError('name the image files or directories to check');
  const jobs = jobsOption(values.jobs);
  const { index, works } = await loadRegistry(values.registry);
  const files = await collectInputs(positionals);
  if (files.length === 0) throw new UsageError(`no image files found in ${positionals.join(', ')}`);

  let matched = 0;
  let failed = 0;
  const started = performance.now();
  const pool = new WorkerPool(Math.min(jobs, files.length));
  try {
    await inOrder(
      files,
      pool.capacity,
      async (path): Promise<CheckLine> => {
        const result = (await pool.run({ kind: 'check', path })) as Checked | Failure;
        if (!result.ok) return { file: path, error: result.error };
        const found = index.match(result.query);
        // The very file registered is the best match there is, even when it is too flat to hash.
        const same = workIdFor(result.digest);
        const identical = works.get(same)?.digest === result.digest;
        if (identical && !found.some((m) => m.workId === same)) found.push({ workId: same, distance: 0, confirmDistance: 0, view: 0, mirrored: false });
        const matches = found.map((m): CheckMatch => {
          const work = works.get(m.workId)!;
          return {
            workId: m.workId,
            fileName: work.fileName,
            title: work.title,
            creator: work.creator,
            distance: m.distance,
            confirmDistance: m.confirmDistance,
            mirrored: m.mirrored,
            identical: identical && m.workId === same,
          };
        });
        matches.sort((a, b) => Number(b.identical) - Number(a.identical));
        return { file: path, matches };
      },
      (line) => {
        if ('error' in line) failed++;
        else if (line.matches.length > 0) matched++;
        process.stdout.write(`${values.json ? JSON.stringify(line) : table(line)}\n`);
      },
    );
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.error(`Checked ${files.length} file${files.length > 1 ? 's' : ''}: ${matched} matched, ${failed} unreadable; ${(files.length / seconds).toFixed(1)} images/s.`);
  return 0;
}
