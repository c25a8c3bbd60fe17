// Raw snapshot -> the network model, once per snapshot. Pure: no Node APIs,
// so that it runs in the browser too. Each AWS concept is turned into the
// model by its own module; this file only orders them and links them up.
import type { Cidr } from '../model/ipv4.js';
import type { Cidr6 } from '../model/ipv6.js';
import type {
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  RouteTable,
  SnapshotMeta,
  Subnet,
  TransitGatewayAttachment,
  Vpc,
} from '../model/types.js';
import { collectionErrorOf } from './collection-errors.js';
import { keepOneCopyEach } from './duplicates.js';
import { ImportNotes } from './import-notes.js';
import { buildIndexes } from './indexes.js';
import { instanceOf } from './instances.js';
import { egressOnlyInternetGatewayOf, internetGatewayOf } from './internet-gateways.js';
import { loadBalancersOf, targetGroupsOf } from './load-balancers.js';
import { natGatewayOf } from './nat-gateways.js';
import { networkAclOf } from './network-acls.js';
import { elasticIpsByInterface, networkInterfaceOf, withElasticIps } from './network-interfaces.js';
import { peeringConnectionOf } from './peering.js';
import { prefixListsOf } from './prefix-lists.js';
import { regionKeys, silentlyIgnoredKeys, type RawOf, type RawSnapshot } from './raw.js';
import { RedundantFields } from './redundant-fields.js';
import { checkReferences, type ModelParts } from './references.js';
import { itemsOf, placeOf, type RegionInput } from './region-input.js';
import { routeTableOf } from './route-tables.js';
import { securityGroupOf } from './security-groups.js';
import { subnetOf } from './subnets.js';
import { refuseUnsafeIds } from './unsafe-ids.js';
import { transitGatewayAttachmentsOf, transitGatewayOf, transitGatewayRouteTableOf } from './transit-gateways.js';
import { vpcEndpointOf } from './vpc-endpoints.js';
import { ensureValidRegion, joinPath } from './validate.js';
import { vpcOf } from './vpcs.js';
import { vpnConnectionOf, vpnGatewayOf } from './vpn.js';

export interface BuildOptions {
  /** sha-256 of the canonical raw snapshot, computed by the caller (hashing needs Node or WebCrypto) */
  readonly hash?: string;
}

export interface BuiltModel {
  readonly model: NetworkModel;
  /** import warnings, one sentence each, for stderr or the UI */
  readonly warnings: string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyMap<infer K2, infer V> ? Map<K2, V> : T[K] };
type Parts = Mutable<ModelParts>;

function emptyParts(): Parts {
  return {
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    networkAcls: new Map(),
    securityGroups: new Map(),
    prefixLists: new Map(),
    networkInterfaces: new Map(),
    instances: new Map(),
    internetGateways: new Map(),
    egressOnlyInternetGateways: new Map(),
    natGateways: new Map(),
    peeringConnections: new Map(),
    transitGateways: new Map(),
    transitGatewayAttachments: new Map(),
    transitGatewayRouteTables: new Map(),
    vpcEndpoints: new Map(),
    vpnGateways: new Map(),
    vpnConnections: new Map(),
    loadBalancers: new Map(),
    targetGroups: new Map(),
  };
}

/** Two records of one id left after keepOneCopyEach (an ENI from DescribeInstances too): the first wins. */
function addAll<T>(map: Map<string, T>, items: Iterable<T>, keyOf: (item: T) => string): void {
  for (const item of items) {
    const key = keyOf(item);
    if (!map.has(key)) map.set(key, item);
  }
}
const byId = <T extends { id: string }>(item: T) => item.id;

function pushTo<V>(map: Map<string, V[]>, key: string, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}

function regionsOf(raw: RawSnapshot, file: string): RegionInput[] {
  return Object.entries(raw.accounts).flatMap(([account, regions]) =>
    Object.entries(regions).map(([region, data]) => ({
      place: { account, region },
      data: ensureValidRegion(data, { file, path: joinPath('accounts', [account, region]) }),
    })),
  );
}

