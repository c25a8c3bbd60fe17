// Where traffic from an on-premises host enters AWS: a virtual private
// gateway (into its VPC) or a transit gateway's VPN attachment (into the
// transit gateway's routing). The forward leg of an on-premises source and
// the return leg to an on-premises destination both start here.
import type { NetworkModel } from '../model/types.js';
import { InputError } from '../model/errors.js';
import { formatIpv4 } from '../model/ipv4.js';
import { isIpv4Packet, type Packet } from './packet.js';
import type { LegTrace, Position, VpnEntry } from './trace.js';
import type { Endpoint } from './endpoints.js';
import { onPremisesEntryTo, onPremisesId } from './on-premises.js';
import { enterThroughVpnGateway, entryConnection } from './vpn-gateway.js';
import { enterThroughTgwVpn } from './transit-gateway.js';

export function enterFromOnPremises(t: LegTrace, entry: VpnEntry, packet: Packet): Position | undefined {
  // on-premises ends are IPv4 addresses (endpoints.ts): a flow with one is IPv4
  if (!isIpv4Packet(packet)) throw new Error('internal: an on-premises flow is IPv4');
  return entry.kind === 'vgw' ? enterThroughVpnGateway(t, entry, packet) : enterThroughTgwVpn(t, entry.attachmentId, packet);
}

/** The id of the on-premises side this entry's traffic comes from (its customer gateway). */
export function onPremisesNodeOf(model: NetworkModel, entry: VpnEntry): string {
  const connection = entryConnection(model, entry);
  return connection ? onPremisesId(connection) : 'on-premises';
}

/** An on-premises source with where it enters AWS to reach this destination; exit 2 when no VPN of the snapshot joins them. */
export function placeOnPremisesSource(model: NetworkModel, source: Extract<Endpoint, { kind: 'on-premises' }>, destination: Endpoint, text: string): Endpoint {
  if (destination.kind !== 'eni') {
    throw new InputError(`--from "${text}" is an on-premises host: trace it to a machine in a VPC (an instance, a network interface or its address)`);
  }
  const entry = onPremisesEntryTo(model, source.ip, destination.eni.vpcId);
  if (!entry) {
    throw new InputError(`--from "${text}": no VPN of the snapshot that covers ${formatIpv4(source.ip)} leads into ${destination.eni.vpcId}, the VPC of ${destination.eni.id}`);
  }
  return { ...source, entry, nodeId: onPremisesNodeOf(model, entry) };
}
