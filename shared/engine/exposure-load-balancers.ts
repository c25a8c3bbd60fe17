// The internet-facing load balancers of `exposure` (issue 16.2): each
// listener, the sources its security groups admit on the listener's port,
// and the targets behind it with their own answer and health, confirmed by
// one real trace per listener (`analyze --from internet --to LB`). A
// dual-stack one (issue 17) has a second entry per listener with `family:
// "ipv6"`: the IPv6 sources its groups admit, traced from 2001:db8::1; the
// IPv4 entry looks as it always did.
import type { ExposedLoadBalancer, ExposedListener } from './exposure-types.js';
import type { LoadBalancer, NetworkModel } from '../model/types.js';
import { isPrivateIpv4 } from '../model/ipv4.js';
import { isNonGlobalIpv6 } from '../model/ipv6.js';
import type { Family } from '../model/ip.js';
import { analyzeFlow } from './analyze.js';
import { listenerId, takesIpv6Clients } from './load-balancing.js';
import { ANY_PROTOCOL, TCP, UDP } from './packet.js';

/** The CIDRs and prefix lists outside our private space that the load balancer's groups admit on this port; an NLB without groups admits everyone. */
function sourcesOf(model: NetworkModel, balancer: LoadBalancer, protocol: number, port: number, family: Family): string[] {
  if (balancer.securityGroupIds.length === 0) return balancer.type === 'network' ? [family === 'ipv6' ? '::/0' : '0.0.0.0/0'] : [];
  const sources = new Set<string>();
  for (const id of balancer.securityGroupIds) {
    for (const rule of model.securityGroups.get(id)?.ingress ?? []) {
      if (rule.protocol !== ANY_PROTOCOL && rule.protocol !== protocol) continue;
      if (rule.ports && (port < rule.ports.from || port > rule.ports.to)) continue;
      if (family === 'ipv6') {
        // an IPv6 rule's block is global unless it lies in a non-global range (unique local, link local...)
        if (rule.peer.kind === 'cidr6' && !(rule.peer.cidr.prefix >= 7 && isNonGlobalIpv6(rule.peer.cidr.network))) sources.add(rule.peer.cidr.text);
        if (rule.peer.kind === 'prefix-list' && (model.prefixLists.get(rule.peer.prefixListId)?.ipv6Cidrs.length ?? 0) > 0) sources.add(rule.peer.prefixListId);
        continue;
      }
      if (rule.peer.kind === 'cidr' && !(rule.peer.cidr.prefix >= 8 && isPrivateIpv4(rule.peer.cidr.network))) sources.add(rule.peer.cidr.text);
      if (rule.peer.kind === 'prefix-list') sources.add(rule.peer.prefixListId);
    }
  }
  return [...sources].sort();
}

function listenerEntry(model: NetworkModel, balancer: LoadBalancer, listener: LoadBalancer['listeners'][number], family: Family): ExposedListener | undefined {
  if (listener.port === undefined) return undefined;
  const udp = (listener.protocol ?? '').toUpperCase() === 'UDP';
  const protocol = udp ? 'udp' : 'tcp';
  const ipv6 = family === 'ipv6';
  const result = analyzeFlow(model, { from: 'internet', to: balancer.arn, protocol, port: listener.port, ...(ipv6 ? { family } : {}) });
  return {
    listener: listenerId(balancer, listener),
    protocol: listener.protocol ?? null,
    port: listener.port,
    sources: sourcesOf(model, balancer, udp ? UDP : TCP, listener.port, family),
    verdict: result.verdict,
    blocked: result.blocked ? { id: result.blocked.id, kind: result.blocked.kind, direction: result.blocked.direction, code: result.blocked.code, detail: result.blocked.detail } : null,
    targets: (result.targets ?? []).map((t) => ({
      id: t.target.id,
      name: t.target.name ?? null,
      ip: t.target.ip,
      port: t.target.port,
      targetGroup: t.target.targetGroup,
      routed: t.target.routed,
      verdict: t.verdict,
      health: t.health.collected?.state ?? null,
    })),
    example: { from: 'internet', to: balancer.name, protocol, port: listener.port, ...(ipv6 ? { family } : {}) },
    ...(ipv6 ? { family } : {}),
  };
}

/** Each listener's entry, and for a dual-stack load balancer its IPv6 entry after it. */
function listenerEntries(model: NetworkModel, balancer: LoadBalancer): ExposedListener[] {
  const families: Family[] = takesIpv6Clients(balancer) ? ['ipv4', 'ipv6'] : ['ipv4'];
  return balancer.listeners.flatMap((listener) => families.map((family) => listenerEntry(model, balancer, listener, family))).filter((entry) => entry !== undefined);
}

export function exposedLoadBalancers(model: NetworkModel): ExposedLoadBalancer[] {
  const found: ExposedLoadBalancer[] = [];
  for (const balancer of model.loadBalancers.values()) {
    if (balancer.scheme !== 'internet-facing' || (balancer.type !== 'application' && balancer.type !== 'network')) continue;
    found.push({
      loadBalancer: balancer.name,
      arn: balancer.arn,
      type: balancer.type,
      dnsName: balancer.dnsName ?? null,
      vpc: balancer.vpcId ?? null,
      listeners: listenerEntries(model, balancer),
    });
  }
  return found.sort((a, b) => (a.loadBalancer < b.loadBalancer ? -1 : a.loadBalancer > b.loadBalancer ? 1 : 0));
}
