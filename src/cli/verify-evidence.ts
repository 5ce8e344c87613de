import { readFile } from 'node:fs/promises';
import { describeEvidenceProblem, verifyEvidencePack } from '../notice/evidence.ts';

const USAGE = `usage: reuse-radar verify-evidence <pack.zip>

Re-hashes every file in an evidence pack and compares it with evidence.json.
Prints OK (exit 0), or each file that is missing, extra or differs (exit 1).`;

/** `verify-evidence pack.zip`: prints OK or what differs; exit code 0 on OK, 1 otherwise. */
export async function verifyEvidenceCommand(args: string[]): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error(USAGE);
    return 1;
  }
  const [path] = args;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    console.error(`${path}: ${(error as Error).message}`);
    return 1;
  }
  const result = await verifyEvidencePack(bytes);
  if (result.ok) {
    console.log(`OK: ${path}: ${result.manifest!.files.length} files match evidence.json`);
    return 0;
  }
  console.log(`FAILED: ${path}`);
  for (const problem of result.problems) console.log(`  ${describeEvidenceProblem(problem)}`);
  return 1;
}
