// `reachmap report`: the report view of one question (a flow, the internet
// exposure, or a diagnosis) rendered headlessly to a PNG, for CI and audits.
// The question is answered once here first, so that a bad endpoint or option
// is the user's one-line error (exit 2) before any browser starts.
import path from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../../shared/api/errors.js';
import { writePrivateFile } from '../../shared/api/files/node.js';
import type { ReachmapService } from '../../shared/api/service/service.js';
import { applyChangesOption, APPLY_HELP } from '../apply-option.js';
import { action, collectSnapshotPaths, MAX_SIZE_HELP, parseMaxSize, printWarnings, SNAPSHOT_HELP, type SnapshotOptions } from '../common.js';
import { writeText } from '../output.js';
import { findBrowser } from '../report/browser.js';

interface ReportOptions extends SnapshotOptions {
  from?: string;
  to?: string;
  protocol?: string;
  port?: string;
  /** the flow's address family (as analyze --family) */
  family?: string;
  exposure?: boolean;
  diagnose?: string;
  /** Compare with…: the earlier snapshot the one given with --snapshot is compared with */
  compare?: string;
  /** flow log files or folders set against the snapshot */
  flowlogs?: string[];
  png: string;
  browser?: string;
  redact?: boolean;
}

function portOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new InputError(`--port: "${text}" is not a port number (0-65535)`);
  return port;
}

/** the report page's fragment for these options (the format renderer/src/report/question.ts reads) */
export function reportFragment(options: ReportOptions): string {
  const asked = [options.from !== undefined || options.to !== undefined, options.exposure === true, options.diagnose !== undefined, options.compare !== undefined, options.flowlogs !== undefined].filter(Boolean).length;
  if (asked !== 1) throw new InputError('report: give exactly one question: --from A --to B, --exposure, --diagnose TARGET, --compare OLD, or --flowlogs FILES');
  const params = new URLSearchParams();
  const port = portOption(options.port);
  if (options.flowlogs !== undefined) {
    if (options.port !== undefined || options.protocol !== undefined) throw new InputError('report: --port and --protocol go with --from/--to or --diagnose, not --flowlogs');
    for (const file of options.flowlogs) params.append('flowlogs', path.resolve(file));
  } else if (options.compare !== undefined) {
    if (options.port !== undefined || options.protocol !== undefined) throw new InputError('report: --port and --protocol go with --from/--to or --diagnose, not --compare');
    params.set('compare', path.resolve(options.compare));
    params.set('otherIs', 'old');
  } else if (options.exposure) {
    if (options.port !== undefined || options.protocol !== undefined) throw new InputError('report: --port and --protocol go with --from/--to or --diagnose, not --exposure');
    params.set('exposure', '1');
  } else if (options.diagnose !== undefined) {
    if (options.protocol !== undefined) throw new InputError('report: --protocol goes with --from/--to, not --diagnose');
    params.set('diagnose', options.diagnose);
    if (options.family !== undefined) params.set('family', options.family);
  } else {
    if (!options.from || !options.to) throw new InputError('report: a flow needs both --from and --to');
    params.set('from', options.from);
    params.set('to', options.to);
    if (options.protocol !== undefined) params.set('protocol', options.protocol);
    if (options.family !== undefined) params.set('family', options.family);
  }
  if (options.family !== undefined && options.diagnose === undefined && (options.from === undefined || options.to === undefined)) throw new InputError('report: --family goes with --from/--to or --diagnose');
  if (port !== undefined) params.set('port', String(port));
  if (options.redact) params.set('redact', '1');
  return `#/report?${params.toString()}`;
}

/** asks the question in Node first: bad input fails here, with the engine's own message */
async function checkQuestion(service: ReachmapService, options: ReportOptions): Promise<void> {
  const port = portOption(options.port);
  if (options.flowlogs !== undefined) await service.flowLogs({ paths: options.flowlogs.map((file) => path.resolve(file)) });
  else if (options.compare !== undefined) await service.compareWith({ path: path.resolve(options.compare), otherIs: 'old' });
  else if (options.exposure) await service.exposure();
  else if (options.diagnose !== undefined) {
    const diagnoseOptions = { ...(port !== undefined ? { port } : {}), ...(options.family !== undefined ? { family: options.family } : {}) };
    await service.diagnose(options.diagnose, Object.keys(diagnoseOptions).length > 0 ? diagnoseOptions : undefined);
  }
  else
    await service.analyze({
      from: options.from!,
      to: options.to!,
      ...(options.protocol !== undefined ? { protocol: options.protocol } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(options.family !== undefined ? { family: options.family } : {}),
    });
}

/** the line printed on success: the report's absolute path, so that a script or a person finds the file */
export function reportWrittenLine(png: string): string {
  return `Wrote the report to ${path.resolve(png)}\n`;
}

export async function runReport(options: ReportOptions): Promise<number> {
  const fragment = reportFragment(options);
  const browser = findBrowser(options.browser);
  // loaded when a report is made, not for --help: the importer, the engine, playwright
  const [{ createNodeReachmapService }, { renderReportPng }] = await Promise.all([import('../../shared/api/service/node.js'), import('../report/render.js')]);
  const service = await createNodeReachmapService(options.maxSize !== undefined ? { maxBytes: options.maxSize } : {});
  const summary = await service.openSnapshot(options.snapshot);
  printWarnings(summary.warnings);
  await applyChangesOption(service, options);
  await checkQuestion(service, options);
  const png = await renderReportPng(service, fragment, browser);
  // A report pictures the network (addresses, rules, the path in): 0600 like
  // every file Reachmap writes, replacing a symlink at --png rather than
  // writing through it. Sharing it is the user's `chmod`.
  try {
    await writePrivateFile(options.png, png);
  } catch (error) {
    throw new InputError(`--png: ${error instanceof Error ? error.message : String(error)}`);
  }
  writeText(reportWrittenLine(options.png));
  return 0;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('render the report of a flow, the internet exposure, a diagnosis, a comparison or flow logs as a PNG (headless Chromium)')
    .option('--snapshot <path>', SNAPSHOT_HELP, collectSnapshotPaths)
    .option('--max-size <size>', MAX_SIZE_HELP, parseMaxSize)
    .option('--apply <file>', APPLY_HELP)
    .option('--from <endpoint>', 'source of the flow: i-..., eni-..., an address, or internet')
    .option('--to <endpoint>', 'destination of the flow')
    .option('--protocol <protocol>', 'tcp (default), udp, icmp, all or an IP protocol number')
    .option('--port <n>', 'destination port (tcp and udp; the port of --diagnose)')
    .addOption(new Option('--family <family>', 'address family of the flow or of --diagnose, as analyze and diagnose --family (an IPv6 address at either end makes a flow ipv6; internet is 2001:db8::1 on ipv6)').choices(['ipv4', 'ipv6']))
    .option('--exposure', 'report what the internet can reach')
    .option('--diagnose <target>', 'report the layered diagnosis of why TARGET cannot be reached')
    .option('--compare <old>', 'report what changed since the snapshot OLD (reachmap diff OLD SNAPSHOT), marked on the map')
    .option('--flowlogs <files...>', 'report VPC flow logs set against the snapshot: rejects and their rules, disagreements (reachmap flowlogs FILES)')
    .requiredOption('--png <file>', 'where to write the PNG (mode 0600, as every file Reachmap writes; share it with chmod)')
    .option('--browser <path>', 'the Chromium or Chrome to render with (default: the first found)')
    .option('--redact', 'mask account ids and public IP addresses')
    .action(action((options: ReportOptions) => runReport(options)));
}