function warnUnknownKeys(regions: readonly RegionInput[], notes: ImportNotes): void {
  const known = new Set<string>(regionKeys);
  const unknown = new Set<string>();
  for (const region of regions) {
    for (const key of Object.keys(region.data)) if (!known.has(key) && !silentlyIgnoredKeys.has(key)) unknown.add(key);
  }
  if (unknown.size > 0) notes.warn(`unknown keys ignored: ${[...unknown].sort().join(', ')}`);
}

/** Resources that stand on their own: nothing else needs to be known first. */
function addStandalone(region: RegionInput, parts: Parts, notes: ImportNotes, fields: RedundantFields): void {
  const place = placeOf(region);
  addAll(parts.prefixLists, prefixListsOf(region, notes), byId);
  addAll(parts.routeTables, itemsOf(region, 'RouteTables').map((raw) => routeTableOf(raw, place, notes)), byId);
  addAll(parts.networkAcls, itemsOf(region, 'NetworkAcls').map((raw) => networkAclOf(raw, place, notes)), byId);
  addAll(parts.securityGroups, itemsOf(region, 'SecurityGroups').map((raw) => securityGroupOf(raw, place, notes)), byId);
  addAll(parts.internetGateways, itemsOf(region, 'InternetGateways').map((raw) => internetGatewayOf(raw, place)), byId);
  addAll(parts.egressOnlyInternetGateways, itemsOf(region, 'EgressOnlyInternetGateways').map((raw) => egressOnlyInternetGatewayOf(raw, place)), byId);
  addAll(parts.natGateways, itemsOf(region, 'NatGateways').map((raw) => natGatewayOf(raw, place, raw.VpcId ?? fields.vpcOfNatGateway(region, raw))), byId);
  addAll(parts.peeringConnections, itemsOf(region, 'VpcPeeringConnections').map((raw) => peeringConnectionOf(raw, place)), byId);
  addAll(parts.transitGateways, itemsOf(region, 'TransitGateways').map((raw) => transitGatewayOf(raw, place)), byId);
  addAll(parts.transitGatewayAttachments, transitGatewayAttachmentsOf(region, fields), byId);
  addAll(parts.vpcEndpoints, itemsOf(region, 'VpcEndpoints').map((raw) => vpcEndpointOf(raw, place)), byId);
  addAll(parts.vpnGateways, itemsOf(region, 'VpnGateways').map((raw) => vpnGatewayOf(raw, place)), byId);
  addAll(parts.vpnConnections, itemsOf(region, 'VpnConnections').map((raw) => vpnConnectionOf(raw, place)), byId);
  addAll(parts.loadBalancers, loadBalancersOf(region, place, fields), byId);
  addAll(parts.targetGroups, targetGroupsOf(region, place, fields), (group) => group.arn);
}

/** ENIs of DescribeNetworkInterfaces, then those only DescribeInstances mentions; instances with their state. */
function addInterfacesAndInstances(region: RegionInput, parts: Parts, zoneOfSubnet: ReadonlyMap<string, string>, notes: ImportNotes, fields: RedundantFields): void {
  const place = placeOf(region);
  const elasticIps = elasticIpsByInterface(itemsOf(region, 'Addresses'));
  const addEni = (eni: NetworkInterface | undefined) => {
    if (eni && !parts.networkInterfaces.has(eni.id)) parts.networkInterfaces.set(eni.id, withElasticIps(eni, elasticIps.get(eni.id)));
  };
  const instanceContext = new Map<string, { instanceId: string; availabilityZone: string | undefined }>();
  for (const reservation of itemsOf(region, 'Reservations')) {
    for (const raw of reservation.Instances ?? []) {
      const instance = instanceOf(raw, place);
      if (!parts.instances.has(instance.id)) parts.instances.set(instance.id, instance);
      for (const eniId of instance.networkInterfaceIds) {
        instanceContext.set(eniId, { instanceId: instance.id, availabilityZone: instance.availabilityZone });
      }
    }
  }
  for (const raw of itemsOf(region, 'NetworkInterfaces')) {
    const instance = instanceContext.get(raw.NetworkInterfaceId);
    const context = {
      subnetId: raw.SubnetId,
      vpcId: raw.VpcId ?? fields.vpcOfInterface(region, raw),
      instanceId: instance?.instanceId,
      availabilityZone: instance?.availabilityZone ?? zoneOfSubnet.get(raw.SubnetId),
    };
    addEni(networkInterfaceOf(raw, place, context, notes));
  }
  for (const reservation of itemsOf(region, 'Reservations')) {
    for (const raw of reservation.Instances ?? []) {
      for (const eni of raw.NetworkInterfaces ?? []) {
        // the ENI's own record (NetworkInterfaces) wins over the instance's copy
        if (fields.checkDescribedCopy(region, raw, eni) || parts.networkInterfaces.has(eni.NetworkInterfaceId)) continue;
        const { subnetId, vpcId } = fields.placeOfInstanceInterface(region, raw, eni);
        const zone = raw.Placement?.AvailabilityZone ?? zoneOfSubnet.get(subnetId);
        addEni(networkInterfaceOf(eni, place, { subnetId, vpcId, instanceId: raw.InstanceId, availabilityZone: zone }, notes));
      }
    }
  }
}

