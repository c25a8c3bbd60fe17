// The `reachmap` command line. Each command lives in cli/commands/<name>.ts
// and registers itself here; a command is listed only once it works.
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../shared/api/package-root/node.js';
import { EXIT_BAD_INPUT, EXIT_OK, reportError } from './common.js';
import { shown } from './output.js';

/**
 * The commands, in --help order. Each is loaded only when it runs (or for the
 * full --help). A command module holds its options and its text output only:
 * what answers it (the importer, the engine, the intents reader, the AWS SDK,
 * playwright) is imported when its action runs, so that --help, --version and
 * a command's own start-up do not pay for what they never use.
 */
const commandLoaders: Record<string, () => Promise<(program: Command) => void>> = {
  analyze: async () => (await import('./commands/analyze.js')).registerAnalyzeCommand,
  allowed: async () => (await import('./commands/allowed.js')).registerAllowedCommand,
  graph: async () => (await import('./commands/graph.js')).registerGraphCommand,
  exposure: async () => (await import('./commands/exposure.js')).registerExposureCommand,
  diagnose: async () => (await import('./commands/diagnose.js')).registerDiagnoseCommand,
  check: async () => (await import('./commands/check.js')).registerCheckCommand,
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
  snapshot: async () => (await import('./commands/snapshot.js')).registerSnapshotCommand,
  profiles: async () => (await import('./commands/profiles.js')).registerProfilesCommand,
  report: async () => (await import('./commands/report.js')).registerReportCommand,
  problems: async () => (await import('./commands/problems.js')).registerProblemsCommand,
  diff: async () => (await import('./commands/diff.js')).registerDiffCommand,
  flowlogs: async () => (await import('./commands/flowlogs.js')).registerFlowLogsCommand,
};

/** Registers the named commands, or every command when `only` is undefined. */
export async function createProgram(only?: string): Promise<Command> {
  const program = new Command('reachmap')
    .description('Why can this machine not be reached? Reachability analysis of AWS network snapshots.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride();
  program.configureOutput({
    // commander's own messages ("error: unknown option ...") are the one line that bad usage gets
    // they quote the command line's words: shown escaped
    outputError: (text, write) => write(`${shown(text.trim().split('\n')[0]!)}\n`),
  });
  const names = only !== undefined && only in commandLoaders ? [only] : Object.keys(commandLoaders);
  const registrations = await Promise.all(names.map((name) => commandLoaders[name]!()));
  for (const register of registrations) register(program);
  return program;
}

/** The subcommand named on the command line, if any (the first word that is not an option). */
function commandNamed(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((word) => !word.startsWith('-'));
}

async function main(argv: readonly string[]): Promise<void> {
  const program = await createProgram(commandNamed(argv));
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
