// Stopped instances that something else points at: a route whose target is
// the instance or one of its network interfaces (a NAT instance, an
// appliance), a security-group rule naming its address alone, or a group
// every member of which is stopped. Traffic sent their way is lost until the
// instance starts. The fix is the trace's (startInstanceFix).
import { cidrContains } from '../../model/ipv4.js';
import type { Instance, NetworkModel } from '../../model/types.js';
import { startInstanceFix } from '../fixes.js';
import type { Problem } from '../problems-types.js';
import { componentOf, named } from './problem.js';

function pointers(model: NetworkModel, instance: Instance): string[] {
  const enis = new Set(instance.networkInterfaceIds);
  const addresses = instance.networkInterfaceIds.flatMap((id) => model.networkInterfaces.get(id)?.privateAddresses.map((a) => a.ip) ?? []);
  const found: string[] = [];
  for (const table of model.routeTables.values()) {
    for (const route of table.routes) {
      const target = route.target;
      if ((target.kind === 'instance' && target.id === instance.id) || (target.kind === 'network-interface' && enis.has(target.id))) {
        const destination = route.destination.kind === 'cidr' ? route.destination.cidr.text : route.destination.prefixListId;
        found.push(`route ${destination} of ${named(componentOf(model, table.id, 'route-table'))}`);
      }
    }
  }
  for (const group of model.securityGroups.values()) {
    for (const rule of [...group.ingress, ...group.egress]) {
      const peer = rule.peer;
      if (peer.kind === 'cidr' && peer.cidr.prefix === 32 && addresses.some((ip) => cidrContains(peer.cidr, ip))) {
        found.push(`a rule of ${group.name} (${group.id}) naming ${peer.cidr.text}`);
      }
      if (rule.peer.kind === 'group') {
        const members = model.indexes.enisBySecurityGroup.get(rule.peer.groupId) ?? [];
        const allStopped = members.length > 0 && members.every((eni) => eni.instanceId !== undefined && model.instances.get(eni.instanceId)?.state === 'stopped');
        if (allStopped && members.some((eni) => enis.has(eni.id)) && rule.peer.groupId !== group.id) found.push(`a rule of ${group.name} (${group.id}) naming ${rule.peer.groupId}, whose members are all stopped`);
      }
    }
  }
  return [...new Set(found)];
}

export function stoppedProblems(model: NetworkModel): Problem[] {
  const problems: Problem[] = [];
  for (const instance of model.instances.values()) {
    if (instance.state !== 'stopped') continue;
    const found = pointers(model, instance);
    if (found.length === 0) continue;
    const component = componentOf(model, instance.id, 'instance');
    const routed = found.some((f) => f.startsWith('route'));
    problems.push({
      id: `stopped-instance-referenced:${instance.id}`,
      kind: 'stopped-instance-referenced',
      severity: routed ? 'high' : 'medium',
      component,
      title: `${named(component)} is stopped, but ${found.length === 1 ? 'something points' : `${found.length} things point`} at it`,
      explanation: `${named(component)} is stopped, yet ${found.join('; ')} ${found.length === 1 ? 'points' : 'point'} at it: ${routed ? 'traffic routed through it is dropped' : 'the access granted to it serves nothing'} until it starts (or the references go).`,
      fix: startInstanceFix(model, instance.id),
      related: instance.networkInterfaceIds.slice(),
    });
  }
  return problems;
}
