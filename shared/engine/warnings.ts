// The assumptions an answer rests on, as sentences for `warnings`: each is
// added where the walk relies on it, so that an answer lists only its own.
import { formatPorts } from './packet.js';
import type { PortRange } from '../model/types.js';

export class Notes {
  private readonly sentences = new Set<string>();

  add(sentence: string): void {
    this.sentences.add(sentence);
  }

  list(): string[] {
    return [...this.sentences];
  }
}

export const warn = {
  defaultAclAssumed: (vpcId: string, subnetId: string): string =>
    `The snapshot holds no network ACL for ${subnetId} (${vpcId}): AWS's default ACL (allow all traffic, both ways) was assumed.`,
  missingResource: (id: string, referencedBy: string): string =>
    `${id} is referenced by ${referencedBy} but is not in the snapshot.`,
  unreadable: (what: string, account: string, region: string): string =>
    `${what} could not be read for account ${account}, region ${region} (see the snapshot's errors): answers that need it are unknown.`,
  ephemeralPort: (port: number): string =>
    `Return traffic was checked with the client's source port ${port}; clients pick ports from 1024-65535, network ACLs that allow less may drop other connections.`,
  translatorPorts: (device: string, ports: PortRange): string =>
    `${device} picks its source port from ${formatPorts(ports)}: the network ACLs on the way back were required to allow that whole range.`,
  icmpEcho: (ipv6 = false): string => (ipv6 ? 'ICMP is checked as an ICMPv6 echo request (type 128, code 0) answered by an echo reply (type 129, code 0).' : 'ICMP is checked as an echo request (type 8, code 0) answered by an echo reply (type 0, code 0).'),
};
