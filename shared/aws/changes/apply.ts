// Applies a change set to a raw snapshot, the way AWS would carry out each
// call: an edit AWS would refuse (a duplicate rule number, a route whose
// destination the table already has, a missing component) is refused here
// too, with an error naming the edit. The snapshot given is never modified.
import { InputError } from '../../model/errors.js';
import { formatIpv4, parseCidr, parseIpv4 } from '../../model/ipv4.js';
import { parseCidr6 } from '../../model/ipv6.js';
import type { Placement } from '../../model/types.js';
import { protocolNumber } from '../protocol.js';
import type { RawOf, RawSnapshot } from '../raw.js';
import { CHANGE_SET_FORMAT, ROUTE_TARGET_KEYS, type ChangeSet, type Edit, type EditAction, type EditOf } from '../../model/change-set.js';
import { RawEditor, type RawInstance } from './raw-editor.js';
import { groupReferenceProblem } from './group-references.js';

/** What an edit changed, for rebuilding only that part of the model. */
export type Touched = {
  readonly kind: 'SecurityGroups' | 'NetworkAcls' | 'RouteTables' | 'NetworkInterfaces' | 'NatGateways' | 'Instances' | 'TransitGatewayAttachments' | 'TransitGateways' | 'VpcPeeringConnections';
  readonly id: string;
};

export interface AppliedChanges {
  readonly raw: RawSnapshot;
  readonly touched: readonly Touched[];
  /** where each edit's resource lives: the region its AWS CLI command needs */
  readonly places: readonly Placement[];
}

/** An edit that AWS would refuse, or that names what the snapshot does not hold. */
export class ChangeSetError extends InputError {
  override readonly name: string = 'ChangeSetError';
  constructor(
    readonly index: number,
    readonly edit: Edit,
    readonly problem: string,
  ) {
    super(`changes[${index}] (${edit.action}): ${problem}`);
  }
}

class Refused extends Error {}
const refuse = (problem: string): never => {
  throw new Refused(problem);
};

type RawPermission = NonNullable<RawOf<'SecurityGroups'>['IpPermissions']>[number];
type RawEniCopy = NonNullable<RawInstance['NetworkInterfaces']>[number];
type PermissionEdit = EditOf<'AuthorizeSecurityGroupIngress'>['IpPermissions'][number];

/** One (protocol, ports, peer) of a permission: the unit AWS adds, refuses as a duplicate, or revokes. */
interface RuleAtom {
  readonly protocol: number;
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly peerKey: string;
}

function portsKey(protocol: number, from: number | null | undefined, to: number | null | undefined): [number | undefined, number | undefined] {
  // Protocol -1 (all) carries no ports, whatever the record says.
  if (protocol === -1) return [undefined, undefined];
  return [from ?? undefined, to ?? undefined];
}

function atomsOf(permission: RawPermission | PermissionEdit): RuleAtom[] {
  const protocol = protocolNumber(permission.IpProtocol)!;
  const [from, to] = portsKey(protocol, permission.FromPort, permission.ToPort);
  const peers = [
    ...(permission.IpRanges ?? []).map((range) => `cidr:${range.CidrIp}`),
    ...(permission.Ipv6Ranges ?? []).map((range) => `cidr6:${range.CidrIpv6}`),
    ...(permission.PrefixListIds ?? []).map((list) => `pl:${list.PrefixListId}`),
    ...(permission.UserIdGroupPairs ?? []).map((pair) => `sg:${pair.GroupId ?? ''}`),
  ];
  return peers.map((peerKey) => ({ protocol, from, to, peerKey }));
}

const sameAtom = (a: RuleAtom, b: RuleAtom) => a.protocol === b.protocol && a.from === b.from && a.to === b.to && a.peerKey === b.peerKey;

function describeAtom(atom: RuleAtom): string {
  const what = atom.protocol === -1 ? 'all traffic' : atom.from === undefined ? `protocol ${atom.protocol}` : `protocol ${atom.protocol} ports ${atom.from}-${atom.to}`;
  return `${what} with ${atom.peerKey.replace(/^(cidr6|cidr|pl|sg):/, '')}`;
}

