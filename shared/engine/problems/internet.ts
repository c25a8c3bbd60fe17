// The internet's side: administration and database ports open to the whole
// internet (from the exposure audit), public IPs the internet cannot reach
// (no route to an attached internet gateway, a reply routed elsewhere), and
// servers in a public subnet whose groups admit the internet but which hold
// no public IP. Fixes: revoking the rule, the trace's own fix, publicIpFix.
import { formatIpv4, INTERNET_HOST_IP } from '../../model/ipv4.js';
import type { NetworkInterface, NetworkModel, SecurityGroupRule } from '../../model/types.js';
import { analyzeFlow } from '../analyze.js';
import { SENSITIVE_PORTS } from '../exposure-risk.js';
import type { ExposureReport } from '../exposure-types.js';
import { exposureBeyond, isPublicSubnet, publicIpFix, revokeRuleFix } from '../fixes.js';
import { ANY_PROTOCOL, parseProtocol } from '../packet.js';
import type { Problem } from '../problems-types.js';
import { lookupRoute } from '../routing.js';
import { componentOf, named } from './problem.js';

/**
 * A rule open to the whole internet of the exposure entry's family: 0.0.0.0/0 (or a half of it) for IPv4,
 * ::/0 (or a half) for IPv6 (issue 17: an IPv6 entry is judged by the IPv6 rules only).
 */
function worldRule(rule: SecurityGroupRule, ipv6: boolean): boolean {
  if (ipv6) return rule.peer.kind === 'cidr6' && rule.peer.cidr.prefix <= 1;
  return rule.peer.kind === 'cidr' && rule.peer.cidr.prefix <= 1;
}

function coversPort(rule: SecurityGroupRule, protocol: number, port: number | undefined): boolean {
  if (rule.protocol === ANY_PROTOCOL) return true;
  if (rule.protocol !== protocol) return false;
  return port === undefined || rule.ports === undefined || (rule.ports.from <= port && port <= rule.ports.to);
}

function openAdminPorts(model: NetworkModel, report: ExposureReport): Problem[] {
  const found = new Map<string, { groupId: string; rule: SecurityGroupRule; label: string; enis: Set<string>; ipv6: boolean }>();
  for (const eni of report.exposed) {
    const holder = model.networkInterfaces.get(eni.eni);
    if (!holder) continue;
    const ipv6 = eni.family === 'ipv6';
    for (const service of eni.services) {
      if (service.risk !== 'high') continue;
      const protocol = parseProtocol(service.protocol);
      const ports = protocol === ANY_PROTOCOL ? [undefined] : Object.keys(SENSITIVE_PORTS).map(Number).filter((p) => (service.ports ?? []).some((r) => r.from <= p && p <= r.to));
      for (const port of ports) {
        for (const groupId of holder.securityGroupIds) {
          for (const rule of model.securityGroups.get(groupId)?.ingress ?? []) {
            if (!worldRule(rule, ipv6) || !coversPort(rule, protocol, port)) continue;
            const label = port === undefined ? 'all' : `${service.protocol}/${port}`;
            // an IPv6 rule is a problem of its own (revoked by itself): its id ends in ":ipv6", IPv4's stay as they were
            const key = `${groupId}:${label}${ipv6 ? ':ipv6' : ''}`;
            const entry = found.get(key) ?? { groupId, rule, label, enis: new Set<string>(), ipv6 };
            entry.enis.add(eni.eni);
            found.set(key, entry);
          }
        }
      }
    }
  }
  return [...found.values()].map(({ groupId, rule, label, enis, ipv6 }) => {
    const group = model.securityGroups.get(groupId)!;
    const component = componentOf(model, groupId, 'security-group');
    const port = label.split('/')[1];
    const what = label === 'all' ? 'every protocol and port' : `${label.replace('/', ' ')} (${SENSITIVE_PORTS[Number(port)]})`;
    const who = [...enis].sort().map((id) => named(componentOf(model, id, 'eni')));
    return {
      id: `open-admin-port:${groupId}:${label}${ipv6 ? ':ipv6' : ''}`,
      kind: 'open-admin-port' as const,
      severity: 'high' as const,
      component: { ...component, name: group.name },
      title: `${what} open to the whole ${ipv6 ? 'IPv6 ' : ''}internet through ${group.name} (${groupId})`,
      explanation: `A rule of ${group.name} (${groupId}) admits ${what} from ${rule.peer.kind === 'cidr' || rule.peer.kind === 'cidr6' ? rule.peer.cidr.text : 'the internet'}, and the internet reaches ${who.join(', ')} on it: administration and database ports are scanned and attacked within minutes of facing the internet.`,
      fix: revokeRuleFix(model, group, rule, false, 'Admit the administrators\' own addresses (a prefix list of office CIDRs) or reach the machines through a bastion, VPN or Session Manager instead.'),
      related: [...enis].sort(),
    };
  });
}

