// `diagnose TARGET`: "why can't TARGET be reached", as the playbook's layered
// checklist (PLAYBOOK.md), bottom up: state -> addressing -> routing ->
// filtering -> from each kind of source (the internet, its own VPC, peered
// VPCs, VPCs behind a transit gateway). The last layer runs the real trace
// from a representative of each source, so that diagnose and analyze never
// disagree; the layers below it say where to look first. One family per
// report (issue 17): --family, else a literal address's, else IPv4, unless
// the machine has only IPv6.
import type { DiagnoseCheck, DiagnoseReport } from './diagnose-types.js';
import { InputError } from '../model/errors.js';
import { formatIpv4, INTERNET_HOST_IP } from '../model/ipv4.js';
import { INTERNET_HOST_IPV6, parseIpv6 } from '../model/ipv6.js';
import { formatIp, type Family, type Ip } from '../model/ip.js';
import type { NetworkInterface, NetworkModel } from '../model/types.js';
import { addressingChecks, internetReachesIpv6, routingChecks, stateChecks, type TargetPlace } from './diagnose-layers.js';
import { filteringChecks, type FilterSource } from './diagnose-filtering.js';
import { addressOf, representative, sourceCheck, sourceGroups, type Service, type SourceGroup } from './diagnose-sources.js';
import { literalFamily } from './family.js';
import { resolveEndpoint } from './endpoints.js';
import { loadBalancerChecks } from './diagnose-load-balancers.js';
import { protocolLabel, TCP, UDP } from './packet.js';
import { evaluateSecurityGroups } from './security-groups.js';

export type { DiagnoseReport } from './diagnose-types.js';

const DEFAULT_PORTS = [22, 80, 443];
/** More ports than a checklist can show usefully: the first ones by number. */
const MAX_PORTS = 8;

/**
 * The family diagnosed: --family where given (a literal of the other family is bad input), else a literal
 * address's, else IPv4, unless the machine holds only IPv6 addresses (an endpoint with one family uses it).
 */
function targetFamily(eni: NetworkInterface, target: string, asked: string | undefined): Family {
  const wanted = asked?.trim().toLowerCase();
  if (wanted !== undefined && wanted !== 'ipv4' && wanted !== 'ipv6') throw new InputError(`--family: "${asked}" is not ipv4 or ipv6`);
  const literal = literalFamily(target);
  if (literal !== undefined && wanted !== undefined && literal !== wanted) {
    throw new InputError(`diagnose: "${target.trim()}" is an ${literal === 'ipv4' ? 'IPv4' : 'IPv6'} address, but --family is ${wanted}`);
  }
  if (literal !== undefined) return literal;
  if (wanted === 'ipv4' && eni.primaryPrivateIp === undefined) throw new InputError(`diagnose: ${eni.id} has no IPv4 address (IPv6-only): diagnose it with --family ipv6`);
  if (wanted !== undefined) return wanted;
  return eni.primaryPrivateIp === undefined && eni.ipv6Addresses.length > 0 ? 'ipv6' : 'ipv4';
}

/** The target's address of the family: a literal names it; else its primary IPv4, or its first IPv6 address. */
function targetAddress(eni: NetworkInterface, target: string, family: Family): Ip | undefined {
  if (family === 'ipv4') return eni.primaryPrivateIp;
  const named = literalFamily(target) === 'ipv6' ? eni.ipv6Addresses.find((ip) => formatIp(ip) === formatIp(parseIpv6(target.trim())!)) : undefined;
  return named ?? addressOf(eni, 'ipv6');
}

function targetEni(model: NetworkModel, target: string): NetworkInterface {
  const endpoint = resolveEndpoint(model, target, 'destination');
  if (endpoint.kind !== 'eni') throw new InputError(`diagnose: "${target}" is not a machine of the snapshot (an instance, a network interface, or an address one holds)`);
  // resolved on IPv4 (the default family): the ENI has an IPv4 address, which the checks below use
  return endpoint.eni;
}