/** The permission without the peers of `remove`; undefined when none is left. */
function withoutAtoms(permission: RawPermission, remove: readonly RuleAtom[]): RawPermission | undefined {
  const protocol = protocolNumber(permission.IpProtocol)!;
  const [from, to] = portsKey(protocol, permission.FromPort, permission.ToPort);
  const keep = (peerKey: string) => !remove.some((atom) => sameAtom(atom, { protocol, from, to, peerKey }));
  const next: RawPermission = {
    ...permission,
    IpRanges: (permission.IpRanges ?? []).filter((range) => keep(`cidr:${range.CidrIp}`)),
    Ipv6Ranges: (permission.Ipv6Ranges ?? []).filter((range) => keep(`cidr6:${range.CidrIpv6}`)),
    PrefixListIds: (permission.PrefixListIds ?? []).filter((list) => keep(`pl:${list.PrefixListId}`)),
    UserIdGroupPairs: (permission.UserIdGroupPairs ?? []).filter((pair) => keep(`sg:${pair.GroupId ?? ''}`)),
  };
  const peers = next.IpRanges!.length + next.Ipv6Ranges!.length + next.PrefixListIds!.length + next.UserIdGroupPairs!.length;
  return peers === 0 ? undefined : next;
}

class ChangeApplier {
  readonly editor: RawEditor;
  readonly touched: Touched[] = [];
  readonly places: Placement[] = [];
  /** ids created by earlier edits of this set */
  private readonly created = new Set<string>();
  private plannedPublicIps = 0;

  constructor(raw: RawSnapshot) {
    this.editor = new RawEditor(raw);
  }

  private touch(kind: Touched['kind'], id: string, place: Placement): void {
    this.touched.push({ kind, id } as Touched);
    this.places.push(place);
  }

  private securityGroup(groupId: string): { place: Placement; item: RawOf<'SecurityGroups'> } {
    return this.editor.find('SecurityGroups', groupId) ?? refuse(`security group ${groupId} is not in the snapshot`);
  }

  private checkPeerGroups(ruleGroup: RawOf<'SecurityGroups'>, permissions: readonly PermissionEdit[]): void {
    for (const permission of permissions) {
      for (const pair of permission.UserIdGroupPairs ?? []) {
        const problem = groupReferenceProblem(this.editor, ruleGroup, pair);
        if (problem) refuse(problem);
      }
    }
  }

  authorize(edit: EditOf<'AuthorizeSecurityGroupIngress'> | EditOf<'AuthorizeSecurityGroupEgress'>): void {
    const egress = edit.action === 'AuthorizeSecurityGroupEgress';
    const { place, item } = this.securityGroup(edit.GroupId);
    this.checkPeerGroups(item, edit.IpPermissions);
    const field = egress ? 'IpPermissionsEgress' : 'IpPermissions';
    const permissions = [...(item[field] ?? [])];
    const existing = permissions.flatMap(atomsOf);
    for (const permission of edit.IpPermissions) {
      for (const atom of atomsOf(permission)) {
        if (existing.some((other) => sameAtom(other, atom))) refuse(`${edit.GroupId} already allows ${describeAtom(atom)} (AWS: InvalidPermission.Duplicate)`);
        existing.push(atom);
      }
      permissions.push({ ...permission, IpRanges: permission.IpRanges ?? [], Ipv6Ranges: permission.Ipv6Ranges ?? [], PrefixListIds: permission.PrefixListIds ?? [], UserIdGroupPairs: permission.UserIdGroupPairs ?? [] } as RawPermission);
    }
    this.editor.replace('SecurityGroups', edit.GroupId, { ...item, [field]: permissions });
    this.touch('SecurityGroups', edit.GroupId, place);
  }

  revoke(edit: EditOf<'RevokeSecurityGroupIngress'> | EditOf<'RevokeSecurityGroupEgress'>): void {
    const egress = edit.action === 'RevokeSecurityGroupEgress';
    const { place, item } = this.securityGroup(edit.GroupId);
    const field = egress ? 'IpPermissionsEgress' : 'IpPermissions';
    const existing = (item[field] ?? []).flatMap(atomsOf);
    const remove = edit.IpPermissions.flatMap(atomsOf);
    for (const atom of remove) {
      if (!existing.some((other) => sameAtom(other, atom))) refuse(`${edit.GroupId} has no ${egress ? 'outbound' : 'inbound'} rule for ${describeAtom(atom)} (AWS: InvalidPermission.NotFound)`);
    }
    const permissions = (item[field] ?? []).map((permission) => withoutAtoms(permission, remove)).filter((p): p is RawPermission => p !== undefined);
    this.editor.replace('SecurityGroups', edit.GroupId, { ...item, [field]: permissions });
    this.touch('SecurityGroups', edit.GroupId, place);
  }

