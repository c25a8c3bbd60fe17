// `diagnose TARGET`: "why can't TARGET be reached", as the playbook's layered
// checklist (PLAYBOOK.md), bottom up: state -> addressing -> routing ->
// filtering -> from each kind of source (the internet, its own VPC, peered
// VPCs, VPCs behind a transit gateway). The last layer runs the real trace
// from a representative of each source, so that diagnose and analyze never
// disagree; the layers below it say where to look first.
import type { DiagnoseCheck, DiagnoseReport } from './diagnose-types.js';
import { InputError } from '../model/errors.js';
import { formatIpv4, INTERNET_HOST_IP } from '../model/ipv4.js';
import type { NetworkInterface, NetworkModel } from '../model/types.js';
import { addressingChecks, routingChecks, stateChecks, type TargetPlace } from './diagnose-layers.js';
import { filteringChecks, type FilterSource } from './diagnose-filtering.js';
import { representative, sourceCheck, sourceGroups, type Service, type SourceGroup } from './diagnose-sources.js';
import { resolveEndpoint } from './endpoints.js';
import { loadBalancerChecks } from './diagnose-load-balancers.js';
import { protocolLabel, TCP, UDP } from './packet.js';
import { evaluateSecurityGroups } from './security-groups.js';

export type { DiagnoseReport } from './diagnose-types.js';

const DEFAULT_PORTS = [22, 80, 443];
/** More ports than a checklist can show usefully: the first ones by number. */
const MAX_PORTS = 8;

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
  ip: number;
}

function sourceName(group: SourceGroup, from: string): string {
  return group.kind === 'internet' ? 'the internet' : `${from} (${group.kind === 'same-vpc' ? 'same VPC' : group.vpc!.id})`;
}

export function diagnose(model: NetworkModel, target: string, options: { port?: number } = {}): DiagnoseReport {
  const eni = targetEni(model, target);
  const { services, from } = servicesOf(model, eni, options.port);
  const subnet = model.subnets.get(eni.subnetId);
  const vpc = model.vpcs.get(eni.vpcId);
  const table = subnet?.routeTableId === undefined ? undefined : model.routeTables.get(subnet.routeTableId);
  const place: TargetPlace = { eni, subnet, vpc, table };
  const warnings = new Set<string>();

  const tried: Tried[] = [];
  for (const group of vpc ? sourceGroups(model, vpc) : []) {
    for (const service of services) {
      if (group.kind === 'internet') {
        tried.push({ group, service, from: 'internet', ip: INTERNET_HOST_IP });
        continue;
      }
      const rep = representative(model, group, eni, service);
      if (rep) tried.push({ group, service, from: rep.id, ip: rep.primaryPrivateIp! });
      else warnings.add(`No running instance in ${group.vpc!.id} to try ${protocolLabel(service.protocol)} ${service.port} from.`);
    }
  }
  const filterSources = (service: Service): FilterSource[] =>
    tried
      .filter((t) => t.service === service && (t.group.kind !== 'internet' || eni.publicIp !== undefined))
      .map((t) => {
        const subnetId = model.networkInterfaces.get(t.from)?.subnetId;
        return { name: sourceName(t.group, t.from), ip: t.ip, crossesSubnet: t.group.kind !== 'same-vpc' || subnetId !== eni.subnetId, subnetId };
      });

  const sources: DiagnoseCheck[] = tried.map((t) => {
    const { check, warnings: traced } = sourceCheck(model, t.group, t.from, eni, t.service);
    traced.forEach((w) => warnings.add(w));
    return check;
  });
  const checks = [...stateChecks(model, eni), ...addressingChecks(model, place), ...routingChecks(model, place), ...filteringChecks(model, place, services, filterSources), ...sources, ...loadBalancerChecks(model, eni)];
  markByDesign(model, eni, services, checks);
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
      privateIp: formatIpv4(eni.primaryPrivateIp!),
      publicIp: eni.publicIp === undefined ? null : formatIpv4(eni.publicIp),
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
function markByDesign(model: NetworkModel, eni: NetworkInterface, services: readonly Service[], checks: DiagnoseCheck[]): void {
  const privateByDesign = checks.some((c) => c.id === 'public-ip' && c.status === 'pass') && eni.publicIp === undefined;
  for (const c of checks) {
    if (c.layer !== 'sources' || c.status !== 'fail' || !c.flow) continue;
    const blocked = c.flow.blocked;
    const internet = c.flow.from === 'internet' && privateByDesign && blocked?.direction === 'forward' && (blocked.kind === 'internet-gateway' || blocked.kind === 'internet');
    const service = `${c.flow.protocol}/${c.flow.port}`;
    const rep = model.networkInterfaces.get(c.flow.from);
    const spec = services.find((s) => protocolLabel(s.protocol) === c.flow!.protocol && s.port === c.flow!.port);
    // the target's groups admit other sources of this service, and not this one: whatever drops it first, they would
    const refused = rep !== undefined && spec !== undefined && eni.securityGroupIds.length > 0 && evaluateSecurityGroups(model, eni, false, { protocol: spec.protocol, peerIp: rep.primaryPrivateIp!, ports: { from: spec.port, to: spec.port }, icmp: undefined }).result === 'deny';
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
