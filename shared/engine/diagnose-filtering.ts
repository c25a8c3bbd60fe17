// The filtering layer of `diagnose`: the target's security groups and its
// subnet's network ACL, judged for each service from each kind of source
// (the engine's own rule functions, at the same representatives the sources
// layer traces from), and the ephemeral range: an ACL that lets less of
// 1024-65535 through than clients and NAT gateways may pick drops some
// replies even when the default port 49152 passes. On IPv6 the same checks
// read the IPv6 entries and rules (an ACL judges each family by its own
// entries); the fixes stay IPv4's.
import type { DiagnoseCheck } from './diagnose-types.js';
import { formatIpv4, INTERNET_HOST_IP } from '../model/ipv4.js';
import { INTERNET_HOST_IPV6 } from '../model/ipv6.js';
import { formatIp, type Ip } from '../model/ip.js';
import type { NetworkAcl, NetworkModel, Subnet } from '../model/types.js';
import { aclAllowedPorts, icmpOf } from './acl-port-sets.js';
import { check, type TargetPlace } from './diagnose-layers.js';
import type { Service } from './diagnose-sources.js';
import { aclFix, securityGroupFix, securityGroupNearMisses, type AclDecision } from './fixes.js';
import { DEFAULT_FIX_CONTEXT } from './trace.js';
import { difference, has } from './interval-sets.js';
import { entriesFor, evaluateAclEntries } from './network-acls.js';
import { DEFAULT_SOURCE_PORT, EPHEMERAL_RANGE, protocolLabel } from './packet.js';
import { lookupRoute } from './routing.js';
import { evaluateSecurityGroups } from './security-groups.js';

/** A source the filters are judged for: who, from which address, and whether it crosses the target subnet's boundary. */
export interface FilterSource {
  readonly name: string;
  /** of the diagnosed family */
  readonly ip: Ip;
  readonly crossesSubnet: boolean;
  /** the subnet of a source that is a machine of the snapshot: its ACL must let the replies back in */
  readonly subnetId: string | undefined;
}

type AclState = { kind: 'acl'; acl: NetworkAcl } | { kind: 'default' } | { kind: 'missing'; id: string };

function aclState(model: NetworkModel, subnet: Subnet): AclState {
  if (subnet.networkAclId === undefined) return { kind: 'default' };
  const acl = model.networkAcls.get(subnet.networkAclId);
  return acl ? { kind: 'acl', acl } : { kind: 'missing', id: subnet.networkAclId };
}

function portsText(ranges: readonly { from: number; to: number }[]): string {
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
}