  aclEntry(edit: EditOf<'CreateNetworkAclEntry'> | EditOf<'ReplaceNetworkAclEntry'> | EditOf<'DeleteNetworkAclEntry'>): void {
    const { place, item } = this.editor.find('NetworkAcls', edit.NetworkAclId) ?? refuse(`network ACL ${edit.NetworkAclId} is not in the snapshot`);
    const entries = [...(item.Entries ?? [])];
    const at = entries.findIndex((entry) => entry.RuleNumber === edit.RuleNumber && entry.Egress === edit.Egress);
    const direction = edit.Egress ? 'outbound' : 'inbound';
    if (edit.action === 'CreateNetworkAclEntry' && at >= 0) refuse(`${edit.NetworkAclId} already has ${direction} rule ${edit.RuleNumber} (AWS: NetworkAclEntryAlreadyExists)`);
    if (edit.action !== 'CreateNetworkAclEntry' && at < 0) refuse(`${edit.NetworkAclId} has no ${direction} rule ${edit.RuleNumber} (AWS: InvalidNetworkAclEntry.NotFound)`);
    if (edit.action === 'DeleteNetworkAclEntry') {
      entries.splice(at, 1);
    } else {
      const protocol = protocolNumber(edit.Protocol)!;
      if ((protocol === 6 || protocol === 17) && !edit.PortRange) refuse(`a ${edit.Protocol} entry needs a PortRange (AWS: MissingParameter)`);
      if (protocol === 1 && !edit.IcmpTypeCode) refuse('an icmp entry needs an IcmpTypeCode (AWS: MissingParameter)');
      const entry = {
        RuleNumber: edit.RuleNumber,
        Egress: edit.Egress,
        Protocol: String(protocol),
        RuleAction: edit.RuleAction,
        ...(edit.Ipv6CidrBlock !== undefined ? { Ipv6CidrBlock: edit.Ipv6CidrBlock } : { CidrBlock: edit.CidrBlock }),
        ...(edit.PortRange && (protocol === 6 || protocol === 17) ? { PortRange: { From: edit.PortRange.From, To: edit.PortRange.To } } : {}),
        ...(edit.IcmpTypeCode && protocol === 1 ? { IcmpTypeCode: { Type: edit.IcmpTypeCode.Type, Code: edit.IcmpTypeCode.Code } } : {}),
      };
      if (at >= 0) entries[at] = entry;
      else entries.push(entry);
    }
    this.editor.replace('NetworkAcls', edit.NetworkAclId, { ...item, Entries: entries });
    this.touch('NetworkAcls', edit.NetworkAclId, place);
  }

  private checkRouteTarget(edit: EditOf<'CreateRoute'>, vpcId: string): void {
    const key = ROUTE_TARGET_KEYS.find((k) => edit[k] !== undefined)!;
    const target = edit[key]!;
    if (this.created.has(target)) return;
    const missing = (what: string) => refuse(`${what} ${target} is not in the snapshot`);
    switch (key) {
      case 'GatewayId': {
        const igw = this.editor.find('InternetGateways', target) ?? missing('internet gateway');
        if (!(igw.item.Attachments ?? []).some((a) => a.VpcId === vpcId)) refuse(`${target} is not attached to ${vpcId} (AWS: InvalidParameterValue)`);
        return;
      }
      case 'NatGatewayId': {
        const nat = this.editor.find('NatGateways', target) ?? missing('NAT gateway');
        if (nat.item.VpcId !== vpcId) refuse(`${target} is in ${nat.item.VpcId}, not ${vpcId} (AWS: InvalidParameterValue)`);
        return;
      }
      case 'VpcPeeringConnectionId': {
        const pcx = this.editor.find('VpcPeeringConnections', target) ?? missing('peering connection');
        if (pcx.item.RequesterVpcInfo.VpcId !== vpcId && pcx.item.AccepterVpcInfo.VpcId !== vpcId) refuse(`${target} does not connect ${vpcId}`);
        return;
      }
      case 'TransitGatewayId':
        if (!this.editor.find('TransitGateways', target)) missing('transit gateway');
        return;
      case 'NetworkInterfaceId':
        if (!this.editor.find('NetworkInterfaces', target) && this.editor.instancesWithInterface(target).length === 0) missing('network interface');
        return;
      case 'EgressOnlyInternetGatewayId':
        if (!this.editor.find('EgressOnlyInternetGateways', target)) missing('egress-only internet gateway');
        return;
    }
  }

