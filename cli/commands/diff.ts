// `reachmap diff OLD NEW`: what changed between two snapshots, component by
// component, then (unless --changes-only) the exposure and problems that
// changed, the intents (--intents) or the flow (--from/--to) whose verdict
// changed and why. The comparison is the core's (shared/api/diff); this file
// holds the options and the words. Exit 0: nothing changed; 1: something did.
import type { Command } from 'commander';
import type { ComponentChange, DiffReport, FlowFlip } from '../../shared/api/diff/types.js';
import { checkFlowRequest } from '../../shared/api/flow.js';
import { InputError } from '../../shared/api/errors.js';
import type { FlowRequest } from '../../shared/api/reachmap-api.js';
import { action, EXIT_EXPECTATION_FAILED, EXIT_OK, MAX_SIZE_HELP, parseMaxSize, printJson, printWarnings } from '../common.js';
import { shown, writeErrorText, writeText } from '../output.js';
import path from 'node:path';
import { portNumber } from '../port-option.js';
import { readIntentsOption } from '../intents-file.js';

interface DiffCommandOptions {
  json?: boolean;
  changesOnly?: boolean;
  intents?: string;
  flow?: boolean;
  from?: string;
  to?: string;
  protocol: string;
  port?: number;
  sourcePort?: number;
  maxSize?: number;
  asChanges?: string;
}