function securityGroupCheck(model: NetworkModel, place: TargetPlace, service: Service, sources: readonly FilterSource[]): DiagnoseCheck {
  const { eni } = place;
  const label = `${protocolLabel(service.protocol)}/${service.port}`;
  const id = `security-groups:${label}`;
  const title = `The security groups admit ${protocolLabel(service.protocol)} ${service.port}`;
  const first = eni.securityGroupIds[0];
  if (first === undefined) return check('filtering', id, title, 'pass', { id: eni.id, kind: 'eni' }, `${eni.id} has no security groups: nothing filters it.`);
  const component = { id: first, kind: 'security-group' as const };
  const traffic = (ip: Ip) => ({ protocol: service.protocol, peerIp: ip, ports: { from: service.port, to: service.port }, icmp: icmpOf(service.protocol, false) });
  const decisions = sources.map((source) => ({ source, decision: evaluateSecurityGroups(model, eni, false, traffic(source.ip)) }));
  const admitted = decisions.filter((d) => d.decision.result === 'allow').map((d) => d.source.name);
  const refused = decisions.filter((d) => d.decision.result === 'deny').map((d) => d.source.name);
  const unknown = decisions.flatMap((d) => (d.decision.result === 'unknown' ? [d.decision.why] : []));
  const groups = eni.securityGroupIds.join(', ');
  const detail = `${groups} (${eni.id}) admit ${label} from ${admitted.length ? admitted.join(', ') : 'none of the sources tried'}${refused.length ? `; not from ${refused.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join('; ')}` : ''}.`;
  if (admitted.length > 0) return check('filtering', id, title, 'pass', component, detail);
  if (unknown.length > 0 || sources.length === 0) return check('filtering', id, title, 'unknown', component, sources.length === 0 ? `No source to judge ${label} from.` : detail);
  // The client the groups were meant for: a source carrying a group that a rule of the target's groups names for
  // this protocol (acme-prod-cache admits tcp 6380 from acme-prod-api: the api tier is who asks for 6379), so that
  // diagnose offers the fix the trace from that client offers.
  const named = new Set(eni.securityGroupIds.flatMap((groupId) => (model.securityGroups.get(groupId)?.ingress ?? []).flatMap((rule) => (rule.peer.kind === 'group' && rule.protocol === service.protocol ? [rule.peer.groupId] : []))));
  const intended = decisions.find((d) => (typeof d.source.ip === 'number' ? (model.indexes.enisByPrivateIp.get(d.source.ip) ?? []) : []).some((holder) => holder.vpcId === eni.vpcId && holder.securityGroupIds.some((g) => named.has(g))));
  // No source tried carries it: a member of the named group stands for the client.
  const namedMember = [...named]
    .sort()
    .flatMap((groupId) => (model.indexes.enisBySecurityGroup.get(groupId) ?? []).filter((member) => member.vpcId === eni.vpcId && member.securityGroupIds[0] === groupId))[0];
  const open = intended ?? decisions.find((d) => d.source.crossesSubnet && d.source.name !== 'the internet') ?? decisions[0]!;
  const clientIp = intended ? intended.source.ip : ((namedMember && (typeof open.source.ip === 'number' ? namedMember.primaryPrivateIp : namedMember.ipv6Addresses[0])) ?? open.source.ip);
  if (typeof clientIp !== 'number') return check('filtering', id, title, 'fail', component, detail);
  const nearMisses = securityGroupNearMisses(model, eni, false, { ...traffic(clientIp), peerIp: clientIp });
  const near = nearMisses.length > 0 ? ` Near miss: ${nearMisses.join(' ')}` : '';
  return check('filtering', id, title, 'fail', component, `${detail}${near}`, securityGroupFix(model, DEFAULT_FIX_CONTEXT, first, place.eni, false, { ...traffic(clientIp), peerIp: clientIp }));
}

function aclInboundCheck(model: NetworkModel, place: TargetPlace, acl: NetworkAcl, service: Service, sources: readonly FilterSource[]): DiagnoseCheck {
  const label = `${protocolLabel(service.protocol)}/${service.port}`;
  const component = { id: acl.id, kind: 'network-acl' as const };
  const title = `The network ACL lets ${protocolLabel(service.protocol)} ${service.port} in`;
  const judged = sources
    .filter((source) => source.crossesSubnet)
    .map((source) => {
      const traffic = { protocol: service.protocol, peerIp: source.ip, ports: { from: service.port, to: service.port }, icmp: icmpOf(service.protocol, false) };
      const decision = evaluateAclEntries(entriesFor(acl, true, source.ip), traffic);
      const groups = place.eni.securityGroupIds.length === 0 || evaluateSecurityGroups(model, place.eni, false, traffic).result === 'allow';
      return { source, traffic, decision, groups };
    });
  const describe = (j: (typeof judged)[number]) => `${j.source.name} (rule ${j.decision.entry ? j.decision.ruleNumber : '*'})`;
  const allowed = judged.filter((j) => j.decision.allowed);
  const inTheWay = judged.filter((j) => !j.decision.allowed && j.groups);
  const denied = judged.filter((j) => !j.decision.allowed);
  const detail = `${acl.id} inbound allows ${label} from ${allowed.length ? allowed.map(describe).join(', ') : 'none of the sources tried'}${denied.length ? `; denies it from ${denied.map(describe).join(', ')}` : ''}.`;
  if (inTheWay.length === 0) return check('filtering', `acl-inbound:${label}`, title, 'pass', component, `${detail}${denied.length ? ' The security groups refuse those too.' : ''}`);
  const culprit = inTheWay[0]!;
  const words = `${detail} The security groups would admit ${inTheWay.map((j) => j.source.name).join(', ')}: the ACL is in the way.`;
  const peerIp = culprit.traffic.peerIp;
  if (typeof peerIp !== 'number') return check('filtering', `acl-inbound:${label}`, title, 'fail', component, words);
  return check('filtering', `acl-inbound:${label}`, title, 'fail', component, words, aclFix(model, DEFAULT_FIX_CONTEXT, acl, false, { ...culprit.traffic, peerIp }, culprit.decision as AclDecision, 'forward', { ...culprit.traffic, peerIp }));
}