  route(edit: EditOf<'CreateRoute'> | EditOf<'ReplaceRoute'> | EditOf<'DeleteRoute'>): void {
    const { place, item } = this.editor.find('RouteTables', edit.RouteTableId) ?? refuse(`route table ${edit.RouteTableId} is not in the snapshot`);
    const routes = [...(item.Routes ?? [])];
    // an IPv6 route (DestinationIpv6CidrBlock) is matched among the IPv6 routes only
    const ipv6 = 'DestinationIpv6CidrBlock' in edit && edit.DestinationIpv6CidrBlock !== undefined ? parseCidr6(edit.DestinationIpv6CidrBlock)! : undefined;
    const wanted = ipv6 ? undefined : parseCidr(edit.DestinationCidrBlock!)!;
    const destination = ipv6 ? ipv6.text : edit.DestinationCidrBlock!;
    const at = routes.findIndex((r) => {
      if (ipv6) {
        const cidr6 = r.DestinationIpv6CidrBlock ? parseCidr6(r.DestinationIpv6CidrBlock) : undefined;
        return cidr6 !== undefined && cidr6.network === ipv6.network && cidr6.prefix === ipv6.prefix;
      }
      const cidr = r.DestinationCidrBlock ? parseCidr(r.DestinationCidrBlock) : undefined;
      return cidr !== undefined && cidr.network === wanted!.network && cidr.prefix === wanted!.prefix;
    });
    if (edit.action === 'CreateRoute' && at >= 0) refuse(`${edit.RouteTableId} already has a route for ${destination} (AWS: RouteAlreadyExists)`);
    if (edit.action !== 'CreateRoute' && at < 0) refuse(`${edit.RouteTableId} has no route for ${destination} (AWS: InvalidRoute.NotFound)`);
    if (at >= 0 && routes[at]!.GatewayId === 'local') refuse(`the local route of ${edit.RouteTableId} cannot be changed (AWS: InvalidParameterValue)`);
    if (edit.action === 'DeleteRoute') {
      routes.splice(at, 1);
    } else {
      this.checkRouteTarget(edit as EditOf<'CreateRoute'>, item.VpcId);
      const key = ROUTE_TARGET_KEYS.find((k) => edit[k] !== undefined)!;
      const next = { ...(ipv6 ? { DestinationIpv6CidrBlock: ipv6.text } : { DestinationCidrBlock: edit.DestinationCidrBlock }), [key]: edit[key], Origin: 'CreateRoute', State: 'active' };
      if (at >= 0) routes[at] = next;
      else routes.push(next);
    }
    this.editor.replace('RouteTables', edit.RouteTableId, { ...item, Routes: routes });
    this.touch('RouteTables', edit.RouteTableId, place);
  }

  /** Every private address of a subnet some ENI holds, as AWS would not hand it out again. */
  private addressesInUse(subnetId: string): Set<string> {
    const used = new Set<string>();
    const note = (eni: { SubnetId?: string | null; PrivateIpAddress?: string | null; PrivateIpAddresses?: readonly { PrivateIpAddress: string }[] | null }) => {
      if (eni.SubnetId !== subnetId) return;
      if (eni.PrivateIpAddress) used.add(eni.PrivateIpAddress);
      for (const address of eni.PrivateIpAddresses ?? []) used.add(address.PrivateIpAddress);
    };
    for (const regions of Object.values(this.editor.snapshot.accounts)) {
      for (const data of Object.values(regions)) {
        for (const eni of data.NetworkInterfaces ?? []) note(eni);
        for (const reservation of data.Reservations ?? []) for (const instance of reservation.Instances ?? []) for (const eni of instance.NetworkInterfaces ?? []) note({ ...eni, SubnetId: eni.SubnetId ?? instance.SubnetId });
      }
    }
    return used;
  }

