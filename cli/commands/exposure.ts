// `reachmap exposure`: everything the internet can reach, per ENI, as
// protocol/port ranges with the sources admitted and the path that admits
// them (DESIGN.md section 5). `--json` prints the ExposureReport.
import type { Command } from 'commander';
import type { ExposedService, ExposureReport } from '../../shared/api/exposure-types.js';
import { action, addSnapshotOption, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { shown, shownName, writeText } from '../output.js';

interface ExposureOptions extends SnapshotOptions {
  json?: boolean;
}

function portsText(service: ExposedService): string {
  if (service.ports === null) return service.protocol === 'icmp' ? 'icmp echo' : service.protocol === 'all' ? 'all other protocols' : `protocol ${service.protocol}`;
  return `${service.protocol} ${service.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ')}`;
}

/** The filters and gateways that let the service in, in path order. */
function admittedBy(service: ExposedService): string {
  return service.path
    .filter((hop) => ['internet-gateway', 'network-acl', 'security-group', 'subnet'].includes(hop.kind) && (hop.action === 'allow' || hop.action === 'translate'))
    .map((hop) => shownName(hop.id))
    .join(' -> ');
}

/** Long source lists (the internet less a few blocks) read better cut short; --json keeps them whole. */
const SHOWN_SOURCES = 6;

function sourcesText(sources: readonly string[]): string {
  if (sources.length <= SHOWN_SOURCES) return sources.map(shown).join(', ');
  return `${sources.slice(0, SHOWN_SOURCES).map(shown).join(', ')} and ${sources.length - SHOWN_SOURCES} more CIDRs (--json lists them all)`;
}

export function exposureAsText(report: ExposureReport): string {
  const lines: string[] = [];
  if (report.exposed.length === 0) lines.push('The internet reaches no network interface of this snapshot.');
  else lines.push(`The internet reaches ${report.exposed.length} network interface${report.exposed.length === 1 ? '' : 's'}:`);
  for (const eni of report.exposed) {
    const who = [eni.name, eni.instance].filter((x) => x !== null).map(shownName).join(', ');
    lines.push('', `${shownName(eni.eni)}${who ? ` (${who})` : ''}  ${shown(eni.publicIp)} -> ${shown(eni.privateIp)}  ${shownName(eni.subnet)}, ${shownName(eni.vpc)}`);
    for (const service of eni.services) {
      lines.push(`  ${shown(portsText(service)).padEnd(24)} from ${sourcesText(service.sources)}`, `  ${''.padEnd(24)} via ${admittedBy(service)}`);
    }
  }
  if (report.warnings.length > 0) lines.push('', 'warnings', ...report.warnings.map((w) => `  - ${shown(w)}`));
  return `${lines.join('\n')}\n`;
}

export function registerExposureCommand(program: Command): void {
  const command = program
    .command('exposure')
    .description('everything the internet can reach: per network interface, the protocols, ports and sources admitted, and the path')
    .option('--json', 'print one JSON object (docs/schemas/exposure.schema.json)');
  addSnapshotOption(command).action(
    action(async (options: ExposureOptions) => {
      const service = await openServiceForCli(options);
      const report = await service.exposure();
      if (options.json) printJson(report);
      else writeText(exposureAsText(report));
      return EXIT_OK;
    }),
  );
}