/**
 * The ephemeral range through one ACL direction toward (or from) `peerIp`:
 * `fail` when even the default client port 49152 is refused, `warn` when some
 * of 1024-65535 is.
 */
function ephemeralCheck(model: NetworkModel, acl: NetworkAcl, egress: boolean, protocol: number, peer: { name: string; ip: Ip }, id: string, title: string, why: string, failOnDefault: boolean): DiagnoseCheck {
  const entries = entriesFor(acl, !egress, peer.ip);
  const allowed = aclAllowedPorts(entries, protocol, peer.ip, [EPHEMERAL_RANGE]);
  const missing = difference([EPHEMERAL_RANGE], allowed);
  const component = { id: acl.id, kind: 'network-acl' as const };
  const way = egress ? `outbound to ${peer.name}` : `inbound from ${peer.name}`;
  if (missing.length === 0) return check('filtering', id, title, 'pass', component, `${acl.id} ${way} allows ${protocolLabel(protocol)} 1024-65535 (${why}).`);
  const denied = missing[0]!.from;
  const traffic = { protocol, peerIp: peer.ip, ports: EPHEMERAL_RANGE, icmp: undefined };
  const decision = evaluateAclEntries(entries, { ...traffic, ports: { from: denied, to: denied } });
  const status = failOnDefault && has(missing, DEFAULT_SOURCE_PORT) ? 'fail' : 'warn';
  const words = `${acl.id} ${way} refuses ${protocolLabel(protocol)} ${portsText(missing)} of the ephemeral range 1024-65535 (${why}): connections whose client (or NAT gateway) picks such a port get no reply.`;
  const peerIp = peer.ip;
  if (typeof peerIp !== 'number') return check('filtering', id, title, status, component, words);
  return check('filtering', id, title, status, component, words, aclFix(model, DEFAULT_FIX_CONTEXT, acl, egress, { ...traffic, peerIp }, decision as AclDecision, 'return', { ...traffic, peerIp }));
}

function natSubnetOf(model: NetworkModel, place: TargetPlace): { subnet: Subnet; natIp: number; natId: string } | undefined {
  if (!place.table || !place.vpc) return undefined;
  const route = lookupRoute(model, place.table, place.vpc, INTERNET_HOST_IP);
  if (route.kind !== 'match' || route.route.target.kind !== 'nat-gateway') return undefined;
  const nat = model.natGateways.get(route.route.target.id);
  const subnet = nat && model.subnets.get(nat.subnetId);
  const natIp = nat?.addresses.find((a) => a.privateIp !== undefined)?.privateIp;
  return nat && subnet && natIp !== undefined ? { subnet, natIp, natId: nat.id } : undefined;
}

