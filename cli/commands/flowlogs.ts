// `reachmap flowlogs FILES...`: VPC flow log records (plain or S3's .gz,
// files or folders) grouped into conversations and set against the
// snapshot: the component and rule behind each REJECT, and where the records
// and the configuration disagree. Summary first, then the top talkers and
// rejects, then the details.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { FlowLogsReport, ReconciledConversation, RankedConversation } from '../../shared/api/flowlogs/report-types.js';
import { bytesText } from '../../shared/api/flowlogs/protocols.js';
import { action, addSnapshotOption, EXIT_EXPECTATION_FAILED, EXIT_OK, openServiceForCli, printJson, printWarnings, type SnapshotOptions } from '../common.js';
import { readIntentsOption } from '../intents-file.js';
import { parseConcurrency } from '../concurrency-option.js';
import { shown, shownName, writeErrorText, writeText } from '../output.js';

interface FlowLogsOptions extends SnapshotOptions {
  json?: boolean;
  intents?: string;
  top: number;
  maxSkew: number;
  format?: string;
  /** "agreement": exit 1 when the records disagree with the configuration (as `analyze --expect`) */
  expect?: string;
}

function positive(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d{1,6}$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError(`${name}: "${value}" is not a whole number of 1 or more`);
    return Number(value);
  };
}

