// Network ACLs (DescribeNetworkAcls): IPv4 entries, each direction sorted by
// rule number because the first match decides.
import { parseCidr } from '../model/ipv4.js';
import type { NetworkAcl, NetworkAclEntry, Placement } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import { hasPorts, ICMP, protocolNumber } from './protocol.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

type RawEntry = NonNullable<RawOf<'NetworkAcls'>['Entries']>[number];

function entryOf(raw: RawEntry): NetworkAclEntry | undefined {
  if (!raw.CidrBlock) return undefined;
  const protocol = protocolNumber(raw.Protocol)!;
  const range = raw.PortRange;
  const icmp = raw.IcmpTypeCode;
  return {
    ruleNumber: raw.RuleNumber,
    action: raw.RuleAction,
    egress: raw.Egress,
    protocol,
    cidr: parseCidr(raw.CidrBlock)!,
    ports: hasPorts(protocol) && range ? { from: range.From ?? 0, to: range.To ?? 65535 } : undefined,
    icmp: protocol === ICMP && icmp ? { type: icmp.Type ?? -1, code: icmp.Code ?? -1 } : undefined,
    raw,
  };
}

export function networkAclOf(raw: RawOf<'NetworkAcls'>, place: Placement, notes: ImportNotes): NetworkAcl {
  const tags = tagsOf(raw.Tags);
  const inbound: NetworkAclEntry[] = [];
  const outbound: NetworkAclEntry[] = [];
  for (const rawEntry of raw.Entries ?? []) {
    const entry = entryOf(rawEntry);
    if (!entry) notes.warnGrouped('IPv6 network ACL entries', raw.NetworkAclId);
    else (entry.egress ? outbound : inbound).push(entry);
  }
  const byRuleNumber = (a: NetworkAclEntry, b: NetworkAclEntry) => a.ruleNumber - b.ruleNumber;
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
  };
}