  /** A public address nobody holds, from 198.18.0.0/15 (reserved for tests, RFC 2544): the stand-in for an Elastic IP to be allocated. */
  private plannedPublicIp(): string {
    const held = new Set<string>();
    for (const regions of Object.values(this.editor.snapshot.accounts)) {
      for (const data of Object.values(regions)) {
        for (const eni of data.NetworkInterfaces ?? []) if (eni.Association?.PublicIp) held.add(eni.Association.PublicIp);
      }
    }
    for (;;) {
      this.plannedPublicIps++;
      const candidate = formatIpv4(parseIpv4('198.18.0.0')! + this.plannedPublicIps);
      if (!held.has(candidate)) return candidate;
    }
  }

  createNatGateway(edit: EditOf<'CreateNatGateway'>): void {
    if (this.created.has(edit.NewId) || this.editor.find('NatGateways', edit.NewId)) refuse(`${edit.NewId} is already used`);
    const { place, item: subnet } = this.editor.find('Subnets', edit.SubnetId) ?? refuse(`subnet ${edit.SubnetId} is not in the snapshot`);
    const block = subnet.CidrBlock ? parseCidr(subnet.CidrBlock) : undefined;
    if (!block) refuse(`${edit.SubnetId} has no IPv4 CIDR block`);
    const used = this.addressesInUse(edit.SubnetId);
    const size = 2 ** (32 - block!.prefix);
    // AWS keeps the first four addresses and the last one of every subnet.
    let privateIp: string | undefined;
    for (let offset = 4; offset < size - 1 && privateIp === undefined; offset++) {
      const candidate = formatIpv4(block!.network + offset);
      if (!used.has(candidate)) privateIp = candidate;
    }
    if (!privateIp) refuse(`${edit.SubnetId} has no free address (AWS: InsufficientFreeAddressesInSubnet)`);
    const connectivity = edit.ConnectivityType ?? 'public';
    let publicIp: string | undefined;
    if (connectivity === 'public') {
      const allocation = edit.AllocationId ? this.findAllocation(edit.AllocationId) : undefined;
      if (edit.AllocationId && !allocation) refuse(`Elastic IP allocation ${edit.AllocationId} is not in the snapshot`);
      publicIp = allocation ?? this.plannedPublicIp();
    }
    const eniId = `eni-${edit.NewId}`;
    this.editor.append(place, 'NatGateways', {
      NatGatewayId: edit.NewId,
      VpcId: subnet.VpcId,
      SubnetId: edit.SubnetId,
      State: 'available',
      ConnectivityType: connectivity,
      NatGatewayAddresses: [{ PrivateIp: privateIp, PublicIp: publicIp ?? null, NetworkInterfaceId: eniId }],
      Tags: [],
    });
    this.editor.append(place, 'NetworkInterfaces', {
      NetworkInterfaceId: eniId,
      SubnetId: edit.SubnetId,
      VpcId: subnet.VpcId,
      AvailabilityZone: subnet.AvailabilityZone ?? null,
      Status: 'in-use',
      InterfaceType: 'nat_gateway',
      Description: `Interface for NAT Gateway ${edit.NewId}`,
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: [{ PrivateIpAddress: privateIp!, Primary: true, ...(publicIp ? { Association: { PublicIp: publicIp } } : {}) }],
      ...(publicIp ? { Association: { PublicIp: publicIp } } : {}),
      Groups: [],
      RequesterManaged: true,
      SourceDestCheck: false,
    });
    this.created.add(edit.NewId);
    this.touch('NatGateways', edit.NewId, place);
  }

  private findAllocation(allocationId: string): string | undefined {
    for (const regions of Object.values(this.editor.snapshot.accounts)) {
      for (const data of Object.values(regions)) {
        const address = (data.Addresses ?? []).find((a) => (a as { AllocationId?: string | null }).AllocationId === allocationId);
        if (address?.PublicIp) return address.PublicIp;
      }
    }
    return undefined;
  }

