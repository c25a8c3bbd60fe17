// `reachmap analyze`: one flow, hop by hop (DESIGN.md section 5). `--json`
// prints exactly the AnalyzeResult; without it, a readable table.
import { Option, type Command } from 'commander';
import type { AnalyzeResult, Hop, Leg } from '../../shared/api/analysis-types.js';
import { checkFlowRequest } from '../../shared/api/flow.js';
import { action, addSnapshotOption, EXIT_EXPECTATION_FAILED, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { endpointText } from '../endpoint-text.js';
import { portNumber } from '../port-option.js';
import { shown, shownName, writeErrorText, writeText } from '../output.js';
import type { FlowRequest } from '../../shared/api/reachmap-api.js';
import type { ReachmapService } from '../../shared/api/service/service.js';

interface AnalyzeOptions extends SnapshotOptions {
  from: string;
  to: string;
  protocol: string;
  port?: number;
  sourcePort?: number;
  json?: boolean;
  expect?: string;
  clientCidr?: string;
  target?: string;
  family?: string;
  applyFix?: boolean;
}

interface Paint {
  bold(text: string): string;
  verdict(text: string, verdict: string): string;
  action(text: string, action: string): string;
  dim(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const green = ansi(32);
const red = ansi(31);
const yellow = ansi(33);

function paintFor(tty: boolean): Paint {
  if (!tty) return { bold: (t) => t, verdict: (t) => t, action: (t) => t, dim: (t) => t };
  const byOutcome = (text: string, outcome: string) =>
    ['reachable', 'allow', 'forward', 'translate', 'deliver'].includes(outcome) ? green(text) : outcome === 'unknown' ? yellow(text) : red(text);
  return { bold: ansi(1), verdict: byOutcome, action: byOutcome, dim: ansi(2) };
}

function table(rows: string[][], paint: Paint, actionColumn: number): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row, index) =>
    row
      .map((cell, column) => {
        const padded = column === row.length - 1 ? cell : cell.padEnd(widths[column]!);
        if (index === 0) return paint.bold(padded);
        return column === actionColumn ? paint.action(padded, cell) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** names first (issue 15): "acme-prod-public-acl acl-0de...", or the id alone when the component has no Name */
function hopComponentText(hop: { id: string; name?: string }): string {
  return hop.name && hop.name !== hop.id ? `${shownName(hop.name)} ${shownName(hop.id)}` : shownName(hop.id);
}

function legLines(name: string, leg: Leg, paint: Paint): string[] {
  const rows = [['#', 'component', 'kind', 'at', 'action', 'code', 'detail']];
  leg.hops.forEach((hop: Hop, index) => rows.push([String(index + 1), hopComponentText(hop), shown(hop.kind), shown(hop.direction), shown(hop.action), shown(hop.code), shown(hop.detail)]));
  return [paint.bold(`${name} (${leg.delivered ? 'delivered' : 'not delivered'})`), ...table(rows, paint, 4).map((line) => `  ${line}`)];
}

/** Each target behind the load balancer: its verdict, where it drops, its health as AWS collected it and as the network decides it. */
function targetLines(result: AnalyzeResult, paint: Paint): string[] {
  const rows = [['target', 'group', 'zone', 'verdict', 'blocked at', 'health (AWS)', 'health check (network)']];
  for (const t of result.targets ?? []) {
    const name = t.target.name ? ` ${t.target.name}` : '';
    const collected = t.health.collected ? `${t.health.collected.state}${t.health.collected.reason ? ` (${t.health.collected.reason})` : ''}` : '-';
    const computed = t.health.computed ? `${t.health.computed.verdict}${t.health.computed.blocked ? ` at ${t.health.computed.blocked.kind} ${t.health.computed.blocked.id}` : ''}` : '-';
    const blockedAt = t.blocked ? `${t.blocked.kind} ${t.blocked.id} (${t.blocked.code})` : '-';
    rows.push([shown(`${t.target.id}${name}:${t.target.port ?? '?'}${t.target.routed ? '' : ' (not used)'}`), shown(t.target.targetGroup), shown(t.target.zone ?? '-'), t.verdict, shown(blockedAt), shown(collected), shown(computed)]);
  }
  const lines = [paint.bold('targets'), ...table(rows, paint, 3).map((line) => `  ${line}`)];
  for (const t of result.targets ?? []) {
    const check = t.health.computed;
    if (check?.blocked?.fix) lines.push(`  ${paint.bold('health check fix')} (${shown(t.target.id)}): ${shown(check.blocked.fix.text)}`, `    ${shown(check.blocked.fix.command)}`);
    if (t.health.disagreement) lines.push(`  ${paint.dim('note:')} ${shown(t.health.disagreement)}`);
  }
  const path = result.targets?.find((t) => t.health.computed?.path)?.health.computed;
  if (path) lines.push(`  ${paint.dim('health check:')} ${shown(path.note)}`);
  return lines;
}

export function analyzeAsText(result: AnalyzeResult, tty: boolean): string {
  const paint = paintFor(tty);
  const { query, resolved } = result;
  const what = query.port === null ? query.protocol : `${query.protocol} port ${query.port}`;
  const lines = [
    `${paint.verdict(paint.bold(result.verdict.toUpperCase()), result.verdict)}  ${endpointText(resolved.from, query.from)} -> ${endpointText(resolved.to, query.to)}, ${shown(what)}, source port ${query.sourcePort}`,
    '',
    ...legLines('forward', result.forward, paint),
  ];
  if (result.return) lines.push('', ...legLines('return', result.return, paint));
  if (result.blocked) {
    const b = result.blocked;
    lines.push('', `${paint.verdict(paint.bold('blocked'), result.verdict)} on the ${shown(b.direction)} leg at ${shown(b.kind)} ${hopComponentText(b)}: ${shown(b.code)}`, `  ${shown(b.detail)}`);
    for (const near of b.nearMisses ?? []) lines.push(`  ${paint.dim('near miss:')} ${shown(near)}`);
    // each line of a script shown on its own: the sanitiser would fold the line breaks
    const commandLines = (fix: NonNullable<typeof b.fix>) => (fix.script ?? fix.command).split('\n').map((line) => `  ${shown(line)}`);
    if (b.fix) {
      lines.push(`${paint.bold('fix')}: ${shown(b.fix.text)}`, ...commandLines(b.fix));
      const repair = b.fix.repair;
      if (repair && repair.steps > 1) lines.push(`${paint.bold('repair')} (${repair.steps} steps): ${shown(repair.outcome)}`, ...repair.script.split('\n').map((line) => `  ${shown(line)}`));
      if (repair) lines.push(`  ${paint.dim(`repairs ${repair.flowsRepaired} flow${repair.flowsRepaired === 1 ? '' : 's'} from the source's security group to this destination`)}`);
    } else lines.push(`${paint.bold('fix')}: ${paint.dim('no single change lets this flow through')}`);
    for (const option of b.options ?? []) {
      lines.push(`${paint.bold('option')}: ${shown(option.fix.text)}`, `  ${paint.dim('trade-off:')} ${shown(option.tradeOff)}`, ...commandLines(option.fix));
    }
  }
  if (result.targets && result.targets.length > 0) lines.push('', ...targetLines(result, paint));
  if (result.warnings.length > 0) lines.push('', paint.bold('warnings'), ...result.warnings.map((w) => `  - ${shown(w)}`));
  return `${lines.join('\n')}\n`;
}

/** --apply-fix: the first drop's repair (or fix) made on the open snapshot, and the flow traced again. */
async function afterFix(service: ReachmapService, request: FlowRequest, result: AnalyzeResult): Promise<AnalyzeResult> {
  const fix = result.blocked?.fix;
  const changes = fix?.repair?.changes ?? fix?.changes;
  if (!result.blocked) {
    writeErrorText('note: --apply-fix: the flow is not dropped; nothing to fix\n');
    return result;
  }
  if (!fix || !changes) {
    writeErrorText(`note: --apply-fix: the drop at ${shown(result.blocked.id)} has no single safe change to make${result.blocked.options?.length ? ' (its options are listed)' : ''}; answering without one\n`);
    return result;
  }
  await service.applyChanges(changes, `the fix of the drop at ${result.blocked.id}`);
  writeErrorText(`note: --apply-fix: made ${changes.changes.length} edit${changes.changes.length === 1 ? '' : 's'} (${shown(changes.description ?? fix.text)}); the snapshot itself is unchanged\n`);
  return service.analyze(request);
}

export function registerAnalyzeCommand(program: Command): void {
  const command = program
    .command('analyze')
    .description('trace one flow hop by hop: the verdict, the component and rule that drop it, and the fix')
    .requiredOption('--from <endpoint>', 'source: a Name, i-..., eni-..., igw-..., internet, or an IPv4 or IPv6 address')
    .requiredOption('--to <endpoint>', "destination: a Name, i-..., eni-..., nat-..., vpce-..., igw-..., internet, an IPv4 or IPv6 address, or a load balancer's name, ARN or DNS name (followed on to its targets)")
    .option('--protocol <protocol>', 'tcp, udp, icmp (echo request), all, or an IP protocol number', 'tcp')
    .option('--port <n>', 'destination port (required for tcp and udp, refused otherwise)', portNumber('--port'))
    .option('--source-port <n>', 'source port (default 49152)', portNumber('--source-port'))
    .option('--target <id>', 'through a load balancer: follow only this target (an instance id, an address, an ENI or a Name)')
    .addOption(new Option('--family <family>', 'address family of the flow (default ipv4; an IPv6 address at either end, or an instance or interface with IPv6 only, makes it ipv6; internet is 2001:db8::1 on ipv6)').choices(['ipv4', 'ipv6']))
    .option('--client-cidr <cidr>', 'the internet clients a fix should admit, where an end is "internet" (default 0.0.0.0/0)')
    .option('--apply-fix', 'make the suggested fix of the first drop (its whole repair, where one fix is not all of it) and answer on the result; the snapshot itself is not changed')
    .option('--json', 'print one JSON object (docs/schemas/analyze.schema.json)')
    .addOption(new Option('--expect <verdict>', 'exit 1 unless the verdict is this').choices(['reachable', 'unreachable', 'unknown']));
  addSnapshotOption(command).action(
    action(async (options: AnalyzeOptions) => {
      const request = { from: options.from, to: options.to, protocol: options.protocol, port: options.port, sourcePort: options.sourcePort, ...(options.clientCidr !== undefined ? { clientCidr: options.clientCidr } : {}), ...(options.target !== undefined ? { target: options.target } : {}), ...(options.family !== undefined ? { family: options.family } : {}) };
      checkFlowRequest(request); // bad options are refused before the snapshot is read
      const service = await openServiceForCli(options);
      let result = await service.analyze(request);
      if (options.applyFix) result = await afterFix(service, request, result);
      if (options.json) printJson(result);
      else {
        const colours = process.stdout.isTTY === true && !process.env.NO_COLOR;
        writeText(analyzeAsText(result, colours), colours);
      }
      return options.expect !== undefined && options.expect !== result.verdict ? EXIT_EXPECTATION_FAILED : EXIT_OK;
    }),
  );
}