function attachedGateway(model: NetworkModel, vpcId: string): string | undefined {
  return model.vpcs.get(vpcId)?.internetGatewayIds.find((id) => model.internetGateways.get(id)?.attachments.some((a) => a.vpcId === vpcId && (a.state === 'available' || a.state === 'attached')));
}

/** An ordinary interface (an instance's or one made by hand): not a NAT gateway's, endpoint's or load balancer's. */
function ordinary(eni: NetworkInterface): boolean {
  return eni.interfaceType === 'interface' && !eni.requesterManaged;
}

function unreachablePublicIps(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const eni of model.networkInterfaces.values()) {
    if (!ordinary(eni) || eni.publicIp === undefined) continue;
    const subnet = model.subnets.get(eni.subnetId);
    const vpc = model.vpcs.get(eni.vpcId);
    const table = subnet?.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
    if (!subnet || !vpc || !table) continue;
    const igw = attachedGateway(model, eni.vpcId);
    const lookup = lookupRoute(model, table, vpc, INTERNET_HOST_IP);
    if (lookup.kind === 'unknown') continue;
    const viaIgw = lookup.kind === 'match' && lookup.route.state === 'active' && lookup.route.target.kind === 'internet-gateway' && lookup.route.target.id === igw;
    if (igw && viaIgw) continue;
    const component = componentOf(model, eni.id, 'eni');
    const why = !igw ? `${named(componentOf(model, vpc.id, 'vpc'))} has no attached internet gateway` : `${named(componentOf(model, table.id, 'route-table'))}, the table of ${named(componentOf(model, subnet.id, 'subnet'))}, sends internet traffic ${lookup.kind === 'match' ? `to ${lookup.route.target.id}` : 'nowhere'}, not to ${igw}`;
    problems.push({
      id: `public-ip-unreachable:${eni.id}`,
      kind: 'public-ip-unreachable',
      severity: 'medium',
      component,
      title: `${named(component)} holds public IP ${formatIpv4(eni.publicIp)} that the internet cannot reach`,
      explanation: `${why}: nothing from the internet reaches ${formatIpv4(eni.publicIp)}, and replies to it cannot leave. Either the public IP is not needed (release it), or the machine belongs in a public subnet.`,
      fix: null,
      related: [subnet.id, table.id],
    });
  }
  return problems;
}

/** Public and open, but the reply is routed away (the ACL family reports replies an ACL refuses). */
function brokenReplies(model: NetworkModel, report: ExposureReport): Problem[] {
  const problems: Problem[] = [];
  for (const eni of report.broken ?? []) {
    for (const service of eni.services) {
      if (service.blocked.kind === 'network-acl') continue;
      const label = `${service.protocol}/${service.ports?.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(',') ?? '*'}`;
      const trace = analyzeFlow(model, { from: service.example.from, to: service.example.to, protocol: service.example.protocol, port: service.example.port ?? undefined });
      const component = componentOf(model, eni.eni, 'eni');
      problems.push({
        id: `public-service-reply-blocked:${eni.eni}:${label}`,
        kind: 'public-service-reply-blocked',
        severity: 'medium',
        component,
        title: `${named(component)} admits ${label} from the internet, but its replies are blocked at ${service.blocked.id}`,
        explanation: `The filters let ${label} in from ${service.sources.join(', ')} to ${eni.publicIp}, but the reply is dropped at ${service.blocked.id}: ${service.blocked.detail}`,
        fix: trace.blocked?.fix ?? null,
        related: [service.blocked.id],
      });
    }
  }
  return problems;
}

function noPublicIp(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const eni of model.networkInterfaces.values()) {
    if (!ordinary(eni) || eni.publicIp !== undefined || eni.privateAddresses.some((a) => a.publicIp !== undefined)) continue;
    const subnet = model.subnets.get(eni.subnetId);
    if (!subnet || !isPublicSubnet(model, subnet)) continue;
    const admitted = exposureBeyond(model, eni, undefined);
    if (admitted.length === 0) continue;
    const component = componentOf(model, eni.id, 'eni');
    const answer = publicIpFix(model, eni, undefined);
    problems.push({
      id: `no-public-ip-in-public-subnet:${eni.id}`,
      kind: 'no-public-ip-in-public-subnet',
      severity: 'low',
      component,
      title: `${named(component)} is in a public subnet and admits ${admitted.join(', ')} from the internet, but holds no public IP`,
      explanation: `${named(componentOf(model, subnet.id, 'subnet'))} routes to an internet gateway${subnet.mapPublicIpOnLaunch ? '' : ' but does not auto-assign public IPs'}, and ${named(component)}'s security groups admit ${admitted.join(', ')} from the internet: without a public IP the internet cannot reach it, and it cannot reach the internet either.`,
      fix: answer.fix,
      ...(answer.options ? { options: answer.options } : {}),
      related: [subnet.id],
    });
  }
  return problems;
}

export function internetProblems(model: NetworkModel, report: ExposureReport): Problem[] {
  return [...openAdminPorts(model, report), ...unreachablePublicIps(model), ...brokenReplies(model, report), ...noPublicIp(model)];
}