function firstByVpc<T extends { vpcId: string }>(items: Iterable<T>, pick: (item: T) => boolean): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (pick(item) && !out.has(item.vpcId)) out.set(item.vpcId, item);
  return out;
}

function bySubnet<T extends { id: string; subnetIds: readonly string[] }>(items: Iterable<T>): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) for (const subnetId of item.subnetIds) if (!out.has(subnetId)) out.set(subnetId, item.id);
  return out;
}

/** VPCs and subnets, once the route tables, ACLs and gateways they point at are known. */
function addVpcsAndSubnets(regions: readonly RegionInput[], parts: Parts, notes: ImportNotes): void {
  const mainTables = firstByVpc<RouteTable>(parts.routeTables.values(), (table) => table.isMain);
  const explicitTables = bySubnet(parts.routeTables.values());
  const defaultAcls = firstByVpc<NetworkAcl>(parts.networkAcls.values(), (acl) => acl.isDefault);
  const explicitAcls = bySubnet(parts.networkAcls.values());
  const gatewaysByVpc = new Map<string, string[]>();
  for (const gateway of parts.internetGateways.values()) {
    for (const attachment of gateway.attachments) pushTo(gatewaysByVpc, attachment.vpcId, gateway.id);
  }
  const egressOnlyByVpc = new Map<string, string[]>();
  for (const gateway of parts.egressOnlyInternetGateways.values()) {
    for (const attachment of gateway.attachments) pushTo(egressOnlyByVpc, attachment.vpcId, gateway.id);
  }
  const subnetIdsByVpc = new Map<string, string[]>();
  for (const region of regions) {
    const place = placeOf(region);
    for (const raw of itemsOf(region, 'Subnets')) {
      if (parts.subnets.has(raw.SubnetId)) continue;
      const explicitTable = explicitTables.get(raw.SubnetId);
      const subnet: Subnet | undefined = subnetOf(
        raw,
        place,
        {
          routeTableId: explicitTable ?? mainTables.get(raw.VpcId)?.id,
          routeTableIsExplicit: explicitTable !== undefined,
          networkAclId: explicitAcls.get(raw.SubnetId) ?? defaultAcls.get(raw.VpcId)?.id,
        },
        notes,
      );
      if (!subnet) continue;
      parts.subnets.set(subnet.id, subnet);
      pushTo(subnetIdsByVpc, subnet.vpcId, subnet.id);
    }
  }
  for (const region of regions) {
    const place = placeOf(region);
    for (const raw of itemsOf(region, 'Vpcs')) {
      if (parts.vpcs.has(raw.VpcId)) continue;
      const vpc: Vpc = vpcOf(raw, place, {
        subnetIds: subnetIdsByVpc.get(raw.VpcId) ?? [],
        mainRouteTableId: mainTables.get(raw.VpcId)?.id,
        defaultNetworkAclId: defaultAcls.get(raw.VpcId)?.id,
        internetGatewayIds: gatewaysByVpc.get(raw.VpcId) ?? [],
        egressOnlyInternetGatewayIds: egressOnlyByVpc.get(raw.VpcId) ?? [],
      });
      parts.vpcs.set(vpc.id, vpc);
    }
  }
}