  /** Applies `update` to the ENI's own record and to every instance's copy of it. */
  private updateInterface(eniId: string, update: <T extends RawEniCopy | RawOf<'NetworkInterfaces'>>(eni: T) => T): Placement {
    const own = this.editor.find('NetworkInterfaces', eniId);
    const holders = this.editor.instancesWithInterface(eniId);
    if (!own && holders.length === 0) refuse(`network interface ${eniId} is not in the snapshot`);
    if (own) this.editor.replace('NetworkInterfaces', eniId, update(own.item));
    for (const instanceId of holders) {
      this.editor.updateInstance(instanceId, (instance) => ({
        ...instance,
        NetworkInterfaces: ((instance.NetworkInterfaces as RawEniCopy[] | undefined) ?? []).map((eni) => (eni.NetworkInterfaceId === eniId ? update(eni) : eni)),
      }));
    }
    return own?.place ?? this.editor.findInstance(holders[0]!)!.place;
  }

  private vpcOfInterface(eniId: string): string | undefined {
    const own = this.editor.find('NetworkInterfaces', eniId);
    if (own?.item.VpcId) return own.item.VpcId;
    const holder = this.editor.instancesWithInterface(eniId)[0];
    const instance = holder ? this.editor.findInstance(holder)?.item : undefined;
    return instance?.NetworkInterfaces?.find((eni) => eni.NetworkInterfaceId === eniId)?.VpcId ?? instance?.VpcId ?? undefined;
  }

  setGroups(edit: EditOf<'ModifyNetworkInterfaceAttribute'>): void {
    const vpcId = this.vpcOfInterface(edit.NetworkInterfaceId);
    const groups = edit.Groups.map((groupId) => {
      const group = this.editor.find('SecurityGroups', groupId) ?? refuse(`security group ${groupId} is not in the snapshot`);
      if (vpcId && group.item.VpcId && group.item.VpcId !== vpcId) refuse(`${groupId} belongs to ${group.item.VpcId}, not to ${vpcId} where ${edit.NetworkInterfaceId} is (AWS: InvalidGroup.NotFound)`);
      return { GroupId: groupId, GroupName: group.item.GroupName ?? groupId };
    });
    if (new Set(edit.Groups).size !== edit.Groups.length) refuse('names a security group twice');
    const place = this.updateInterface(edit.NetworkInterfaceId, (eni) => ({ ...eni, Groups: groups }));
    this.touch('NetworkInterfaces', edit.NetworkInterfaceId, place);
  }

  associateAddress(edit: EditOf<'AssociateAddress'>): void {
    for (const regions of Object.values(this.editor.snapshot.accounts)) {
      for (const data of Object.values(regions)) {
        const holder = (data.NetworkInterfaces ?? []).find((eni) => eni.Association?.PublicIp === edit.PublicIp && eni.NetworkInterfaceId !== edit.NetworkInterfaceId);
        if (holder) refuse(`${edit.PublicIp} is associated with ${holder.NetworkInterfaceId} (AWS: Resource.AlreadyAssociated)`);
      }
    }
    const place = this.updateInterface(edit.NetworkInterfaceId, (eni) => {
      const addresses = eni.PrivateIpAddresses ?? [];
      const primary = addresses.findIndex((a) => a.Primary) >= 0 ? addresses.findIndex((a) => a.Primary) : 0;
      return {
        ...eni,
        Association: { ...(eni.Association ?? {}), PublicIp: edit.PublicIp },
        PrivateIpAddresses: addresses.map((a, i) => (i === primary ? { ...a, Association: { ...(a.Association ?? {}), PublicIp: edit.PublicIp } } : a)),
      };
    });
    this.touch('NetworkInterfaces', edit.NetworkInterfaceId, place);
  }

  instanceState(edit: EditOf<'StartInstances'> | EditOf<'StopInstances'>): void {
    const state = edit.action === 'StartInstances' ? { Name: 'running', Code: 16 } : { Name: 'stopped', Code: 80 };
    for (const instanceId of edit.InstanceIds) {
      const located = this.editor.findInstance(instanceId) ?? refuse(`instance ${instanceId} is not in the snapshot`);
      const now = located.item.State?.Name;
      if (now === 'terminated' || now === 'shutting-down') refuse(`${instanceId} is ${now} (AWS: IncorrectInstanceState)`);
      this.editor.updateInstance(instanceId, (instance) => ({ ...instance, State: state }));
      this.touch('Instances', instanceId, located.place);
    }
  }

