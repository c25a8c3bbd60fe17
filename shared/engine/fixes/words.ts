// How fixes name things: a component's Name first, its id second, and traffic in words.
import { truncateForDisplay } from '../../model/display-text.js';
import type { NetworkModel, PortRange } from '../../model/types.js';
import { ANY_PROTOCOL, formatPorts, hasPorts, ICMP, protocolLabel } from '../packet.js';

/** The traffic a fix must let through, from the drop's point of view. */
export interface FixTraffic {
  readonly protocol: number;
  /** the other end: the source for ingress, the destination for egress */
  readonly peerIp: number;
  readonly ports: PortRange | undefined;
  readonly icmp: { readonly type: number; readonly code: number } | undefined;
}

export function trafficWords(protocol: number, ports: PortRange | undefined, icmp: FixTraffic['icmp']): string {
  if (protocol === ANY_PROTOCOL) return 'all traffic';
  if (hasPorts(protocol)) return `${protocolLabel(protocol)} ${formatPorts(ports)}`;
  if (protocol === ICMP && icmp) return `icmp type ${icmp.type} code ${icmp.code}`;
  return `protocol ${protocol}`;
}

/**
 * "prod-api-1 (eni-...)" for an ENI of an instance, "name (id)" for anything
 * named, else the id. Names come from the snapshot's tags: cut to a readable
 * length and with control characters shown as escapes, since fix texts are
 * printed and drawn whole.
 */
export function nameAndId(model: NetworkModel, component: { readonly id: string; readonly name?: string | undefined; readonly instanceId?: string | undefined }): string {
  const instance = component.instanceId ? model.instances.get(component.instanceId) : undefined;
  const name = instance?.name ?? component.name;
  return name && name !== component.id ? `${truncateForDisplay(name)} (${component.id})` : component.id;
}