/** Replies to the target's own connections to the internet: through its internet gateway, or its NAT gateway's subnet and back. */
function outboundReplyChecks(model: NetworkModel, place: TargetPlace, acl: NetworkAcl, protocol: number): DiagnoseCheck[] {
  if (place.family === 'ipv6') {
    // no NAT on IPv6: replies come back from the internet to the machine's own address, through the internet or egress-only gateway
    const route = place.table && place.vpc ? lookupRoute(model, place.table, place.vpc, INTERNET_HOST_IPV6) : undefined;
    const out = route?.kind === 'match' && (route.route.target.kind === 'internet-gateway' || route.route.target.kind === 'egress-only-internet-gateway');
    if (!out) return [];
    const label = protocolLabel(protocol);
    const host = { name: `internet hosts (${formatIp(INTERNET_HOST_IPV6)})`, ip: INTERNET_HOST_IPV6 };
    return [ephemeralCheck(model, acl, false, protocol, host, `acl-inbound-ephemeral:${label}`, `Replies to the machine's own ${label} connections get back in`, 'replies to its own connections to the internet', false)];
  }
  const internet = { name: `internet hosts (${formatIpv4(INTERNET_HOST_IP)})`, ip: INTERNET_HOST_IP };
  const label = protocolLabel(protocol);
  const title = `Replies to the machine's own ${label} connections get back in`;
  const nat = natSubnetOf(model, place);
  if (!nat) {
    if (place.eni.publicIp === undefined) return [];
    return [ephemeralCheck(model, acl, false, protocol, internet, `acl-inbound-ephemeral:${label}`, title, 'replies to its own connections to the internet', false)];
  }
  const checks: DiagnoseCheck[] = [];
  const natState = aclState(model, nat.subnet);
  if (natState.kind === 'acl') checks.push(ephemeralCheck(model, natState.acl, false, protocol, internet, `nat-acl-inbound-ephemeral:${label}`, `Replies through ${nat.natId} get into its subnet`, `${nat.natId} picks its port from 1024-65535`, false));
  if (nat.subnet.id !== place.subnet!.id) checks.push(ephemeralCheck(model, acl, false, protocol, { name: `${nat.natId} (${formatIpv4(nat.natIp)})`, ip: nat.natIp }, `acl-inbound-ephemeral:${label}`, title, `replies forwarded by ${nat.natId}`, false));
  return checks;
}

export function filteringChecks(model: NetworkModel, place: TargetPlace, services: readonly Service[], sourcesOf: (service: Service) => FilterSource[]): DiagnoseCheck[] {
  const { subnet } = place;
  if (!subnet) return [];
  const checks: DiagnoseCheck[] = [];
  const state = aclState(model, subnet);
  for (const service of services) {
    const sources = sourcesOf(service);
    checks.push(securityGroupCheck(model, place, service, sources));
    if (state.kind === 'acl') checks.push(aclInboundCheck(model, place, state.acl, service, sources));
  }
  if (state.kind === 'default') {
    checks.push(check('filtering', 'network-acl', 'The network ACL is known', 'pass', { id: subnet.id, kind: 'subnet' }, `The snapshot holds no network ACL for ${subnet.id}: AWS's default ACL (allow all, both ways) is assumed.`));
    return checks;
  }
  if (state.kind === 'missing') {
    checks.push(check('filtering', 'network-acl', 'The network ACL is known', 'unknown', { id: subnet.id, kind: 'subnet' }, `${subnet.id} uses network ACL ${state.id}, which is not in the snapshot.`));
    return checks;
  }
  for (const protocol of [...new Set(services.map((s) => s.protocol))]) {
    const label = protocolLabel(protocol);
    const crossing = new Map<Ip, FilterSource>();
    for (const service of services) for (const source of sourcesOf(service)) if (source.crossesSubnet && !crossing.has(source.ip)) crossing.set(source.ip, source);
    for (const source of crossing.values()) {
      const id = `acl-outbound-ephemeral:${label}:${source.name}`;
      checks.push(ephemeralCheck(model, state.acl, true, protocol, source, id, `Replies to ${source.name} get out to any client port`, 'replies to clients', true));
      const clientSubnet = source.subnetId === undefined ? undefined : model.subnets.get(source.subnetId);
      const client = clientSubnet && aclState(model, clientSubnet);
      if (client?.kind !== 'acl') continue;
      const targetIp = (place.ip ?? place.eni.primaryPrivateIp)!;
      const target = { name: `${place.eni.id} (${formatIp(targetIp)})`, ip: targetIp };
      checks.push(ephemeralCheck(model, client.acl, false, protocol, target, `client-acl-inbound-ephemeral:${label}:${source.name}`, `Replies get back into the subnet of ${source.name} on any client port`, `the client's own subnet, ${clientSubnet!.id}`, true));
    }
    checks.push(...outboundReplyChecks(model, place, state.acl, protocol));
  }
  return checks;
}
