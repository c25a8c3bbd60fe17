// Network ACLs that deny the ephemeral return of a service their subnet
// offers: a security group admits clients on a port, the ACL lets the
// request in, and the ACL's outbound entries refuse the reply to the client's
// port (1024-65535). The check and the fix are diagnose's (aclAllowedPorts,
// aclFix for the return leg).
import { cidrContains, cidrRange, INTERNET_HOST_IP, type Cidr } from '../../model/ipv4.js';
import type { NetworkModel, SecurityGroupRule } from '../../model/types.js';
import { aclAllowedPorts } from '../acl-port-sets.js';
import { aclFix } from '../fixes.js';
import { difference, has } from '../interval-sets.js';
import { evaluateAclEntries } from '../network-acls.js';
import { DEFAULT_SOURCE_PORT, EPHEMERAL_RANGE, hasPorts, protocolLabel } from '../packet.js';
import type { Problem } from '../problems-types.js';
import { DEFAULT_FIX_CONTEXT } from '../trace.js';
import { componentOf, named } from './problem.js';

/** A client address the rule admits that lies outside the subnet (so crosses its ACL); the stand-in internet host for 0.0.0.0/0. */
function clientOf(rule: SecurityGroupRule, subnetCidr: Cidr, hasPublicIp: boolean): number | undefined {
  if (rule.peer.kind !== 'cidr') return undefined;
  const cidr = rule.peer.cidr;
  if (cidr.prefix === 0) return hasPublicIp ? INTERNET_HOST_IP : undefined;
  const { first, last } = cidrRange(cidr);
  for (let ip = cidr.prefix < 31 ? first + 1 : first; ip <= Math.min(last, first + 4096); ip += 256) {
    if (!cidrContains(subnetCidr, ip)) return ip;
  }
  return undefined;
}

export function aclProblems(model: NetworkModel): Problem[] {
  const found = new Map<string, Problem>();
  for (const subnet of model.subnets.values()) {
    const acl = subnet.networkAclId ? model.networkAcls.get(subnet.networkAclId) : undefined;
    // the ephemeral-range check is an IPv4 one: an IPv6-only subnet has no IPv4 clients
    if (!acl || subnet.cidr === undefined) continue;
    for (const eni of model.indexes.enisBySubnet.get(subnet.id) ?? []) {
      if (eni.interfaceType !== 'interface') continue;
      const instance = eni.instanceId ? model.instances.get(eni.instanceId) : undefined;
      if (instance && instance.state !== 'running') continue;
      for (const groupId of eni.securityGroupIds) {
        for (const rule of model.securityGroups.get(groupId)?.ingress ?? []) {
          if (!hasPorts(rule.protocol) || !rule.ports) continue;
          const client = clientOf(rule, subnet.cidr, eni.publicIp !== undefined);
          if (client === undefined) continue;
          const port = rule.ports.from;
          const request = { protocol: rule.protocol, peerIp: client, ports: { from: port, to: port }, icmp: undefined };
          if (!evaluateAclEntries(acl.inbound, request).allowed) continue;
          const allowed = aclAllowedPorts(acl.outbound, rule.protocol, client, [EPHEMERAL_RANGE]);
          const missing = difference([EPHEMERAL_RANGE], allowed);
          if (missing.length === 0) continue;
          const peer = rule.peer.kind === 'cidr' ? rule.peer.cidr.text : '';
          const label = protocolLabel(rule.protocol);
          const id = `ephemeral-return-blocked:${acl.id}:${label}:${peer}`;
          const service = `${label} ${port === rule.ports.to ? port : `${port}-${rule.ports.to}`}`;
          const existing = found.get(id);
          if (existing) {
            if (!existing.related.includes(eni.id)) existing.related.push(eni.id);
            continue;
          }
          const refusesDefault = has(missing, DEFAULT_SOURCE_PORT);
          const denied = missing[0]!.from;
          const traffic = { protocol: rule.protocol, peerIp: client, ports: EPHEMERAL_RANGE, icmp: undefined };
          const decision = evaluateAclEntries(acl.outbound, { ...traffic, ports: { from: denied, to: denied } });
          const component = componentOf(model, acl.id, 'network-acl');
          const ranges = missing.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
          found.set(id, {
            id,
            kind: 'ephemeral-return-blocked',
            severity: refusesDefault ? 'high' : 'low',
            component,
            title: `${named(component)} refuses the replies of ${service} to ${peer} on ${label} ${ranges}`,
            explanation: `${named(componentOf(model, eni.id, 'eni'))} offers ${service} to ${peer} (${named(componentOf(model, groupId, 'security-group'))}) and ${named(component)} lets the requests in, but its outbound entries refuse ${label} ${ranges} of the ephemeral range 1024-65535 toward those clients: ${refusesDefault ? 'the replies of most connections are dropped' : 'connections whose client picks such a port get no reply'}.`,
            fix: aclFix(model, DEFAULT_FIX_CONTEXT, acl, true, traffic, decision, 'return', traffic),
            related: [eni.id, subnet.id],
          });
        }
      }
    }
  }
  return [...found.values()];
}