/** "24", "24h", "90m", "2d" -> hours */
export function hoursOption(name: string): (value: string) => number {
  return (value) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(m|h|d)?\s*$/i.exec(value);
    if (!match || Number(match[1]) <= 0) throw new InvalidArgumentError(`${name}: "${value}" is not a duration (hours, or with m, h or d: 90m, 24h, 2d)`);
    const factor = { m: 1 / 60, h: 1, d: 24 }[(match[2] ?? 'h').toLowerCase() as 'm' | 'h' | 'd'];
    return Number(match[1]) * factor;
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function service(c: { protocol: number; port: number | null }): string {
  const name = { 6: 'tcp', 17: 'udp', 1: 'icmp' }[c.protocol] ?? String(c.protocol);
  return c.port === null ? name : `${name}/${c.port}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd());
}

function rankedLines(title: string, list: readonly RankedConversation[], report: FlowLogsReport): string[] {
  if (list.length === 0) return [];
  const rows = [['#', 'interface', 'client -> server', 'service', 'packets', 'bytes']];
  list.forEach((r, i) => {
    const name = report.conversations[r.index]?.interfaceName;
    rows.push([String(i + 1), `${shownName(r.interfaceId)}${name ? ` (${shownName(name)})` : ''}`, `${shown(r.client)} -> ${shown(r.server)}`, service(r), count(r.packets), bytesText(r.bytes)]);
  });
  return ['', title, ...table(rows)];
}

function conversationLines(c: ReconciledConversation): string[] {
  const name = c.interfaceName ? ` (${shownName(c.interfaceName)})` : '';
  const legs = [
    ['request', c.forward],
    ['reply', c.return],
  ] as const;
  const traffic = legs
    .flatMap(([leg, t]) => [t.accepted.records > 0 ? `${leg} ACCEPT ${count(t.accepted.packets)} packets` : '', t.rejected.records > 0 ? `${leg} REJECT ${count(t.rejected.packets)} packets` : ''])
    .filter((s) => s !== '')
    .join(', ');
  const lines = [`  ${shownName(c.interfaceId)}${name} [${c.side}] ${shown(c.client)} -> ${shown(c.server)} ${service(c)}: ${traffic}`];
  for (const f of c.findings) lines.push(`    ${f.disagreement ? 'DISAGREES: ' : ''}${shown(f.text)}`);
  if (c.model?.blocked?.rule) lines.push(`    rule: ${shown(JSON.stringify(c.model.blocked.rule))}`);
  if (c.model) lines.push(`    trace: reachmap analyze --from ${shown(c.model.flow.from)} --to ${shown(c.model.flow.to)} --protocol ${shown(c.model.flow.protocol)}${c.model.flow.port !== null && ['tcp', 'udp'].includes(c.model.flow.protocol) ? ` --port ${c.model.flow.port}` : ''}`);
  if (c.note) lines.push(`    note: ${shown(c.note)}`);
  const first = [...c.records.forwardRejected, ...c.records.returnRejected, ...c.records.forwardAccepted, ...c.records.returnAccepted][0];
  if (first) lines.push(`    records: ${shown(first.file)} line ${first.line}${c.forward.rejected.records + c.forward.accepted.records + c.return.rejected.records + c.return.accepted.records > 1 ? ', ...' : ''}`);
  return lines;
}

export function flowLogsAsText(report: FlowLogsReport): string {
  const s = report.summary;
  const lines = [
    `Flow logs: ${count(s.files)} file${s.files === 1 ? '' : 's'}, ${count(s.records)} records${s.badLines > 0 ? ` (${count(s.badLines)} bad lines skipped)` : ''}, ${count(s.conversations)} conversations${report.window ? `, ${report.window.start} to ${report.window.end}` : ''}`,
    `  accepted: ${count(s.accepted.conversations)} conversations, ${count(s.accepted.packets)} packets, ${bytesText(s.accepted.bytes)}`,
    `  rejected: ${count(s.rejected.conversations)} conversations, ${count(s.rejected.packets)} packets, ${bytesText(s.rejected.bytes)}`,
    `  against the snapshot (${shown(report.snapshot.label)}${report.snapshot.createdAt ? `, taken ${shown(report.snapshot.createdAt)}` : ''}): ${count(s.explained)} rejects explained, ${count(s.disagreements)} disagreement${s.disagreements === 1 ? '' : 's'}, ${count(s.unjudged)} rejects the model cannot judge`,
  ];
  if (report.skew) lines.push(`  time: the records are ${report.skew.hours} hours from the snapshot${report.skew.exceeded ? ` (more than --max-skew ${report.skew.maxHours}: the configuration may have changed)` : ''}`);
  if (s.noDataWindows + s.skipDataWindows > 0) lines.push(`  capture windows: ${count(s.noDataWindows)} NODATA, ${count(s.skipDataWindows)} SKIPDATA`);
  lines.push(...rankedLines('Top talkers (by bytes)', report.topTalkers, report));
  lines.push(...rankedLines('Top rejects (by packets)', report.topRejects, report));
  const disagreeing = report.conversations.filter((c) => c.findings.some((f) => f.disagreement));
  if (disagreeing.length > 0) lines.push('', `Disagreements (${disagreeing.length})`, ...disagreeing.flatMap(conversationLines));
  const rejects = report.conversations.filter((c) => !c.findings.some((f) => f.disagreement) && c.findings.length > 0);
  if (rejects.length > 0) lines.push('', `Rejects (${rejects.length})`, ...rejects.flatMap(conversationLines));
  if (report.intents) {
    const i = report.intents;
    lines.push('', `Intents (${shown(i.file)}): ${i.acceptedNotAllowed.length} accepted conversation${i.acceptedNotAllowed.length === 1 ? '' : 's'} no intent allows, ${i.rejectedExpected.length} rejected that an intent expects`);
    for (const m of [...i.rejectedExpected, ...i.acceptedNotAllowed]) lines.push(`  - ${shown(m.text)}`);
  }
  const quiet = report.conversations.length - disagreeing.length - rejects.length;
  if (quiet > 0) lines.push('', `${count(quiet)} accepted conversation${quiet === 1 ? '' : 's'} agree${quiet === 1 ? 's' : ''} with the snapshot (--json lists every conversation)`);
  return `${lines.join('\n')}\n`;
}

interface FetchOptions {
  logGroup: string[];
  since: number;
  out: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  concurrency?: string;
  /** a snapshot whose FlowLogs give the LogFormat when DescribeFlowLogs is refused */
  snapshot?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** `flowlogs fetch`: CloudWatch Logs groups' records into a file `reachmap flowlogs` reads. */
function registerFetchCommand(flowlogs: Command): void {
  flowlogs
    .command('fetch')
    .description('read CloudWatch Logs groups of VPC flow logs (FilterLogEvents, the groups at once) into a file `reachmap flowlogs` reads; the fields come from each flow log\'s LogFormat (DescribeFlowLogs); needs the actions of docs/iam-policy-flowlogs.json')
    .addOption(new Option('--log-group <name>', 'a CloudWatch Logs group the flow log delivers to (repeat for several: read at once, each under its own header line)').argParser(collect).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write (readable by you only); replaced when it exists')
    .addOption(new Option('--since <duration>', 'how far back to read: 90m, 1h, 2d').argParser(hoursOption('--since')).default(1, '1h'))
    .option('--profile <name>', 'AWS profile (default: AWS_PROFILE, else the default chain)')
    .option('--region <region>', "the log groups' region (default: the profile's)")
    .option('--endpoint-url <url>', 'send every AWS request there (an AWS-compatible endpoint)')
    .option('--concurrency <n>', 'AWS requests in flight at most, across the groups (default 32)')
    .option('--snapshot <path>', 'a snapshot taken with `reachmap snapshot`: its FlowLogs give the LogFormat when ec2:DescribeFlowLogs is refused')
    .action(
      action(async (options: FetchOptions, command: Command) => {
        const { fetchFlowLogsToFile, snapshotFlowLogs } = await import('../../shared/api/flowlogs/node.js');
        const concurrency = parseConcurrency(options.concurrency);
        // `flowlogs` itself takes --snapshot (repeatable): wherever on the line it is, it names the one snapshot here
        const given = [options.snapshot ?? (command.optsWithGlobals() as { snapshot?: string | string[] }).snapshot ?? []].flat();
        if (given.length > 1) throw new (await import('../../shared/api/errors.js')).InputError(`--snapshot: flowlogs fetch reads one snapshot's FlowLogs, not ${given.length}`);
        let snapshot: { label: string; flowLogs: ReturnType<typeof snapshotFlowLogs> } | undefined;
        if (given[0] !== undefined) {
          const { readSnapshotPath } = await import('../../shared/api/snapshot/node.js');
          snapshot = { label: given[0], flowLogs: snapshotFlowLogs(await readSnapshotPath(given[0])) };
        }
        const endTime = Date.now();
        const startTime = endTime - Math.round(options.since * 3_600_000);
        const tty = process.stderr.isTTY === true;
        const groups = options.logGroup.join(', ');
        const result = await fetchFlowLogsToFile({
          logGroups: options.logGroup,
          startTime,
          endTime,
          out: options.out,
          ...(options.profile ? { profile: options.profile } : {}),
          ...(options.region ? { region: options.region } : {}),
          ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
          ...(concurrency ? { concurrency } : {}),
          ...(snapshot ? { snapshot } : {}),
          onProgress: (p) => {
            if (tty) writeErrorText(`\rfetching ${shown(groups)}: ${count(p.events)} records, ${p.pages} pages   `);
          },
        });
        if (tty) writeErrorText('\n');
        printWarnings(result.warnings);
        for (const g of result.groups) {
          writeText(`wrote ${count(g.events)} record${g.events === 1 ? '' : 's'} of ${shown(g.logGroup)} (${shown(result.region)}, ${g.pages} page${g.pages === 1 ? '' : 's'}, fields: ${shown(g.format.join(' '))}) to ${shown(options.out)}\n`);
        }
        writeText(`read them with: reachmap flowlogs ${shown(options.out)}\n`);
        return EXIT_OK;
      }),
    );
}

