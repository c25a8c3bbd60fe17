// A change set as the AWS CLI commands that make it, in order, for a POSIX
// shell. Every value is quoted (shell.ts); a resource the set creates is
// captured in a shell variable (nat-new-1 -> "$NAT_NEW_1") that later
// commands use, and `set -e` semantics are left to the user: each line says
// what it does on its own.
import { NEW_ID, type ChangeSet, type Edit, type EditOf } from './change-set.js';
import { commandLine, rawWord, type RawWord } from './shell.js';

export interface CommandContext {
  /** the region each edit's resource lives in (undefined: the CLI's default region) */
  readonly regionOf: (edit: Edit, index: number) => string | undefined;
  /** the AWS profile the snapshot was taken with, if any */
  readonly profile?: string | undefined;
}

/** The shell variable that holds the real id of a resource the change set creates. */
export function variableOf(newId: string): string {
  return newId.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** An id as a command word: a created resource's variable, or the id itself (quoted when it must be). */
function idWord(id: string): string | RawWord {
  return NEW_ID.test(id) ? rawWord(`"$${variableOf(id)}"`) : id;
}

function permissionsJson(edit: Pick<EditOf<'AuthorizeSecurityGroupIngress'>, 'IpPermissions'>): string {
  return JSON.stringify(edit.IpPermissions);
}

function aclArgs(edit: EditOf<'CreateNetworkAclEntry'>): (string | RawWord)[] {
  const words: (string | RawWord)[] = [rawWord('--network-acl-id'), edit.NetworkAclId, rawWord(edit.Egress ? '--egress' : '--ingress'), rawWord('--rule-number'), String(edit.RuleNumber), rawWord('--protocol'), edit.Protocol];
  if (edit.PortRange) words.push(rawWord('--port-range'), `From=${edit.PortRange.From},To=${edit.PortRange.To}`);
  if (edit.IcmpTypeCode) words.push(rawWord('--icmp-type-code'), `Type=${edit.IcmpTypeCode.Type},Code=${edit.IcmpTypeCode.Code}`);
  words.push(...(edit.Ipv6CidrBlock !== undefined ? [rawWord('--ipv6-cidr-block'), edit.Ipv6CidrBlock] : [rawWord('--cidr-block'), edit.CidrBlock ?? '']), rawWord('--rule-action'), edit.RuleAction);
  return words;
}

const ROUTE_FLAGS = {
  GatewayId: '--gateway-id',
  NatGatewayId: '--nat-gateway-id',
  VpcPeeringConnectionId: '--vpc-peering-connection-id',
  TransitGatewayId: '--transit-gateway-id',
  NetworkInterfaceId: '--network-interface-id',
  EgressOnlyInternetGatewayId: '--egress-only-internet-gateway-id',
} as const;

function routeTarget(edit: EditOf<'CreateRoute'>): (string | RawWord)[] {
  for (const [key, flag] of Object.entries(ROUTE_FLAGS) as [keyof typeof ROUTE_FLAGS, string][]) {
    const id = edit[key];
    if (id !== undefined) return [rawWord(flag), idWord(id)];
  }
  return [];
}

/** The command lines of one edit, without the region and profile flags. */
function linesOf(edit: Edit): (string | RawWord)[][] {
  const aws = (verb: string) => rawWord(`aws ec2 ${verb}`);
  switch (edit.action) {
    case 'AuthorizeSecurityGroupIngress':
    case 'AuthorizeSecurityGroupEgress':
    case 'RevokeSecurityGroupIngress':
    case 'RevokeSecurityGroupEgress': {
      const verb = edit.action.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      return [[aws(verb), rawWord('--group-id'), edit.GroupId, rawWord('--ip-permissions'), permissionsJson(edit)]];
    }
    case 'CreateNetworkAclEntry':
      return [[aws('create-network-acl-entry'), ...aclArgs(edit)]];
    case 'ReplaceNetworkAclEntry':
      return [[aws('replace-network-acl-entry'), ...aclArgs(edit as unknown as EditOf<'CreateNetworkAclEntry'>)]];
    case 'DeleteNetworkAclEntry':
      return [[aws('delete-network-acl-entry'), rawWord('--network-acl-id'), edit.NetworkAclId, rawWord(edit.Egress ? '--egress' : '--ingress'), rawWord('--rule-number'), String(edit.RuleNumber)]];
    case 'CreateRoute':
    case 'ReplaceRoute':
      return [[aws(edit.action === 'CreateRoute' ? 'create-route' : 'replace-route'), rawWord('--route-table-id'), edit.RouteTableId, ...(edit.DestinationIpv6CidrBlock !== undefined ? [rawWord('--destination-ipv6-cidr-block'), edit.DestinationIpv6CidrBlock] : [rawWord('--destination-cidr-block'), edit.DestinationCidrBlock ?? '']), ...routeTarget(edit as EditOf<'CreateRoute'>)]];
    case 'DeleteRoute':
      return [[aws('delete-route'), rawWord('--route-table-id'), edit.RouteTableId, rawWord('--destination-cidr-block'), edit.DestinationCidrBlock]];
    case 'CreateNatGateway': {
      const variable = variableOf(edit.NewId);
      const lines: (string | RawWord)[][] = [];
      let allocation: string | RawWord | undefined = edit.AllocationId;
      if ((edit.ConnectivityType ?? 'public') === 'public' && allocation === undefined) {
        lines.push([rawWord(`EIPALLOC_${variable}=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text`)]);
        allocation = rawWord(`"$EIPALLOC_${variable}"`);
      }
      const create: (string | RawWord)[] = [rawWord(`${variable}=$(aws ec2 create-nat-gateway`), rawWord('--subnet-id'), edit.SubnetId];
      if (edit.ConnectivityType === 'private') create.push(rawWord('--connectivity-type'), 'private');
      if (allocation !== undefined) create.push(rawWord('--allocation-id'), allocation);
      create.push(rawWord('--query NatGateway.NatGatewayId --output text'));
      lines.push(create);
      lines.push([aws('wait nat-gateway-available'), rawWord('--nat-gateway-ids'), rawWord(`"$${variable}"`)]);
      return lines;
    }
    case 'ModifyNetworkInterfaceAttribute':
      return [[aws('modify-network-interface-attribute'), rawWord('--network-interface-id'), edit.NetworkInterfaceId, rawWord('--groups'), ...edit.Groups]];
    case 'AssociateAddress': {
      const lines: (string | RawWord)[][] = [];
      let allocation: string | RawWord | undefined = edit.AllocationId;
      if (allocation === undefined || NEW_ID.test(allocation)) {
        const variable = allocation === undefined ? `EIPALLOC_${variableOf(edit.NetworkInterfaceId)}` : variableOf(allocation);
        lines.push([rawWord(`${variable}=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text`)]);
        allocation = rawWord(`"$${variable}"`);
      }
      lines.push([aws('associate-address'), rawWord('--network-interface-id'), edit.NetworkInterfaceId, rawWord('--allocation-id'), allocation]);
      return lines;
    }
    case 'ModifyTransitGatewayVpcAttachment':
      return [[aws('modify-transit-gateway-vpc-attachment'), rawWord('--transit-gateway-attachment-id'), edit.TransitGatewayAttachmentId, rawWord('--add-subnet-ids'), ...edit.AddSubnetIds]];
    case 'CreateTransitGatewayRoute':
    case 'ReplaceTransitGatewayRoute':
      return [[aws(edit.action === 'CreateTransitGatewayRoute' ? 'create-transit-gateway-route' : 'replace-transit-gateway-route'), rawWord('--transit-gateway-route-table-id'), edit.TransitGatewayRouteTableId, rawWord('--destination-cidr-block'), edit.DestinationCidrBlock, rawWord('--transit-gateway-attachment-id'), edit.TransitGatewayAttachmentId]];
    case 'AcceptVpcPeeringConnection':
      return [[aws('accept-vpc-peering-connection'), rawWord('--vpc-peering-connection-id'), edit.VpcPeeringConnectionId]];
    case 'AcceptTransitGatewayVpcAttachment':
      return [[aws('accept-transit-gateway-vpc-attachment'), rawWord('--transit-gateway-attachment-id'), edit.TransitGatewayAttachmentId]];
    case 'StartInstances':
    case 'StopInstances':
      return [[aws(edit.action === 'StartInstances' ? 'start-instances' : 'stop-instances'), rawWord('--instance-ids'), ...edit.InstanceIds]];
  }
}

/** One line per command; a line that captures an id in a variable closes its `$(...)` after the flags. */
function finish(words: (string | RawWord)[], flags: (string | RawWord)[]): string {
  const first = words[0];
  const captures = first !== undefined && typeof first !== 'string' && /^[A-Z0-9_]+=\$\(aws /.test(first.raw);
  return captures ? `${commandLine(...words, ...flags)})` : commandLine(...words, ...flags);
}

/** The commands of every edit, in order, one per line. */
export function changeSetCommands(changeSet: ChangeSet, context: CommandContext): string[] {
  return changeSet.changes.flatMap((edit, index) => {
    const region = context.regionOf(edit, index);
    const flags: (string | RawWord)[] = [];
    if (region) flags.push(rawWord('--region'), region);
    if (context.profile) flags.push(rawWord('--profile'), context.profile);
    return linesOf(edit).map((words) => finish(words, flags));
  });
}