  private tgwAttachment(attachmentId: string) {
    return this.editor.find('TransitGatewayVpcAttachments', attachmentId) ?? refuse(`transit gateway VPC attachment ${attachmentId} is not in the snapshot`);
  }

  addAttachmentSubnets(edit: EditOf<'ModifyTransitGatewayVpcAttachment'>): void {
    const { place, item } = this.tgwAttachment(edit.TransitGatewayAttachmentId);
    const subnets = [...(item.SubnetIds ?? [])];
    const zones = new Map<string, string>();
    for (const subnetId of subnets) {
      const zone = this.editor.find('Subnets', subnetId)?.item.AvailabilityZone;
      if (zone) zones.set(zone, subnetId);
    }
    for (const subnetId of edit.AddSubnetIds) {
      const subnet = this.editor.find('Subnets', subnetId) ?? refuse(`subnet ${subnetId} is not in the snapshot`);
      if (item.VpcId && subnet.item.VpcId !== item.VpcId) refuse(`${subnetId} is in ${subnet.item.VpcId}, not ${item.VpcId} (AWS: InvalidParameterValue)`);
      const zone = subnet.item.AvailabilityZone;
      // AWS takes one subnet per availability zone in an attachment.
      if (zone && zones.has(zone)) refuse(`${edit.TransitGatewayAttachmentId} already has ${zones.get(zone)} in ${zone}: one subnet per zone (AWS: DuplicateSubnetsInSameZone)`);
      if (zone) zones.set(zone, subnetId);
      subnets.push(subnetId);
    }
    this.editor.replace('TransitGatewayVpcAttachments', edit.TransitGatewayAttachmentId, { ...item, SubnetIds: subnets });
    this.touch('TransitGatewayAttachments', edit.TransitGatewayAttachmentId, place);
  }

  acceptAttachment(edit: EditOf<'AcceptTransitGatewayVpcAttachment'>): void {
    const { place, item } = this.tgwAttachment(edit.TransitGatewayAttachmentId);
    if (item.State !== 'pendingAcceptance') refuse(`${edit.TransitGatewayAttachmentId} is ${item.State ?? 'in no known state'}, not pendingAcceptance (AWS: IncorrectState)`);
    this.editor.replace('TransitGatewayVpcAttachments', edit.TransitGatewayAttachmentId, { ...item, State: 'available' });
    const generic = this.editor.find('TransitGatewayAttachments', edit.TransitGatewayAttachmentId);
    if (generic) this.editor.replace('TransitGatewayAttachments', edit.TransitGatewayAttachmentId, { ...generic.item, State: 'available' });
    this.touch('TransitGateways', edit.TransitGatewayAttachmentId, place);
  }

  tgwRoute(edit: EditOf<'CreateTransitGatewayRoute'> | EditOf<'ReplaceTransitGatewayRoute'>): void {
    const table = this.editor.find('TransitGatewayRouteTables', edit.TransitGatewayRouteTableId) ?? refuse(`transit gateway route table ${edit.TransitGatewayRouteTableId} is not in the snapshot`);
    const attachment = this.editor.find('TransitGatewayAttachments', edit.TransitGatewayAttachmentId) ?? this.editor.find('TransitGatewayVpcAttachments', edit.TransitGatewayAttachmentId);
    if (!attachment) refuse(`transit gateway attachment ${edit.TransitGatewayAttachmentId} is not in the snapshot`);
    const wanted = parseCidr(edit.DestinationCidrBlock)!;
    const existing = this.editor.find('TransitGatewayStaticRoutes', edit.TransitGatewayRouteTableId);
    const routes = [...(existing?.item.Routes ?? [])];
    const at = routes.findIndex((r) => {
      const cidr = r.DestinationCidrBlock ? parseCidr(r.DestinationCidrBlock) : undefined;
      return cidr !== undefined && cidr.network === wanted.network && cidr.prefix === wanted.prefix;
    });
    if (edit.action === 'CreateTransitGatewayRoute' && at >= 0) refuse(`${edit.TransitGatewayRouteTableId} already has a static route for ${edit.DestinationCidrBlock} (AWS: RouteAlreadyExists)`);
    if (edit.action === 'ReplaceTransitGatewayRoute' && at < 0) refuse(`${edit.TransitGatewayRouteTableId} has no static route for ${edit.DestinationCidrBlock} (AWS: InvalidRoute.NotFound)`);
    const item = attachment!.item as { ResourceId?: string | null; ResourceType?: string | null; VpcId?: string | null };
    const route = {
      DestinationCidrBlock: edit.DestinationCidrBlock,
      Type: 'static',
      State: 'active',
      TransitGatewayAttachments: [{ TransitGatewayAttachmentId: edit.TransitGatewayAttachmentId, ResourceId: item.ResourceId ?? item.VpcId ?? null, ResourceType: item.ResourceType ?? 'vpc' }],
    };
    if (at >= 0) routes[at] = route;
    else routes.push(route);
    if (existing) this.editor.replace('TransitGatewayStaticRoutes', edit.TransitGatewayRouteTableId, { ...existing.item, Routes: routes });
    else this.editor.append(table.place, 'TransitGatewayStaticRoutes', { TransitGatewayRouteTableId: edit.TransitGatewayRouteTableId, Routes: routes });
    this.touch('TransitGateways', edit.TransitGatewayRouteTableId, table.place);
  }

