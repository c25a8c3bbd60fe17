// Network ACLs (DescribeNetworkAcls): each direction sorted by rule number
// because the first match decides. IPv4 entries (CidrBlock) and IPv6 entries
// (Ipv6CidrBlock) share one numbering but judge only their own family
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html), so
// each family is kept in its own list, in that one order.
import { parseCidr, type Cidr } from '../model/ipv4.js';
import { parseCidr6, type Cidr6 } from '../model/ipv6.js';
import type { NetworkAcl, NetworkAclEntry, Placement } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import { hasPorts, ICMP, ICMPV6, protocolNumber } from './protocol.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

type RawEntry = NonNullable<RawOf<'NetworkAcls'>['Entries']>[number];

function entryOf<C>(raw: RawEntry, cidr: C): NetworkAclEntry<C> {
  const protocol = protocolNumber(raw.Protocol)!;
  const range = raw.PortRange;
  const icmp = raw.IcmpTypeCode;
  return {
    ruleNumber: raw.RuleNumber,
    action: raw.RuleAction,
    egress: raw.Egress,
    protocol,
    cidr,
    ports: hasPorts(protocol) && range ? { from: range.From ?? 0, to: range.To ?? 65535 } : undefined,
    icmp: (protocol === ICMP || protocol === ICMPV6) && icmp ? { type: icmp.Type ?? -1, code: icmp.Code ?? -1 } : undefined,
    raw,
  };
}

export function networkAclOf(raw: RawOf<'NetworkAcls'>, place: Placement, notes: ImportNotes): NetworkAcl {
  const tags = tagsOf(raw.Tags);
  const inbound: NetworkAclEntry[] = [];
  const outbound: NetworkAclEntry[] = [];
  const inboundIpv6: NetworkAclEntry<Cidr6>[] = [];
  const outboundIpv6: NetworkAclEntry<Cidr6>[] = [];
  for (const rawEntry of raw.Entries ?? []) {
    if (rawEntry.CidrBlock) {
      const entry = entryOf<Cidr>(rawEntry, parseCidr(rawEntry.CidrBlock)!);
      (entry.egress ? outbound : inbound).push(entry);
    } else if (rawEntry.Ipv6CidrBlock) {
      const entry = entryOf<Cidr6>(rawEntry, parseCidr6(rawEntry.Ipv6CidrBlock)!);
      (entry.egress ? outboundIpv6 : inboundIpv6).push(entry);
    } else {
      notes.warnGrouped('network ACL entries with neither CidrBlock nor Ipv6CidrBlock', raw.NetworkAclId);
    }
  }
  const byRuleNumber = (a: { ruleNumber: number }, b: { ruleNumber: number }) => a.ruleNumber - b.ruleNumber;
  return {
    account: place.account, region: place.region,
    id: raw.NetworkAclId,
    vpcId: raw.VpcId,
    name: nameOf(tags),
    tags,
    isDefault: raw.IsDefault ?? false,
    subnetIds: (raw.Associations ?? []).map((association) => association.SubnetId),
    inbound: inbound.sort(byRuleNumber),
    outbound: outbound.sort(byRuleNumber),
    inboundIpv6: inboundIpv6.sort(byRuleNumber),
    outboundIpv6: outboundIpv6.sort(byRuleNumber),
  };
}
