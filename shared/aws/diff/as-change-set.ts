// A diff written as a change set (docs/changes.md): the edits that turn the
// old snapshot into the new one, where an EC2 call of the change-set format
// makes them (rules, ACL entries, routes, instance states). What no such call
// makes (a resource created or deleted, a tag, a route's state, an IPv6 rule)
// is listed in words instead, never guessed at. Applying the change set to the
// old snapshot gives the new one in every part it covers.
import { CHANGE_SET_FORMAT, type ChangeSet, type Edit } from '../../model/change-set.js';
import type { AclEntry, SecurityGroupRule } from './rules.js';
import type { RouteSummary } from './routes.js';
import type { ComponentChange, ComponentDiff } from './types.js';

type IpPermission = Extract<Edit, { action: 'AuthorizeSecurityGroupIngress' }>['IpPermissions'][number];
type RouteEdit = Extract<Edit, { action: 'CreateRoute' }>;

const CIDR4 = /^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const PROTOCOL_OF_NAME: Readonly<Record<string, string>> = { all: '-1', tcp: 'tcp', udp: 'udp', icmp: 'icmp' };

function protocolText(name: string): string | undefined {
  const known = PROTOCOL_OF_NAME[name];
  if (known) return known;
  return /^\d{1,3}$/.test(name) && Number(name) <= 255 ? name : undefined;
}

/** a rule as the IpPermission that authorizes (or revokes) it; undefined where the format has no field for its peer */
function permissionOf(rule: SecurityGroupRule): IpPermission | undefined {
  const protocol = protocolText(rule.protocol);
  if (!protocol) return undefined;
  const ports = protocol === '-1' || rule.fromPort === null ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort ?? rule.fromPort };
  const description = rule.description !== null ? { Description: rule.description } : {};
  const group = /^(?:(\d+)\/)?(sg-[0-9a-zA-Z]+)$/.exec(rule.peer);
  if (group) return { IpProtocol: protocol, ...ports, UserIdGroupPairs: [{ GroupId: group[2]!, ...(group[1] ? { UserId: group[1] } : {}), ...description }] };
  if (/^pl-[0-9a-zA-Z]+$/.test(rule.peer)) return { IpProtocol: protocol, ...ports, PrefixListIds: [{ PrefixListId: rule.peer, ...description }] };
  if (CIDR4.test(rule.peer)) return { IpProtocol: protocol, ...ports, IpRanges: [{ CidrIp: rule.peer, ...description }] };
  return undefined;
}

function aclFields(entry: AclEntry): Omit<Extract<Edit, { action: 'CreateNetworkAclEntry' }>, 'action' | 'NetworkAclId'> | undefined {
  const protocol = protocolText(entry.protocol);
  if (!protocol || !CIDR4.test(entry.cidr) || entry.number < 1 || entry.number > 32766) return undefined;
  const base = { RuleNumber: entry.number, Egress: entry.direction === 'egress', Protocol: protocol, RuleAction: entry.action === 'deny' ? ('deny' as const) : ('allow' as const), CidrBlock: entry.cidr };
  if (protocol === 'icmp') return { ...base, IcmpTypeCode: { Type: entry.fromPort ?? -1, Code: entry.toPort ?? -1 } };
  if ((protocol === 'tcp' || protocol === 'udp') && entry.fromPort !== null) return { ...base, PortRange: { From: entry.fromPort, To: entry.toPort ?? entry.fromPort } };
  return base;
}

const TARGET_OF_PREFIX: readonly [RegExp, keyof RouteEdit][] = [
  [/^igw-/, 'GatewayId'],
  [/^nat-/, 'NatGatewayId'],
  [/^pcx-/, 'VpcPeeringConnectionId'],
  [/^tgw-(?!attach|rtb)/, 'TransitGatewayId'],
  [/^eni-/, 'NetworkInterfaceId'],
  [/^eigw-/, 'EgressOnlyInternetGatewayId'],
];

function routeFields(route: RouteSummary): Partial<RouteEdit> | undefined {
  if (!CIDR4.test(route.destination)) return undefined;
  const member = TARGET_OF_PREFIX.find(([prefix]) => prefix.test(route.target))?.[1];
  return member ? { DestinationCidrBlock: route.destination, [member]: route.target } : undefined;
}

