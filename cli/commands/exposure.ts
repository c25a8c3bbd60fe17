// `reachmap exposure`: everything the internet can reach, per ENI, as
// protocol/port ranges with the sources admitted and the path that admits
// them (DESIGN.md section 5). `--json` prints the ExposureReport.
import { InvalidArgumentError, type Command as CommandType } from 'commander';
import type { BrokenService, ExposedNetworkInterface, ExposedService, ExposureReport, ExposureRisk } from '../../shared/api/exposure-types.js';
import { action, addSnapshotOption, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { shown, shownName, writeText } from '../output.js';

interface ExposureOptions extends SnapshotOptions {
  json?: boolean;
  minRisk?: ExposureRisk;
}

const RISKS: readonly ExposureRisk[] = ['high', 'medium', 'low'];
const rank = (risk: ExposureRisk | undefined) => RISKS.indexOf(risk ?? 'low');

function parseRisk(text: string): ExposureRisk {
  const risk = text.trim().toLowerCase();
  if (!(RISKS as readonly string[]).includes(risk)) throw new InvalidArgumentError(`"${text}" is not a risk: high, medium or low`);
  return risk as ExposureRisk;
}

function portsText(service: Pick<ExposedService, 'protocol' | 'ports'>): string {
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

function sourcesText(sources: readonly string[], expanded: Record<string, string[]> | undefined): string {
  const named = (source: string) => (expanded?.[source]?.length ? `${shown(source)} (${expanded[source]!.map(shown).join(', ')})` : shown(source));
  if (sources.length <= SHOWN_SOURCES) return sources.map(named).join(', ');
  return `${sources.slice(0, SHOWN_SOURCES).map(named).join(', ')} and ${sources.length - SHOWN_SOURCES} more CIDRs (--json lists them all)`;
}

function who(eni: Pick<ExposedNetworkInterface, 'eni' | 'name' | 'instance' | 'publicIp' | 'privateIp' | 'subnet' | 'vpc' | 'family'>): string {
  // names first (issue 15): "prod-bastion (eni-..., i-...)", or the ids alone when it has no Name
  const ids = [eni.eni, eni.instance].filter((x) => x !== null).map(shownName).join(', ');
  const title = eni.name ? `${shownName(eni.name)} (${ids})` : ids;
  // an IPv6 address is global: the internet reaches it as it is, with no public address translated to a private one
  const addresses = eni.family === 'ipv6' ? `${shown(eni.privateIp)} over IPv6` : `${shown(eni.publicIp)} -> ${shown(eni.privateIp)}`;
  return `${title}  ${addresses}  ${shownName(eni.subnet)}, ${shownName(eni.vpc)}`;
}

const riskTag = (risk: ExposureRisk | undefined) => `[${(risk ?? 'low').toUpperCase()}]`.padEnd(9);

/**
 * Riskiest first: the interfaces by their riskiest service (then as the JSON
 * lists them), the services of each by risk; `minRisk` leaves out the rest.
 */
export function exposureAsText(report: ExposureReport, minRisk: ExposureRisk = 'low'): string {
  const lines: string[] = [];
  const keep = (service: { risk?: ExposureRisk }) => rank(service.risk) <= rank(minRisk);
  const byRisk = <S extends { risk?: ExposureRisk }>(services: readonly S[]) => services.map((service, i) => ({ service, i })).filter(({ service }) => keep(service)).sort((a, b) => rank(a.service.risk) - rank(b.service.risk) || a.i - b.i).map(({ service }) => service);
  const exposed = report.exposed
    .map((eni, i) => ({ eni, i, services: byRisk(eni.services) }))
    .filter((entry) => entry.services.length > 0)
    .sort((a, b) => rank(a.services[0]!.risk) - rank(b.services[0]!.risk) || a.i - b.i);
  const filtered = minRisk === 'low' ? '' : ` at risk ${minRisk} or above`;
  if (exposed.length === 0) lines.push(report.exposed.length === 0 ? 'The internet reaches no network interface of this snapshot.' : `The internet reaches no network interface${filtered}.`);
  else {
    // an interface reached over both families has an entry per family: count it once, say how many are IPv6
    const interfaces = new Set(exposed.map(({ eni }) => eni.eni)).size;
    const overIpv6 = exposed.filter(({ eni }) => eni.family === 'ipv6').length;
    const families = overIpv6 === 0 ? '' : overIpv6 === exposed.length ? ' over IPv6' : ` (${overIpv6} of them over IPv6)`;
    lines.push(`The internet reaches ${interfaces} network interface${interfaces === 1 ? '' : 's'}${filtered}${families}:`);
  }
  // several accounts: each account's interfaces under its heading, the accounts in order of their riskiest interface
  const accounts = [...new Set(exposed.map(({ eni }) => eni.account ?? 'unknown'))];
  const grouped = accounts.length > 1 ? accounts.flatMap((account) => exposed.filter(({ eni }) => (eni.account ?? 'unknown') === account)) : exposed;
  let heading: string | undefined;
  for (const { eni, services } of grouped) {
    if (accounts.length > 1 && eni.account !== heading) {
      heading = eni.account;
      lines.push('', `account ${shown(eni.account ?? 'unknown')}:`);
    }
    lines.push('', who(eni));
    for (const service of services) {
      lines.push(`  ${riskTag(service.risk)}${shown(portsText(service)).padEnd(24)} from ${sourcesText(service.sources, service.prefixListCidrs)}`);
      if (service.riskReason && service.risk !== 'low') lines.push(`  ${''.padEnd(9 + 24)} ${shown(service.riskReason)}`);
      lines.push(`  ${''.padEnd(9 + 24)} via ${admittedBy(service)}`);
    }
  }
  const broken = (report.broken ?? []).map((eni) => ({ eni, services: byRisk<BrokenService>(eni.services) })).filter((entry) => entry.services.length > 0);
  if (broken.length > 0) {
    lines.push('', `Public and open, but broken: the filters let these in from the internet, the reply cannot get back (${broken.length} network interface${broken.length === 1 ? '' : 's'}):`);
    for (const { eni, services } of broken) {
      lines.push('', who(eni));
      for (const service of services) {
        lines.push(`  ${riskTag(service.risk)}${shown(portsText(service)).padEnd(24)} from ${sourcesText(service.sources, service.prefixListCidrs)}`);
        lines.push(`  ${''.padEnd(9 + 24)} reply blocked at ${shownName(service.blocked.id)} (${shown(service.blocked.code)}): ${shown(service.blocked.detail)}`);
      }
    }
  }
  const balancers = report.loadBalancers ?? [];
  if (balancers.length > 0) {
    lines.push('', `Internet-facing load balancers (${balancers.length}):`);
    for (const lb of balancers) {
      lines.push(`  ${shown(lb.loadBalancer)} (${lb.type}, ${shown(lb.dnsName ?? lb.arn)})`);
      for (const listener of lb.listeners) {
        const behind = listener.targets.map((t) => `${shown(t.id)}:${t.port ?? '?'} ${t.verdict}${t.health ? ` (${shown(t.health)})` : ''}`).join(', ') || 'no target';
        const at = listener.blocked ? ` at ${shown(listener.blocked.kind)} ${shown(listener.blocked.id)} (${shown(listener.blocked.code)})` : '';
        lines.push(`    ${shown(listener.protocol ?? '?')}:${listener.port}${listener.family === 'ipv6' ? ' over IPv6' : ''} from ${shown(listener.sources.join(', ') || 'no internet source')}: ${listener.verdict}${at} -> ${behind}`);
      }
    }
  }
  if (report.warnings.length > 0) lines.push('', 'warnings', ...report.warnings.map((w) => `  - ${shown(w)}`));
  return `${lines.join('\n')}\n`;
}

export function registerExposureCommand(program: CommandType): void {
  const command = program
    .command('exposure')
    .description('everything the internet can reach: per network interface, the protocols, ports and sources admitted, and the path')
    .option('--json', 'print one JSON object (docs/schemas/exposure.schema.json)')
    .option('--min-risk <risk>', 'text only: show services at this risk or above (high, medium, low; default low)', parseRisk);
  addSnapshotOption(command).action(
    action(async (options: ExposureOptions) => {
      const service = await openServiceForCli(options);
      const report = await service.exposure();
      if (options.json) printJson(report);
      else writeText(exposureAsText(report, options.minRisk));
      return EXIT_OK;
    }),
  );
}
