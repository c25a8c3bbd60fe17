// The inspector's content, read straight from the model: rules in the order
// AWS evaluates them, so that what the user reads is what the engine applied.
import type {
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterface,
  NetworkModel,
  PortRange,
  IcmpTypeCode,
  Route,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Tags,
} from '../model/types.js';
import { formatIpv4 } from '../model/ipv4.js';
import { formatIpv6 } from '../model/ipv6.js';
import { InputError } from './errors.js';
import type { Inspection, InspectTable } from './inspect-types.js';
import { vpnInspection } from './inspect-vpn.js';
import { loadBalancerTables, targetTables } from './inspect-load-balancer.js';
import { targetViewsOfEni } from '../engine/load-balancer-view.js';

const PROTOCOL_NAMES: Record<number, string> = { [-1]: 'all', 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

export function protocolLabel(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? String(protocol);
}

function portsLabel(protocol: number, ports: PortRange | undefined, icmp: IcmpTypeCode | undefined): string {
  // ICMP and ICMPv6 (58) name types and codes, not ports
  if (protocol === 1 || protocol === 58) {
    if (!icmp || icmp.type === -1) return 'all types';
    return icmp.code === -1 ? `type ${icmp.type}` : `type ${icmp.type} code ${icmp.code}`;
  }
  if (!ports) return 'all';
  return ports.from === ports.to ? String(ports.from) : `${ports.from}-${ports.to}`;
}

function peerLabel(rule: SecurityGroupRule): string {
  const peer = rule.peer;
  if (peer.kind === 'cidr' || peer.kind === 'cidr6') return peer.cidr.text;
  if (peer.kind === 'prefix-list') return peer.prefixListId;
  return peer.userId ? `${peer.groupId} (account ${peer.userId})` : peer.groupId;
}

function ruleRows(rules: readonly SecurityGroupRule[]): string[][] {
  return rules.map((rule) => [
    protocolLabel(rule.protocol),
    portsLabel(rule.protocol, rule.ports, rule.icmp),
    peerLabel(rule),
    rule.description ?? '',
  ]);
}

function aclRows(entries: readonly NetworkAclEntry<{ readonly text: string }>[]): string[][] {
  // The model keeps entries in ascending rule number; sorting again makes the display independent of that promise.
  return [...entries]
    .sort((a, b) => a.ruleNumber - b.ruleNumber)
    .map((entry) => [
      // the catch-all denies, IPv4's 32767 and IPv6's 32768, are the "*" rules of AWS's console
      entry.ruleNumber >= 32767 ? '*' : String(entry.ruleNumber),
      protocolLabel(entry.protocol),
      portsLabel(entry.protocol, entry.ports, entry.icmp),
      entry.cidr.text,
      entry.action.toUpperCase(),
    ]);
}

function routeRows(routes: readonly Route<{ readonly kind: 'cidr'; readonly cidr: { readonly text: string } } | { readonly kind: 'prefix-list'; readonly prefixListId: string }>[]): string[][] {
  return routes.map((route) => [
    route.destination.kind === 'cidr' ? route.destination.cidr.text : route.destination.prefixListId,
    route.target.id,
    route.target.kind,
    route.state,
  ]);
}

const SG_COLUMNS = ['protocol', 'ports', 'peer', 'description'];
const ACL_COLUMNS = ['rule #', 'protocol', 'ports', 'cidr', 'action'];
const ACL_NOTE = 'evaluated in ascending rule number; the first matching entry decides';
const ROUTE_COLUMNS = ['destination', 'target', 'target kind', 'state'];

function securityGroupTables(group: SecurityGroup, prefix = ''): InspectTable[] {
  return [
    { title: `${prefix}Inbound rules`, columns: SG_COLUMNS, rows: ruleRows(group.ingress), note: 'stateful: replies to allowed flows are allowed' },
    { title: `${prefix}Outbound rules`, columns: SG_COLUMNS, rows: ruleRows(group.egress) },
  ];
}

function aclTables(acl: NetworkAcl, prefix = ''): InspectTable[] {
  return [
    // IPv4 and IPv6 entries share one numbering (each family judged by its own): shown in one list, as the console does
    { title: `${prefix}Inbound entries`, columns: ACL_COLUMNS, rows: aclRows([...acl.inbound, ...acl.inboundIpv6]), note: ACL_NOTE },
    { title: `${prefix}Outbound entries`, columns: ACL_COLUMNS, rows: aclRows([...acl.outbound, ...acl.outboundIpv6]), note: ACL_NOTE },
  ];
}

function routeTableTable(table: RouteTable, title = 'Routes'): InspectTable {
  return { title, columns: ROUTE_COLUMNS, rows: [...routeRows(table.routes), ...routeRows(table.ipv6Routes)], note: 'the longest matching prefix decides' };
}

function tagsOf(tags: Tags | undefined): Record<string, string> {
  return { ...(tags ?? {}) };
}

/** an interface's IPv6 addresses and delegated prefixes, where it has any (an IPv4-only interface reads as before) */
function ipv6Facts(eni: NetworkInterface): Inspection['facts'] {
  const facts: Inspection['facts'] = [];
  if (eni.ipv6Addresses.length > 0) facts.push({ label: 'IPv6 addresses', value: eni.ipv6Addresses.map(formatIpv6).join(', ') });
  if (eni.ipv6Prefixes.length > 0) facts.push({ label: 'IPv6 prefixes', value: eni.ipv6Prefixes.map((p) => p.text).join(', ') });
  return facts;
}

/** a VPC's or subnet's IPv6 blocks, where it has any */
function ipv6CidrFacts(cidrs: readonly { readonly text: string }[], label: string): Inspection['facts'] {
  return cidrs.length > 0 ? [{ label, value: cidrs.map((c) => c.text).join(', ') }] : [];
}

function eniInspection(model: NetworkModel, eni: NetworkInterface): Inspection {
  const subnet = model.subnets.get(eni.subnetId);
  const facts = [
    { label: 'status', value: eni.status },
    { label: 'type', value: eni.interfaceType },
    { label: 'private IPs', value: eni.privateAddresses.map((a) => formatIpv4(a.ip)).join(', ') },
    { label: 'public IP', value: eni.publicIp === undefined ? 'none' : formatIpv4(eni.publicIp) },
    ...ipv6Facts(eni),
    { label: 'subnet', value: eni.subnetId },
    { label: 'VPC', value: eni.vpcId },
    { label: 'AZ', value: eni.availabilityZone },
    { label: 'source/dest check', value: eni.sourceDestCheck ? 'on' : 'off' },
  ];
  const instance = eni.instanceId ? model.instances.get(eni.instanceId) : undefined;
  if (instance) facts.unshift({ label: 'instance', value: `${instance.id} (${instance.state})` });
  const tables: InspectTable[] = [];
  const related: Inspection['related'] = [];
  for (const groupId of eni.securityGroupIds) {
    const group = model.securityGroups.get(groupId);
    related.push({ id: groupId, kind: 'security-group', label: group ? `${groupId} ${group.name}` : `${groupId} (not in snapshot)` });
    if (group) tables.push(...securityGroupTables(group, `${groupId}: `));
  }
  if (subnet) tables.push(...subnetTables(model, subnet, related));
  tables.push(...targetTables(model, eni));
  const registrations = targetViewsOfEni(model, eni);
  return {
    id: eni.id,
    kind: 'eni',
    name: eni.name ?? instance?.name ?? null,
    facts,
    tags: tagsOf(instance?.tags && Object.keys(eni.tags).length === 0 ? instance.tags : eni.tags),
    tables,
    related,
    ...(registrations.length > 0 ? { loadBalancerTargets: registrations } : {}),
  };
}

function subnetTables(model: NetworkModel, subnet: Subnet, related: Inspection['related']): InspectTable[] {
  const tables: InspectTable[] = [];
  const acl = subnet.networkAclId ? model.networkAcls.get(subnet.networkAclId) : undefined;
  if (acl) {
    related.push({ id: acl.id, kind: 'network-acl', label: `${acl.id} (subnet ACL)` });
    tables.push(...aclTables(acl, `${acl.id}: `));
  }
  const table = subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
  if (table) {
    related.push({ id: table.id, kind: 'route-table', label: `${table.id} (${subnet.routeTableIsExplicit ? 'associated' : 'main'})` });
    tables.push(routeTableTable(table, `${table.id}: Routes`));
  }
  return tables;
}

function subnetInspection(model: NetworkModel, subnet: Subnet): Inspection {
  const related: Inspection['related'] = [];
  const enis = model.indexes.enisBySubnet.get(subnet.id) ?? [];
  return {
    id: subnet.id,
    kind: 'subnet',
    name: subnet.name ?? null,
    facts: [
      // an IPv6-only subnet has no IPv4 block
      ...(subnet.cidr ? [{ label: 'CIDR', value: subnet.cidr.text }] : []),
      ...ipv6CidrFacts(subnet.ipv6Cidrs, 'IPv6 CIDR'),
      { label: 'state', value: subnet.state },
      { label: 'AZ', value: subnet.availabilityZone },
      { label: 'VPC', value: subnet.vpcId },
      { label: 'public IP on launch', value: subnet.mapPublicIpOnLaunch ? 'yes' : 'no' },
      { label: 'network interfaces', value: String(enis.length) },
      { label: 'network ACL', value: subnet.networkAclId ?? 'none in snapshot (AWS default assumed)' },
      { label: 'route table', value: subnet.routeTableId ?? 'none in snapshot' },
    ],
    tags: tagsOf(subnet.tags),
    tables: subnetTables(model, subnet, related),
    related,
  };
}

function simple(id: string, kind: string, name: string | undefined, tags: Tags | undefined, facts: Inspection['facts']): Inspection {
  return { id, kind, name: name ?? null, facts, tags: tagsOf(tags), tables: [], related: [] };
}

/** The inspector's view of one component, or InputError when the snapshot holds no such id. */
export function inspectComponent(model: NetworkModel, id: string): Inspection {
  const eni = model.networkInterfaces.get(id);
  if (eni) return eniInspection(model, eni);
  const instance = model.instances.get(id);
  if (instance) {
    const primary = instance.primaryNetworkInterfaceId ? model.networkInterfaces.get(instance.primaryNetworkInterfaceId) : undefined;
    const base = primary ? eniInspection(model, primary) : simple(id, 'instance', instance.name, instance.tags, []);
    return {
      ...base,
      id,
      kind: 'instance',
      name: instance.name ?? base.name,
      tags: tagsOf(instance.tags),
      facts: [
        { label: 'state', value: instance.state },
        { label: 'type', value: instance.instanceType ?? 'unknown' },
        { label: 'network interfaces', value: instance.networkInterfaceIds.join(', ') || 'none' },
        ...base.facts.filter((fact) => fact.label !== 'instance'),
      ],
    };
  }
  const subnet = model.subnets.get(id);
  if (subnet) return subnetInspection(model, subnet);
  const group = model.securityGroups.get(id);
  if (group) {
    const members = model.indexes.enisBySecurityGroup.get(id) ?? [];
    return {
      ...simple(id, 'security-group', group.name, group.tags, [
        { label: 'name', value: group.name },
        { label: 'VPC', value: group.vpcId ?? 'none' },
        { label: 'members', value: String(members.length) },
      ]),
      tables: securityGroupTables(group),
    };
  }
  const acl = model.networkAcls.get(id);
  if (acl) {
    return {
      ...simple(id, 'network-acl', acl.name, acl.tags, [
        { label: 'VPC', value: acl.vpcId },
        { label: 'default', value: acl.isDefault ? 'yes' : 'no' },
        { label: 'subnets', value: acl.subnetIds.join(', ') || 'none' },
      ]),
      tables: aclTables(acl),
    };
  }
  const table = model.routeTables.get(id);
  if (table) {
    return {
      ...simple(id, 'route-table', table.name, table.tags, [
        { label: 'VPC', value: table.vpcId },
        { label: 'main', value: table.isMain ? 'yes' : 'no' },
        { label: 'subnets', value: table.subnetIds.join(', ') || 'none explicitly associated' },
      ]),
      tables: [routeTableTable(table)],
    };
  }
  const vpc = model.vpcs.get(id);
  if (vpc) {
    return simple(id, 'vpc', vpc.name, vpc.tags, [
      { label: 'CIDRs', value: vpc.cidrs.map((c) => c.text).join(', ') },
      ...ipv6CidrFacts(vpc.ipv6Cidrs, 'IPv6 CIDRs'),
      { label: 'state', value: vpc.state },
      { label: 'account / region', value: `${vpc.account} / ${vpc.region}` },
      { label: 'subnets', value: String(vpc.subnetIds.length) },
      { label: 'internet gateways', value: vpc.internetGatewayIds.join(', ') || 'none' },
      ...(vpc.egressOnlyInternetGatewayIds.length > 0 ? [{ label: 'egress-only internet gateways', value: vpc.egressOnlyInternetGatewayIds.join(', ') }] : []),
      { label: 'main route table', value: vpc.mainRouteTableId ?? 'none in snapshot' },
    ]);
  }
  const gateway = gatewayInspection(model, id);
  if (gateway) return gateway;
  throw new InputError(`no component "${id}" in this snapshot`);
}

function attachmentsLabel(attachments: readonly { vpcId: string; state: string }[]): string {
  return attachments.map((a) => `${a.vpcId} (${a.state})`).join(', ') || 'none';
}

function gatewayInspection(model: NetworkModel, id: string): Inspection | undefined {
  const igw = model.internetGateways.get(id) ?? model.egressOnlyInternetGateways.get(id);
  if (igw) {
    const kind = model.internetGateways.has(id) ? 'internet-gateway' : 'egress-only-internet-gateway';
    return simple(id, kind, igw.name, igw.tags, [{ label: 'attachments', value: attachmentsLabel(igw.attachments) }]);
  }
  const nat = model.natGateways.get(id);
  if (nat) {
    return simple(id, 'nat-gateway', nat.name, nat.tags, [
      { label: 'state', value: nat.state },
      { label: 'connectivity', value: nat.connectivityType },
      { label: 'subnet', value: nat.subnetId },
      {
        label: 'addresses',
        value: nat.addresses
          .map((a) => [a.privateIp, a.publicIp].filter((ip) => ip !== undefined).map((ip) => formatIpv4(ip!)).join(' / '))
          .join(', '),
      },
    ]);
  }
  const pcx = model.peeringConnections.get(id);
  if (pcx) {
    const side = (s: typeof pcx.requester) => `${s.vpcId} ${s.cidrs.map((c) => c.text).join(', ')}${s.account ? ` (account ${s.account})` : ''}`;
    return simple(id, 'peering', pcx.name, pcx.tags, [
      { label: 'status', value: pcx.status },
      { label: 'requester', value: side(pcx.requester) },
      { label: 'accepter', value: side(pcx.accepter) },
    ]);
  }
  const tgw = model.transitGateways.get(id);
  if (tgw) {
    const routeTables = [...model.transitGatewayRouteTables.values()].filter((t) => t.transitGatewayId === id);
    return {
      ...simple(id, 'transit-gateway', tgw.name, tgw.tags, [
        { label: 'state', value: tgw.state },
        { label: 'default association table', value: tgw.associationDefaultRouteTableId ?? 'none' },
      ]),
      tables: routeTables.map((t) => ({
        title: `${t.id}: Routes`,
        columns: ['destination', 'type', 'state', 'attachments'],
        rows: [...t.routes, ...t.ipv6Routes].map((r) => [
          r.destination.kind === 'cidr' ? r.destination.cidr.text : r.destination.prefixListId,
          r.type,
          r.state,
          r.targets.map((target) => target.attachmentId).join(', '),
        ]),
      })),
    };
  }
  const attachment = model.transitGatewayAttachments.get(id);
  if (attachment) {
    return simple(id, 'tgw-attachment', attachment.name, attachment.tags, [
      { label: 'state', value: attachment.state },
      { label: 'transit gateway', value: attachment.transitGatewayId },
      { label: 'resource', value: `${attachment.resourceType} ${attachment.resourceId}` },
      { label: 'subnets', value: attachment.subnetIds.join(', ') || 'none' },
      { label: 'route table', value: attachment.associatedRouteTableId ?? 'none' },
    ]);
  }
  const endpoint = model.vpcEndpoints.get(id);
  if (endpoint) {
    return simple(id, 'vpc-endpoint', endpoint.name, endpoint.tags, [
      { label: 'type', value: endpoint.endpointType },
      { label: 'service', value: endpoint.serviceName },
      { label: 'state', value: endpoint.state },
    ]);
  }
  const vgw = model.vpnGateways.get(id);
  if (vgw) {
    return simple(id, 'vpn-gateway', vgw.name, vgw.tags, [
      { label: 'state', value: vgw.state },
      { label: 'attachments', value: attachmentsLabel(vgw.attachments) },
    ]);
  }
  const vpn = vpnInspection(model, id);
  if (vpn) return vpn;
  const lb = model.loadBalancers.get(id);
  if (lb) {
    return {
      ...simple(id, 'load-balancer', lb.name, undefined, [
        { label: 'type', value: lb.type },
        { label: 'scheme', value: lb.scheme },
        { label: 'state', value: lb.state },
        { label: 'subnets', value: lb.subnetIds.join(', ') },
      ]),
      tables: [
        {
          title: 'Listeners',
          columns: ['protocol', 'port', 'target groups'],
          rows: lb.listeners.map((l) => [l.protocol ?? '', l.port === undefined ? '' : String(l.port), l.targetGroupArns.map((arn) => model.targetGroups.get(arn)?.name ?? arn).join(', ')]),
        },
        ...loadBalancerTables(model, lb),
      ],
    };
  }
  return undefined;
}