export interface DiffAsChangeSet {
  /** null when no change is one the format can write */
  changeSet: ChangeSet | null;
  /** the changes left out, one sentence each */
  notWritten: string[];
}

function editsOf(change: ComponentChange, notWritten: string[]): Edit[] {
  const skip = (text: string) => notWritten.push(text);
  if (change.change !== 'modified') {
    skip(change.text);
    return [];
  }
  const who = change.text.replace(/: [^]*$/, '');
  const authorize: Record<'ingress' | 'egress', IpPermission[]> = { ingress: [], egress: [] };
  const revoke: Record<'ingress' | 'egress', IpPermission[]> = { ingress: [], egress: [] };
  const acl: Edit[] = [];
  const routes: Edit[] = [];
  const instance: Edit[] = [];
  for (const edit of change.edits) {
    if (change.kind === 'security-group' && edit.subject === 'rule' && edit.change !== 'changed' && !edit.path.includes('.')) {
      const rule = (edit.before ?? edit.after) as SecurityGroupRule;
      const permission = permissionOf(rule);
      if (permission) (edit.change === 'added' ? authorize : revoke)[rule.direction].push(permission);
      else skip(`${who}: ${edit.text}`);
    } else if (change.kind === 'network-acl' && edit.subject === 'acl-entry') {
      const entry = (edit.after ?? edit.before) as AclEntry;
      const fields = aclFields(entry);
      if (!fields) skip(`${who}: ${edit.text}`);
      else if (edit.change === 'removed') acl.push({ action: 'DeleteNetworkAclEntry', NetworkAclId: change.id, RuleNumber: fields.RuleNumber, Egress: fields.Egress });
      else acl.push({ action: edit.change === 'added' ? 'CreateNetworkAclEntry' : 'ReplaceNetworkAclEntry', NetworkAclId: change.id, ...fields });
    } else if (change.kind === 'route-table' && edit.subject === 'route' && edit.path === 'Routes') {
      const before = edit.before as RouteSummary | null;
      const after = edit.after as RouteSummary | null;
      if (edit.change === 'removed' && CIDR4.test(before!.destination)) routes.push({ action: 'DeleteRoute', RouteTableId: change.id, DestinationCidrBlock: before!.destination });
      else if (after && (edit.change === 'added' || before?.target !== after.target) && after.state === 'active' && routeFields(after)) {
        routes.push({ action: edit.change === 'added' ? 'CreateRoute' : 'ReplaceRoute', RouteTableId: change.id, ...routeFields(after) } as Edit);
      } else skip(`${who}: ${edit.text}`);
    } else if (change.kind === 'instance' && edit.path === 'State.Name' && (edit.after === 'stopped' || edit.after === 'running')) {
      instance.push({ action: edit.after === 'stopped' ? 'StopInstances' : 'StartInstances', InstanceIds: [change.id] });
    } else if (!(change.kind === 'instance' && edit.path === 'State.Code')) skip(`${who}: ${edit.text}`);
  }
  const groups: Edit[] = [];
  const push = (action: 'RevokeSecurityGroupIngress' | 'RevokeSecurityGroupEgress' | 'AuthorizeSecurityGroupIngress' | 'AuthorizeSecurityGroupEgress', permissions: IpPermission[]) => {
    if (permissions.length > 0) groups.push({ action, GroupId: change.id, IpPermissions: permissions });
  };
  push('RevokeSecurityGroupIngress', revoke.ingress);
  push('RevokeSecurityGroupEgress', revoke.egress);
  push('AuthorizeSecurityGroupIngress', authorize.ingress);
  push('AuthorizeSecurityGroupEgress', authorize.egress);
  // deletions first, so that a number or destination freed is free before it is used again
  const deletionsFirst = (edits: Edit[]) => [...edits.filter((e) => e.action.startsWith('Delete')), ...edits.filter((e) => !e.action.startsWith('Delete'))];
  return [...groups, ...deletionsFirst(acl), ...deletionsFirst(routes), ...instance];
}

/** The component changes as a change set over the old snapshot, and what it cannot say. */
export function diffAsChangeSet(diff: Pick<ComponentDiff, 'changes'>, description: string): DiffAsChangeSet {
  const notWritten: string[] = [];
  const changes = diff.changes.flatMap((change) => editsOf(change, notWritten));
  return { changeSet: changes.length === 0 ? null : { format: CHANGE_SET_FORMAT, description, changes }, notWritten };
}
