// `reachmap problems`: what a careful reviewer flags without being asked
// (blackhole routes, one-sided peerings, transit gateway zone gaps, admin
// ports open to the world, ...), grouped by severity, each with its fix.
// `--ignore FILE` waives accepted problems by id, with a reason; `--fail-on
// SEVERITY` exits 1 when a problem at or above it is not waived.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import type { Problem, ProblemSeverity, ProblemsReport } from '../../shared/api/problems-types.js';
import { action, addSnapshotOption, EXIT_EXPECTATION_FAILED, EXIT_OK, openServiceForCli, printJson, printWarnings, type SnapshotOptions } from '../common.js';
import { shown, writeText } from '../output.js';

export const SEVERITIES: readonly ProblemSeverity[] = ['high', 'medium', 'low'];

export function parseSeverity(text: string): ProblemSeverity {
  const severity = text.trim().toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new InvalidArgumentError(`"${text}" is not a severity: high, medium or low`);
  return severity as ProblemSeverity;
}

export interface ProblemsOptions {
  failOn?: ProblemSeverity;
  ignore?: string;
}

interface ProblemsCommandOptions extends SnapshotOptions, ProblemsOptions {
  json?: boolean;
}

/** A problem as reported: waived ones carry the reason they were accepted. */
export type ReportedProblem = Problem & { waived?: { reason: string } };

export interface ProblemsOutput {
  problems: ReportedProblem[];
  summary: { high: number; medium: number; low: number; waived: number };
  warnings: string[];
}

/** The --ignore file: a YAML or JSON list of {id, reason} (or {ignore: [...]}). */
export async function readWaivers(file: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`--ignore: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { parse } = await import('yaml');
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new InputError(`--ignore: ${file} is not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(document) ? document : document && typeof document === 'object' && Array.isArray((document as { ignore?: unknown }).ignore) ? (document as { ignore: unknown[] }).ignore : undefined;
  if (!list) throw new InputError(`--ignore: ${file} must be a list of {id, reason}`);
  const waivers = new Map<string, string>();
  list.forEach((entry, index) => {
    const { id, reason } = (entry ?? {}) as { id?: unknown; reason?: unknown };
    if (typeof id !== 'string' || id.trim() === '') throw new InputError(`--ignore: ${file} entry ${index + 1} has no id`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new InputError(`--ignore: ${file} entry ${index + 1} (${id}) has no reason: say why the problem is accepted`);
    waivers.set(id.trim(), reason.trim());
  });
  return waivers;
}

/** The report with the waivers applied; unknown ids become warnings. */
export async function waive(report: ProblemsReport, ignoreFile: string | undefined): Promise<ProblemsOutput> {
  const waivers = ignoreFile === undefined ? new Map<string, string>() : await readWaivers(ignoreFile);
  const ids = new Set(report.problems.map((p) => p.id));
  const warnings = [...report.warnings];
  for (const id of waivers.keys()) if (!ids.has(id)) warnings.push(`--ignore: no problem has the id ${id} (fixed already, or mistyped?)`);
  const problems: ReportedProblem[] = report.problems.map((p) => (waivers.has(p.id) ? { ...p, waived: { reason: waivers.get(p.id)! } } : p));
  const open = problems.filter((p) => !p.waived);
  const count = (severity: ProblemSeverity) => open.filter((p) => p.severity === severity).length;
  return { problems, summary: { high: count('high'), medium: count('medium'), low: count('low'), waived: problems.length - open.length }, warnings };
}

/** 1 when a problem at or above `failOn` is not waived. */
export function problemsExit(output: ProblemsOutput, failOn: ProblemSeverity | undefined): number {
  if (failOn === undefined) return EXIT_OK;
  const limit = SEVERITIES.indexOf(failOn);
  return output.problems.some((p) => !p.waived && SEVERITIES.indexOf(p.severity) <= limit) ? EXIT_EXPECTATION_FAILED : EXIT_OK;
}

export function summaryLine(output: ProblemsOutput): string {
  const { high, medium, low, waived } = output.summary;
  return `${high} high, ${medium} medium, ${low} low${waived > 0 ? `, ${waived} waived` : ''}`;
}

function problemLines(problem: ReportedProblem): string[] {
  const lines = [`  ${shown(problem.title)}`, `    id: ${shown(problem.id)}`, `    ${shown(problem.explanation)}`];
  if (problem.fix) {
    lines.push(`    fix: ${shown(problem.fix.text)}`);
    for (const line of (problem.fix.script ?? problem.fix.command).split('\n')) lines.push(`      ${shown(line)}`);
  }
  for (const option of problem.options ?? []) lines.push(`    option: ${shown(option.text)} (${shown(option.tradeOff)})`);
  return lines;
}

export function problemsAsText(output: ProblemsOutput): string {
  const lines: string[] = [];
  const open = output.problems.filter((p) => !p.waived);
  lines.push(open.length === 0 ? 'No problems found.' : `${open.length} problem${open.length === 1 ? '' : 's'}: ${summaryLine(output)}`);
  for (const severity of SEVERITIES) {
    const mine = open.filter((p) => p.severity === severity);
    if (mine.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${mine.length})`);
    for (const problem of mine) lines.push(...problemLines(problem), '');
    lines.pop();
  }
  const waived = output.problems.filter((p) => p.waived);
  if (waived.length > 0) {
    lines.push('', `WAIVED (${waived.length})`);
    for (const problem of waived) lines.push(`  ${shown(problem.title)}`, `    id: ${shown(problem.id)} (${problem.severity})`, `    waived: ${shown(problem.waived!.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function addProblemsOptions(command: Command): Command {
  return command
    .option('--fail-on <severity>', 'exit 1 when a problem at or above this severity (high, medium, low) is found and not waived', parseSeverity)
    .option('--ignore <file>', 'accepted problems: a YAML or JSON list of {id, reason}; they are reported as waived');
}

export function registerProblemsCommand(program: Command): void {
  const command = program
    .command('problems')
    .description('what a careful reviewer would flag: blackhole routes, one-sided peerings, zone gaps, admin ports open to the world, ... with fixes')
    .option('--json', 'print one JSON object (docs/schemas/problems.schema.json)');
  addProblemsOptions(command);
  addSnapshotOption(command).action(
    action(async (options: ProblemsCommandOptions) => {
      // the waivers are read before the snapshot: a bad file fails fast
      if (options.ignore !== undefined) await readWaivers(options.ignore);
      const service = await openServiceForCli(options);
      const output = await waive(await service.problems(), options.ignore);
      if (options.json) printJson(output);
      else {
        printWarnings(output.warnings.filter((w) => w.startsWith('--ignore')));
        writeText(problemsAsText({ ...output, warnings: output.warnings }));
      }
      return problemsExit(output, options.failOn);
    }),
  );
}
