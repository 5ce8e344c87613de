import { pathToFileURL } from 'node:url';
import { checkCommand } from './check.ts';
import { UsageError } from './common.ts';
import { registerCommand } from './register.ts';
import { verifyEvidenceCommand } from './verify-evidence.ts';

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** One line per command; each lives in its own file. */
const COMMANDS: Record<string, Command> = {
  register: { summary: 'hash your original images into a registry file the extension imports', run: registerCommand },
  check: { summary: 'check images against a registry file', run: checkCommand },
  'verify-evidence': { summary: 're-check every hash in an evidence pack', run: verifyEvidenceCommand },
};

const USAGE = `usage: reuse-radar <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(18)}${summary}`)
  .join('\n')}

Run \`reuse-radar <command> --help\` for a command's options.`;

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? console.error : console.log)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`reuse-radar: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`reuse-radar ${name}: ${error.message}\nRun \`reuse-radar ${name} --help\` for usage.`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
