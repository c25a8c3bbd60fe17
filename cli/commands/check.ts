// `reachmap check`: every intent of a file (docs/intents.md) against one
// snapshot, one line per result and the summary last; exit 1 when any fails.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import type { CheckReport } from '../../shared/api/intents.js';
import { action, addSnapshotOption, EXIT_EXPECTATION_FAILED, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { shown, writeText } from '../output.js';

interface CheckOptions extends SnapshotOptions {
  intents: string;
  json?: boolean;
  junit?: string;
}

function readIntentsFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`--intents: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function writeJunit(file: string, report: CheckReport): Promise<void> {
  const { junitXml } = await import('../check/junit.js');
  try {
    writeFileSync(file, junitXml(report));
  } catch (error) {
    throw new InputError(`--junit: cannot write "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function runCheck(options: CheckOptions): Promise<number> {
  // loaded when the command runs (YAML readers, the engine), not for --help
  const { describeResult, parseIntents, summaryLine } = await import('../../shared/api/intents.js');
  // the intents are validated before the snapshot is read: a typo fails fast
  const document = parseIntents(readIntentsFile(options.intents), options.intents);
  const service = await openServiceForCli(options);
  const report = await service.check(document);
  if (options.junit !== undefined) await writeJunit(options.junit, report);
  if (options.json) printJson(report);
  // one line per result: whatever its names hold
  else writeText(`${[...report.results.map((result) => shown(describeResult(result))), summaryLine(report.summary)].join('\n')}\n`);
  return report.summary.failed === 0 ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}

export function registerCheckCommand(program: Command): void {
  const command = program
    .command('check')
    .description('check a file of intended flows and exposure rules (docs/intents.md); exit 1 when any fails')
    .requiredOption('--intents <file>', 'intents file, YAML or JSON')
    .option('--json', 'print one JSON document (docs/schemas/check.schema.json)')
    .option('--junit <file>', 'also write the results as JUnit XML');
  addSnapshotOption(command).action(action((options: CheckOptions) => runCheck(options)));
}