/** Without --port: what the target's groups open (the first port of each range), else 22/80/443. */
function servicesOf(model: NetworkModel, eni: NetworkInterface, port: number | undefined): { services: Service[]; from: DiagnoseReport['portsFrom'] } {
  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: "${port}" is not a port number (0-65535)`);
    return { services: [{ protocol: TCP, port }], from: 'option' };
  }
  const opened = new Map<string, Service>();
  for (const id of eni.securityGroupIds) {
    for (const rule of model.securityGroups.get(id)?.ingress ?? []) {
      if ((rule.protocol === TCP || rule.protocol === UDP) && rule.ports) opened.set(`${rule.protocol}/${rule.ports.from}`, { protocol: rule.protocol, port: rule.ports.from });
    }
  }
  const services = [...opened.values()].sort((a, b) => a.port - b.port || a.protocol - b.protocol).slice(0, MAX_PORTS);
  if (services.length > 0) return { services, from: 'security-groups' };
  return { services: DEFAULT_PORTS.map((p) => ({ protocol: TCP, port: p })), from: 'default' };
}

interface Tried {
  group: SourceGroup;
  service: Service;
  from: string;
  ip: Ip;
}

function sourceName(group: SourceGroup, from: string): string {
  return group.kind === 'internet' ? 'the internet' : `${from} (${group.kind === 'same-vpc' ? 'same VPC' : group.vpc!.id})`;
}

export function diagnose(model: NetworkModel, target: string, options: { port?: number; family?: string } = {}): DiagnoseReport {
  const eni = targetEni(model, target);
  const family = targetFamily(eni, target, options.family);
  const targetIp = targetAddress(eni, target, family);
  const { services, from } = servicesOf(model, eni, options.port);
  const subnet = model.subnets.get(eni.subnetId);
  const vpc = model.vpcs.get(eni.vpcId);
  const table = subnet?.routeTableId === undefined ? undefined : model.routeTables.get(subnet.routeTableId);
  const place: TargetPlace = { eni, subnet, vpc, table, family, ip: targetIp };
  const warnings = new Set<string>();

  const tried: Tried[] = [];
  // without an address of the family (IPv6 asked of a machine with none) nothing can be tried: addressing says so
  for (const group of vpc && targetIp !== undefined ? sourceGroups(model, vpc) : []) {
    for (const service of services) {
      if (group.kind === 'internet') {
        tried.push({ group, service, from: 'internet', ip: family === 'ipv6' ? INTERNET_HOST_IPV6 : INTERNET_HOST_IP });
        continue;
      }
      const rep = representative(model, group, eni, targetIp!, service);
      const ip = rep && addressOf(rep, family);
      if (rep && ip !== undefined) tried.push({ group, service, from: rep.id, ip });
      else warnings.add(`No running instance${family === 'ipv6' ? ' with an IPv6 address' : ''} in ${group.vpc!.id} to try ${protocolLabel(service.protocol)} ${service.port} from.`);
    }
  }
  // the internet is a source the filters must admit where it can address the machine: a public IPv4, or on IPv6 a route to an internet gateway
  const internetAddresses = family === 'ipv6' ? internetReachesIpv6(model, place) : eni.publicIp !== undefined;
  const filterSources = (service: Service): FilterSource[] =>
    tried
      .filter((t) => t.service === service && (t.group.kind !== 'internet' || internetAddresses))
      .map((t) => {
        const subnetId = model.networkInterfaces.get(t.from)?.subnetId;
        return { name: sourceName(t.group, t.from), ip: t.ip, crossesSubnet: t.group.kind !== 'same-vpc' || subnetId !== eni.subnetId, subnetId };
      });

  const sources: DiagnoseCheck[] = tried.map((t) => {
    const { check, warnings: traced } = sourceCheck(model, t.group, t.from, eni, targetIp!, t.service);
    traced.forEach((w) => warnings.add(w));
    return check;
  });
  const filtering = targetIp === undefined ? [] : filteringChecks(model, place, services, filterSources);
  // load balancers are traced over IPv4 only
  const balancers = family === 'ipv4' ? loadBalancerChecks(model, eni) : [];
  const checks = [...stateChecks(model, eni), ...addressingChecks(model, place), ...routingChecks(model, place), ...filtering, ...sources, ...balancers];
  markByDesign(model, place, services, checks);
  const first = checks.find((c) => (c.status === 'fail' || c.status === 'unknown') && !c.byDesign);
  const instance = eni.instanceId === undefined ? undefined : model.instances.get(eni.instanceId);
  return {
    target: {
      query: target,
      eni: eni.id,
      instance: eni.instanceId ?? null,
      name: instance?.name ?? eni.name ?? null,
      vpc: eni.vpcId,
      subnet: eni.subnetId,
      ...(family === 'ipv6'
        ? // an IPv6 address is global: private and public at once (as exposure's IPv6 entries have it)
          // one without an IPv6 address keeps its primary IPv4 as privateIp, and publicIp null
          { privateIp: formatIp((targetIp ?? eni.primaryPrivateIp)!), publicIp: targetIp === undefined ? null : formatIp(targetIp), family: 'ipv6' as const }
        : { privateIp: formatIpv4(eni.primaryPrivateIp!), publicIp: eni.publicIp === undefined ? null : formatIpv4(eni.publicIp) }),
    },
    ports: services.map((s) => ({ protocol: s.protocol === UDP ? 'udp' : 'tcp', port: s.port })),
    portsFrom: from,
    checks,
    firstFailure: first ? { layer: first.layer, id: first.id } : null,
    summary: summaryOf(target, checks, first),
    warnings: [...warnings],
  };
}

/** Failures that the configuration evidently intends (see DiagnoseCheck.byDesign). */
function markByDesign(model: NetworkModel, place: TargetPlace, services: readonly Service[], checks: DiagnoseCheck[]): void {
  const { eni, family } = place;
  // IPv6: a subnet that does not route the internet to an internet gateway (an egress-only one, or none) is private by design
  const privateByDesign = family === 'ipv6' ? !internetReachesIpv6(model, place) : checks.some((c) => c.id === 'public-ip' && c.status === 'pass') && eni.publicIp === undefined;
  // IPv4: dropped on the way in, at the gateway or the internet; IPv6: also an egress-only gateway refusing it, or a table with no route back
  const internetDrops = new Set(family === 'ipv6' ? ['internet-gateway', 'internet', 'egress-only-internet-gateway', 'route-table'] : ['internet-gateway', 'internet']);
  for (const c of checks) {
    if (c.layer !== 'sources' || c.status !== 'fail' || !c.flow) continue;
    const blocked = c.flow.blocked;
    const internet = c.flow.from === 'internet' && privateByDesign && blocked !== null && (family === 'ipv6' || blocked.direction === 'forward') && internetDrops.has(blocked.kind);
    const service = `${c.flow.protocol}/${c.flow.port}`;
    const rep = model.networkInterfaces.get(c.flow.from);
    const spec = services.find((s) => protocolLabel(s.protocol) === c.flow!.protocol && s.port === c.flow!.port);
    // the target's groups admit other sources of this service, and not this one: whatever drops it first, they would
    const repIp = rep && addressOf(rep, family);
    const refused = repIp !== undefined && spec !== undefined && eni.securityGroupIds.length > 0 && evaluateSecurityGroups(model, eni, false, { protocol: spec.protocol, peerIp: repIp, ports: { from: spec.port, to: spec.port }, icmp: undefined }).result === 'deny';
    const selective = refused && checks.some((f) => f.id === `security-groups:${service}` && f.status === 'pass');
    if (internet || selective) c.byDesign = true;
  }
}

function summaryOf(target: string, checks: readonly DiagnoseCheck[], first: DiagnoseCheck | undefined): string {
  const reached = checks.filter((c) => c.layer === 'sources' && c.status === 'pass').map((c) => c.title);
  const warned = checks.filter((c) => c.status === 'warn').length;
  const traps = warned ? ` ${warned} warning${warned === 1 ? '' : 's'} to read.` : '';
  if (!first) return `${target}: every check passes.${traps}`;
  const fix = first.fix ? ` Fix: ${first.fix.text}` : '';
  const but = reached.length ? ` (reachable: ${reached.join('; ')})` : '';
  return `${target}: the first failing layer is ${first.layer}: ${first.title}${first.component ? ` at ${first.component.kind} ${first.component.id}` : ''}.${fix}${but}${traps}`;
}