export function registerFlowLogsCommand(program: Command): void {
  const command = program
    .command('flowlogs')
    .description('VPC flow log records set against the snapshot: the rule behind each REJECT, and where records and configuration disagree')
    .argument('<files...>', 'flow log files or folders: plain text or the .gz files S3 delivery writes; default format or a header line naming the fields')
    .option('--json', 'print one JSON object (docs/schemas/flowlogs.schema.json)')
    .option('--intents <file>', 'also list accepted traffic no intent allows and rejected traffic an intent expects (docs/intents.md)')
    .option('--top <n>', 'how many top talkers and rejects to list', positive('--top'), 10)
    .addOption(new Option('--max-skew <duration>', 'warn when the records and the snapshot\'s createdAt are further apart (hours, or 90m, 2d)').argParser(hoursOption('--max-skew')).default(24, '24h'))
    .option('--format <fields>', 'the fields of files without a header line, as a flow log\'s LogFormat ("${version} ${interface-id} ...") (default: AWS\'s default format)')
    .addOption(new Option('--expect <what>', 'exit 1 when the records disagree with the configuration (a REJECT it lets through, an ACCEPT it drops); without it the exit status is 0 whatever the findings').choices(['agreement']));
  registerFetchCommand(command);
  addSnapshotOption(command).action(
    action(async (files: string[], options: FlowLogsOptions) => {
      const { readFlowLogs } = await import('../../shared/api/flowlogs/node.js');
      const { formatFields } = await import('../../shared/api/flowlogs/fields.js');
      const { InputError } = await import('../../shared/api/errors.js');
      const format = options.format === undefined ? undefined : formatFields(options.format);
      if (options.format !== undefined && !format) throw new InputError(`--format: "${options.format}" is not a list of flow log fields ("\${version} \${interface-id} ..." or "version interface-id ...")`);
      // the intents are read before anything else: a typo fails fast
      const intents = options.intents === undefined ? undefined : await readIntentsOption(options.intents);
      const service = await openServiceForCli(options);
      const tty = process.stderr.isTTY === true;
      const reading = await readFlowLogs(files, {
        ...(format ? { format } : {}),
        onProgress: (p) => {
          if (tty) writeErrorText(`\rreading flow logs: ${p.files}/${p.filesTotal} files, ${bytesText(p.bytes)}   `);
        },
      });
      if (tty) writeErrorText('\n');
      const report = await service.reconcileFlowLogs(reading, { top: options.top, maxSkewHours: options.maxSkew, ...(intents ? { intents } : {}) });
      if (options.json) printJson(report);
      else {
        printWarnings(report.warnings);
        for (const bad of report.badLines.first.slice(0, 10)) writeErrorText(`bad line: ${shown(bad.file)} line ${bad.line}: ${shown(bad.reason)}\n`);
        writeText(flowLogsAsText(report));
      }
      // DESIGN.md section 5: 0 whenever the answer was given, whatever it says; 1 only when asked to expect something else
      return options.expect === 'agreement' && report.summary.disagreements > 0 ? EXIT_EXPECTATION_FAILED : EXIT_OK;
    }),
  );
}
