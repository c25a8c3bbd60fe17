// `reachmap check`: every intent of a file (docs/intents.md) against one
// snapshot, one line per result and the summary last; exit 1 when any fails.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import type { CheckReport } from '../../shared/api/intents.js';
import { action, addSnapshotOption, EXIT_EXPECTATION_FAILED, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { readIntentsOption } from '../intents-file.js';
import { shown, writeErrorText, writeText } from '../output.js';
import { addProblemsOptions, problemsAsText, problemsExit, waive, type ProblemsOptions } from './problems.js';

interface CheckOptions extends SnapshotOptions, ProblemsOptions {
  intents: string;
  json?: boolean;
  junit?: string;
  problems?: boolean;
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
  const { describeResult, summaryLine } = await import('../../shared/api/intents.js');
  const document = await readIntentsOption(options.intents);
  const service = await openServiceForCli(options);
  const report = await service.check(document);
  if (options.junit !== undefined) await writeJunit(options.junit, report);
  // --problems: the review list as part of the check, with its own --fail-on and --ignore
  const problems = options.problems ? await waive(await service.problems(), options.ignore) : undefined;
  if (options.json) printJson(problems ? { ...report, problems } : report);
  else {
    // one line per result: whatever its names hold
    writeText(`${[...report.results.map((result) => shown(describeResult(result))), summaryLine(report.summary)].join('\n')}\n`);
    if (problems) writeText(`\n${problemsAsText(problems)}`);
  }
  if (!options.problems && (options.failOn !== undefined || options.ignore !== undefined)) writeErrorText('note: --fail-on and --ignore apply to --problems, which was not given\n');
  const problemsFailed = problems ? problemsExit(problems, options.failOn) !== EXIT_OK : false;
  return report.summary.failed === 0 && !problemsFailed ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}

export function registerCheckCommand(program: Command): void {
  const command = program
    .command('check')
    .description('check a file of intended flows and exposure rules (docs/intents.md); exit 1 when any fails')
    .requiredOption('--intents <file>', 'intents file, YAML or JSON')
    .option('--json', 'print one JSON document (docs/schemas/check.schema.json)')
    .option('--junit <file>', 'also write the results as JUnit XML')
    .option('--problems', 'also list the problems `reachmap problems` finds (exit 1 with --fail-on, as there)');
  addProblemsOptions(command);
  addSnapshotOption(command).action(action((options: CheckOptions) => runCheck(options)));
}