type RawStaticRoute = NonNullable<RawOf<'TransitGatewayStaticRoutes'>['Routes']>[number];
type RawPropagation = NonNullable<RawOf<'TransitGatewayPropagations'>['TransitGatewayRouteTablePropagations']>[number];

function addTransitGatewayRouteTables(regions: readonly RegionInput[], parts: Parts, notes: ImportNotes): void {
  const staticRoutes = new Map<string, RawStaticRoute[]>();
  const propagations = new Map<string, RawPropagation[]>();
  for (const region of regions) {
    for (const entry of itemsOf(region, 'TransitGatewayStaticRoutes')) {
      pushTo(staticRoutes, entry.TransitGatewayRouteTableId, ...(entry.Routes ?? []));
    }
    for (const entry of itemsOf(region, 'TransitGatewayPropagations')) {
      pushTo(propagations, entry.TransitGatewayRouteTableId, ...(entry.TransitGatewayRouteTablePropagations ?? []));
    }
  }
  const vpcCidrsOf = (vpcId: string): { cidrs: readonly Cidr[]; ipv6Cidrs: readonly Cidr6[] } | undefined => parts.vpcs.get(vpcId);
  const attachment = (id: string): TransitGatewayAttachment | undefined => parts.transitGatewayAttachments.get(id);
  for (const region of regions) {
    const place = placeOf(region);
    for (const raw of itemsOf(region, 'TransitGatewayRouteTables')) {
      if (parts.transitGatewayRouteTables.has(raw.TransitGatewayRouteTableId)) continue;
      const inputs = {
        staticRoutes: staticRoutes.get(raw.TransitGatewayRouteTableId) ?? [],
        propagations: propagations.get(raw.TransitGatewayRouteTableId) ?? [],
        attachment,
        vpcCidrs: vpcCidrsOf,
      };
      parts.transitGatewayRouteTables.set(raw.TransitGatewayRouteTableId, transitGatewayRouteTableOf(raw, place, inputs, notes));
    }
  }
}

function metaOf(raw: RawSnapshot, options: BuildOptions): SnapshotMeta {
  return {
    format: 'reachmap-snapshot/1',
    createdAt: raw.createdAt,
    source: { ...raw.source },
    hash: options.hash ?? '',
    accounts: Object.keys(raw.accounts),
    regions: Object.entries(raw.accounts).flatMap(([account, regions]) => Object.keys(regions).map((region) => ({ account, region }))),
  };
}

/**
 * Builds the model. A snapshot read by readSnapshotPath is already
 * validated; one built in memory is validated here, so malformed data is a
 * SnapshotError naming the JSON path, never a crash.
 */
export function buildModel(raw: RawSnapshot, options: BuildOptions = {}): BuiltModel {
  const notes = new ImportNotes();
  const file = raw.source.path ?? 'snapshot';
  // ids that could not go into a command unharmed are refused first (unsafe-ids.ts)
  const regions = keepOneCopyEach(refuseUnsafeIds(regionsOf(raw, file), notes, file), notes, file);
  const fields = new RedundantFields(regions, notes, file);
  warnUnknownKeys(regions, notes);
  const parts = emptyParts();
  for (const region of regions) addStandalone(region, parts, notes, fields);
  // an ENI record without its zone (hand-written, or from DescribeInstances) is in its subnet's zone
  const zoneOfSubnet = new Map<string, string>();
  for (const region of regions) {
    for (const subnet of itemsOf(region, 'Subnets')) if (subnet.AvailabilityZone) zoneOfSubnet.set(subnet.SubnetId, subnet.AvailabilityZone);
  }
  for (const region of regions) addInterfacesAndInstances(region, parts, zoneOfSubnet, notes, fields);
  addVpcsAndSubnets(regions, parts, notes);
  addTransitGatewayRouteTables(regions, parts, notes);
  checkReferences(parts, notes);
  const model: NetworkModel = {
    meta: metaOf(raw, options),
    ...parts,
    errors: raw.errors.map(collectionErrorOf),
    missingReferences: notes.missingReferences,
    indexes: buildIndexes(parts),
  };
  return { model, warnings: notes.allWarnings() };
}

