// The `reachmap` command line. Each command lives in cli/commands/<name>.ts
// and registers itself here; a command is listed only once it works.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { packageRoot } from '../shared/api/snapshot/node.js';
import { EXIT_BAD_INPUT, EXIT_OK, reportError } from './common.js';
import { registerAnalyzeCommand } from './commands/analyze.js';
import { registerGraphCommand } from './commands/graph.js';
import { registerCheckCommand } from './commands/check.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSnapshotCommand } from './commands/snapshot.js';
import { registerProfilesCommand } from './commands/profiles.js';
import { registerReportCommand } from './commands/report.js';

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

export function createProgram(): Command {
  const program = new Command('reachmap')
    .description('Why can this machine not be reached? Reachability analysis of AWS network snapshots.')
    .version(version(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride();
  program.configureOutput({
    // commander's own messages ("error: unknown option ...") are the one line that bad usage gets
    outputError: (text, write) => write(`${text.trim().split('\n')[0]}\n`),
  });
  registerAnalyzeCommand(program);
  registerGraphCommand(program);
  registerCheckCommand(program);
  registerServeCommand(program);
  registerSnapshotCommand(program);
  registerProfilesCommand(program);
  registerReportCommand(program);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram();
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exitCode = quiet ? EXIT_OK : EXIT_BAD_INPUT;
      return;
    }
    process.exitCode = reportError(error);
  }
}

await main(process.argv);
