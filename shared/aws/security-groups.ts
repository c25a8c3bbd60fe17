// Security groups (DescribeSecurityGroups): each IpPermission flattened to
// one rule per peer, so the engine matches one peer at a time.
import { parseCidr } from '../model/ipv4.js';
import { parseCidr6 } from '../model/ipv6.js';
import type { IcmpTypeCode, Placement, PortRange, SecurityGroup, SecurityGroupPeer, SecurityGroupRule } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import { hasPorts, ICMP, ICMPV6, protocolNumber } from './protocol.js';
import type { RawOf } from './raw.js';
import { tagsOf } from './tags.js';

type RawPermission = NonNullable<RawOf<'SecurityGroups'>['IpPermissions']>[number];

function portsOf(protocol: number, permission: RawPermission): PortRange | undefined {
  if (!hasPorts(protocol)) return undefined;
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (from === undefined || from === null || from < 0) return undefined;
  return { from, to: to === undefined || to === null || to < 0 ? from : to };
}

function icmpOf(protocol: number, permission: RawPermission): IcmpTypeCode | undefined {
  if (protocol !== ICMP && protocol !== ICMPV6) return undefined;
  return { type: permission.FromPort ?? -1, code: permission.ToPort ?? -1 };
}

function rulesOf(permission: RawPermission, groupId: string, notes: ImportNotes): SecurityGroupRule[] {
  const protocol = protocolNumber(permission.IpProtocol)!;
  const ports = portsOf(protocol, permission);
  const icmp = icmpOf(protocol, permission);
  // built field by field: `{...common, peer}` is many times slower in V8, and groups hold many rules
  const rule = (peer: SecurityGroupPeer, description: string | null | undefined): SecurityGroupRule => ({
    protocol,
    ports,
    icmp,
    peer,
    description: description ?? undefined,
    raw: permission,
  });
  const rules: SecurityGroupRule[] = [];
  for (const range of permission.IpRanges ?? []) rules.push(rule({ kind: 'cidr', cidr: parseCidr(range.CidrIp)! }, range.Description));
  for (const range of permission.Ipv6Ranges ?? []) rules.push(rule({ kind: 'cidr6', cidr: parseCidr6(range.CidrIpv6)! }, range.Description));
  for (const list of permission.PrefixListIds ?? []) rules.push(rule({ kind: 'prefix-list', prefixListId: list.PrefixListId }, list.Description));
  for (const pair of permission.UserIdGroupPairs ?? []) {
    if (!pair.GroupId) {
      notes.warnGrouped('security group rules naming a group without its id', groupId);
      continue;
    }
    const peer: SecurityGroupPeer = {
      kind: 'group',
      groupId: pair.GroupId,
      userId: pair.UserId ?? undefined,
      vpcId: pair.VpcId ?? undefined,
      vpcPeeringConnectionId: pair.VpcPeeringConnectionId ?? undefined,
      peeringStatus: pair.PeeringStatus ?? undefined,
    };
    rules.push(rule(peer, pair.Description));
  }
  return rules;
}

export function securityGroupOf(raw: RawOf<'SecurityGroups'>, place: Placement, notes: ImportNotes): SecurityGroup {
  return {
    account: place.account, region: place.region,
    id: raw.GroupId,
    name: raw.GroupName ?? raw.GroupId,
    vpcId: raw.VpcId ?? undefined,
    tags: tagsOf(raw.Tags),
    ingress: (raw.IpPermissions ?? []).flatMap((permission) => rulesOf(permission, raw.GroupId, notes)),
    egress: (raw.IpPermissionsEgress ?? []).flatMap((permission) => rulesOf(permission, raw.GroupId, notes)),
  };
}