const SIGN: Record<ComponentChange['change'], string> = { added: '+', removed: '-', modified: '~' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function flipLines(flip: FlowFlip): string[] {
  const lines = [`  ${flip.effect === 'broke' ? 'BROKE' : flip.effect === 'fixed' ? 'FIXED' : flip.effect === 'unchanged' ? 'SAME ' : 'CHANGED'}  ${shown(flip.text)}`];
  for (const cause of flip.causes.slice(0, 5)) {
    const where = cause.where === 'path' ? `on the path at ${cause.component.kind} ${cause.component.id}` : `at the ${cause.where} (${cause.component.kind} ${cause.component.id})`;
    lines.push(`      ${shown(where)}: ${shown(cause.change.text.replace(/: [^]*$/, ""))}`);
    for (const edit of cause.edits.slice(0, 5)) lines.push(`        ${shown(edit.text)}`);
  }
  if (flip.causes.length > 5) lines.push(`      and ${flip.causes.length - 5} more changes on its path`);
  return lines;
}

export function diffAsText(report: DiffReport): string {
  const lines = [`old: ${shown(report.old.label)}${report.old.createdAt ? ` (${shown(report.old.createdAt)})` : ''}`, `new: ${shown(report.new.label)}${report.new.createdAt ? ` (${shown(report.new.createdAt)})` : ''}`, ''];
  if (report.changes.length === 0) lines.push('no component changed');
  for (const change of report.changes) {
    const where = `${shown(change.account)}/${shown(change.region)}`;
    if (change.change === 'modified') {
      lines.push(`~ ${shown(change.text.replace(/: [^]*$/, ''))}  [${where}]`);
      for (const edit of change.edits) lines.push(`    ${shown(edit.text)}`);
    } else lines.push(`${SIGN[change.change]} ${shown(change.text)}  [${where}]`);
  }
  for (const skipped of report.notCompared) lines.push(`? not compared: ${shown(skipped.reason)}`);
  const s = report.summary;
  lines.push('', `${plural(s.added + s.removed + s.modified, 'component')} changed (${s.added} added, ${s.removed} removed, ${s.modified} modified); ${s.compared} compared${s.notCompared > 0 ? `; ${s.notCompared} not compared` : ''}`);
  if (report.exposure) {
    const { opened, closed } = report.exposure;
    lines.push('', opened.length + closed.length === 0 ? 'exposure: unchanged' : 'exposure:');
    for (const change of opened) lines.push(`  + ${shown(change.text)}${change.risk ? ` [${change.risk}]` : ''}`);
    for (const change of closed) lines.push(`  - ${shown(change.text)}`);
  }
  if (report.problems) {
    const { new: added, resolved } = report.problems;
    lines.push('', added.length + resolved.length === 0 ? 'problems: unchanged' : 'problems:');
    for (const problem of added) lines.push(`  + new [${problem.severity}] ${shown(problem.title)}`);
    for (const problem of resolved) lines.push(`  - resolved [${problem.severity}] ${shown(problem.title)}`);
  }
  if (report.intents) {
    const { flipped, total, file } = report.intents;
    lines.push('', `intents (${shown(file)}): ${flipped.length} of ${total} changed`);
    for (const flip of flipped) lines.push(...flipLines(flip));
  }
  if (report.flow) lines.push('', 'flow:', ...flipLines(report.flow));
  for (const warning of report.warnings) lines.push('', `note: ${shown(warning)}`);
  return `${lines.join('\n')}\n`;
}

function flowOf(options: DiffCommandOptions): FlowRequest | undefined {
  if (options.from === undefined && options.to === undefined) {
    if (options.flow) throw new InputError('--flow: give the flow with --from and --to (and --port for tcp and udp)');
    return undefined;
  }
  if (options.from === undefined || options.to === undefined) throw new InputError(`--flow: --${options.from === undefined ? 'from' : 'to'} is missing`);
  const request: FlowRequest = { from: options.from, to: options.to, protocol: options.protocol };
  if (options.port !== undefined) request.port = options.port;
  if (options.sourcePort !== undefined) request.sourcePort = options.sourcePort;
  checkFlowRequest(request);
  return request;
}

export async function runDiff(oldPath: string, newPath: string, options: DiffCommandOptions): Promise<number> {
  const flow = flowOf(options);
  if (options.changesOnly && (flow || options.intents !== undefined)) throw new InputError(`--changes-only: cannot be given with ${flow ? '--from/--to' : '--intents'}, which need the verdicts`);
  const intents = options.intents === undefined ? undefined : await readIntentsOption(options.intents);
  // loaded when the command runs: the importer and (unless --changes-only) the engine
  const { diffSnapshotPaths } = await import('../../shared/api/diff/node.js');
  const { report, warnings } = await diffSnapshotPaths(oldPath, newPath, {
    ...(options.changesOnly ? { changesOnly: true } : {}),
    ...(intents ? { intents } : {}),
    ...(flow ? { flow } : {}),
    ...(options.maxSize !== undefined ? { maxBytes: options.maxSize } : {}),
  });
  printWarnings(warnings);
  if (options.asChanges !== undefined) {
    const { diffAsChangeSet } = await import('../../shared/api/diff/node.js');
    const { changeSetText } = await import('../../shared/api/changes.js');
    const { writePrivateFile } = await import('../../shared/api/files/node.js');
    const written = diffAsChangeSet(report, `the changes from ${path.basename(oldPath)} to ${path.basename(newPath)} (reachmap diff)`);
    try {
      await writePrivateFile(options.asChanges, written.changeSet ? changeSetText(written.changeSet) : `${JSON.stringify({ format: 'reachmap-changes/1', description: 'no change of the old snapshot is an edit', changes: [] }, null, 2)}\n`);
    } catch (error) {
      throw new InputError(`--as-changes: cannot write "${options.asChanges}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const edits = written.changeSet?.changes.length ?? 0;
    report.asChanges = { file: options.asChanges, edits, notWritten: written.notWritten };
    writeErrorText(`wrote ${edits} edit${edits === 1 ? '' : 's'} to ${shown(options.asChanges)}${written.notWritten.length > 0 ? `; ${written.notWritten.length} change${written.notWritten.length === 1 ? ' is' : 's are'} no edit of the change-set format:` : ''}\n`);
    for (const text of written.notWritten) writeErrorText(`  not written: ${shown(text)}\n`);
  }
  if (options.json) printJson(report);
  else writeText(diffAsText(report));
  return report.changed ? EXIT_EXPECTATION_FAILED : EXIT_OK;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('what changed between two snapshots: rules, routes, resources, tags; then exposure, problems, intents or a flow; exit 1 when anything changed')
    .argument('<old>', 'the earlier snapshot (folder or reachmap-snapshot/1 file)')
    .argument('<new>', 'the later snapshot')
    .option('--json', 'print one JSON object (docs/schemas/diff.schema.json)')
    .option('--changes-only', 'only the component changes (no exposure or problems; fastest)')
    .option('--intents <file>', 'also list the intents (docs/intents.md) whose verdict changed, and the change that caused it')
    .option('--flow', 'compare one flow, given with --from, --to, --protocol, --port as in analyze')
    .option('--from <endpoint>', 'the flow\'s source, as in analyze')
    .option('--to <endpoint>', 'the flow\'s destination, as in analyze')
    .option('--protocol <protocol>', 'tcp, udp, icmp, all, or an IP protocol number', 'tcp')
    .option('--port <n>', 'destination port (tcp and udp)', portNumber('--port'))
    .option('--source-port <n>', 'source port (default 49152)', portNumber('--source-port'))
    .option('--max-size <size>', MAX_SIZE_HELP, parseMaxSize)
    .option('--as-changes <file>', 'also write the diff as a change set (docs/changes.md) that `--apply` takes over OLD: rules, ACL entries, routes, instance states; the rest is listed')
    .addHelpText('after', '\nExit status: 0 nothing changed, 1 something changed (or an intent or the flow changed verdict), 2 bad input.\nOnly what both snapshots read is compared: an account, region or describe list missing from one side, or in its errors, is listed as not compared.')
    .action(action((oldPath: string, newPath: string, options: DiffCommandOptions) => runDiff(oldPath, newPath, options)));
}