  acceptPeering(edit: EditOf<'AcceptVpcPeeringConnection'>): void {
    const { place, item } = this.editor.find('VpcPeeringConnections', edit.VpcPeeringConnectionId) ?? refuse(`peering connection ${edit.VpcPeeringConnectionId} is not in the snapshot`);
    if (item.Status?.Code !== 'pending-acceptance') refuse(`${edit.VpcPeeringConnectionId} is ${item.Status?.Code ?? 'in no known state'}, not pending-acceptance (AWS: InvalidStateTransition)`);
    this.editor.replace('VpcPeeringConnections', edit.VpcPeeringConnectionId, { ...item, Status: { ...(item.Status ?? {}), Code: 'active' } });
    this.touch('VpcPeeringConnections', edit.VpcPeeringConnectionId, place);
  }

  apply(edit: Edit): void {
    const handlers: { [A in EditAction]: (e: EditOf<A>) => void } = {
      AuthorizeSecurityGroupIngress: (e) => this.authorize(e),
      AuthorizeSecurityGroupEgress: (e) => this.authorize(e),
      RevokeSecurityGroupIngress: (e) => this.revoke(e),
      RevokeSecurityGroupEgress: (e) => this.revoke(e),
      CreateNetworkAclEntry: (e) => this.aclEntry(e),
      ReplaceNetworkAclEntry: (e) => this.aclEntry(e),
      DeleteNetworkAclEntry: (e) => this.aclEntry(e),
      CreateRoute: (e) => this.route(e),
      ReplaceRoute: (e) => this.route(e),
      DeleteRoute: (e) => this.route(e),
      CreateNatGateway: (e) => this.createNatGateway(e),
      ModifyNetworkInterfaceAttribute: (e) => this.setGroups(e),
      AssociateAddress: (e) => this.associateAddress(e),
      ModifyTransitGatewayVpcAttachment: (e) => this.addAttachmentSubnets(e),
      CreateTransitGatewayRoute: (e) => this.tgwRoute(e),
      ReplaceTransitGatewayRoute: (e) => this.tgwRoute(e),
      AcceptVpcPeeringConnection: (e) => this.acceptPeering(e),
      AcceptTransitGatewayVpcAttachment: (e) => this.acceptAttachment(e),
      StartInstances: (e) => this.instanceState(e),
      StopInstances: (e) => this.instanceState(e),
    };
    (handlers[edit.action] as (e: Edit) => void)(edit);
  }
}

/** The snapshot with every edit made, in order; the first edit AWS would refuse stops it with a ChangeSetError. */
export function applyChangeSet(raw: RawSnapshot, changeSet: ChangeSet): AppliedChanges {
  if (changeSet.format !== CHANGE_SET_FORMAT) throw new InputError(`not a change set: format is not "${CHANGE_SET_FORMAT}"`);
  const applier = new ChangeApplier(raw);
  changeSet.changes.forEach((edit, index) => {
    try {
      applier.apply(edit);
    } catch (error) {
      if (error instanceof Refused) throw new ChangeSetError(index, edit, error.message);
      throw error;
    }
  });
  return { raw: applier.editor.snapshot, touched: applier.touched, places: applier.places };
}

