// Members that describe-API answers repeat: when one is missing and another
// described object gives it, the importer uses that and says so (naming the
// file and JSON path of the missing member and where the value came from);
// the snapshot is refused (SnapshotError, exit 2) only when nothing does,
// since then answers about that resource would be guesses. Members that
// nothing else gives (a subnet's VpcId, an ENI's SubnetId in its own record,
// a route's destination) stay required by the schemas in raw.ts.
//
// What fills in what:
// - an instance's copy of an ENI (Reservations[].Instances[].NetworkInterfaces[]):
//   SubnetId and VpcId are the ENI's own record's, when NetworkInterfaces
//   describes it (the model is built from that record anyway); otherwise the
//   instance's SubnetId for its primary interface (device 0, or its only
//   one), and the instance's VpcId (an instance's interfaces are all in its
//   VPC), else the subnet's VpcId;
// - an ENI's VpcId (NetworkInterfaces[]): its subnet's, else the instance's;
// - a NAT gateway's VpcId: its subnet's;
// - a transit gateway VPC attachment's TransitGatewayId and VpcId: its
//   TransitGatewayAttachments record's TransitGatewayId and ResourceId;
// - a load balancer's or target group's name: the one in its ARN.
//
// An instance's secondary interface that is not described and has no
// SubnetId is refused rather than imported as "unknown": the model places
// every ENI in a subnet, and leaving the interface out would make the
// engine answer "no such address" for its IPs, which is wrong, not unknown.
import { SnapshotError } from '../model/errors.js';
import type { ImportNotes } from './import-notes.js';
import { locate, locateInstance, placeText, regionFallback, type JsonLocation } from './origins.js';
import type { RawInstanceNetworkInterface as RawInstanceInterface, RawOf } from './raw.js';
import { itemsOf, type RegionInput } from './region-input.js';

type RawInstance = NonNullable<RawOf<'Reservations'>['Instances']>[number];

interface Found<T> {
  readonly region: RegionInput;
  readonly raw: T;
}

/** Where an ENI is: what the model needs of it beyond its own record. */
export interface InterfacePlace {
  readonly subnetId: string;
  readonly vpcId: string;
}

/**
 * Fills in redundant members. Built once per snapshot; its lookups are made
 * only when a member is missing, so a complete snapshot costs nothing.
 */
export class RedundantFields {
  private subnets: Map<string, Found<RawOf<'Subnets'>>> | undefined;
  private interfaces: Map<string, Found<RawOf<'NetworkInterfaces'>>> | undefined;
  private instanceOfInterface: Map<string, Found<RawInstance>> | undefined;

  constructor(
    private readonly regions: readonly RegionInput[],
    private readonly notes: ImportNotes,
    /** the snapshot's name, for regions no file was recorded for */
    private readonly file: string,
  ) {}

  /** The place of `item` of `region[key]`, down to `inner`. */
  where(region: RegionInput, key: string, item: unknown, inner: readonly PropertyKey[]): JsonLocation {
    return locate(region.data, key, item, regionFallback(this.file, region.place), inner);
  }

  /** The place of an instance (nested in its reservation), down to `inner`. */
  private instanceWhere(region: RegionInput, instance: RawInstance, inner: readonly PropertyKey[] = []): JsonLocation {
    return locateInstance(region.data, instance, regionFallback(this.file, region.place), inner);
  }

  /** Says that the member at `where` was missing and what was used instead. */
  filledIn(where: JsonLocation, value: string, source: string): void {
    this.notes.warnListed('missing members filled in from other objects', `${placeText(where)} is missing: used ${value}, ${source}`);
  }

  /** Refuses the snapshot: the member at `where` is missing and nothing gives it. */
  cannotFill(where: JsonLocation, why: string): never {
    throw new SnapshotError(where.file, where.path, `is missing, and ${why}`);
  }

  private subnet(id: string | null | undefined): Found<RawOf<'Subnets'>> | undefined {
    if (!id) return undefined;
    this.subnets ??= this.index('Subnets', (raw) => raw.SubnetId);
    return this.subnets.get(id);
  }

  private index<K extends 'Subnets' | 'NetworkInterfaces'>(key: K, idOf: (raw: RawOf<K>) => string): Map<string, Found<RawOf<K>>> {
    const out = new Map<string, Found<RawOf<K>>>();
    for (const region of this.regions) for (const raw of itemsOf(region, key)) if (!out.has(idOf(raw))) out.set(idOf(raw), { region, raw });
    return out;
  }

  private described(id: string): Found<RawOf<'NetworkInterfaces'>> | undefined {
    this.interfaces ??= this.index('NetworkInterfaces', (raw) => raw.NetworkInterfaceId);
    return this.interfaces.get(id);
  }

  private subnetVpc(subnetId: string | null | undefined): { vpcId: string; source: string } | undefined {
    const subnet = this.subnet(subnetId);
    if (!subnet) return undefined;
    const at = placeText(this.where(subnet.region, 'Subnets', subnet.raw, []));
    return { vpcId: subnet.raw.VpcId, source: `the VpcId of its subnet ${subnet.raw.SubnetId} (${at})` };
  }

  private instanceWith(eniId: string): Found<RawInstance> | undefined {
    if (!this.instanceOfInterface) {
      this.instanceOfInterface = new Map();
      for (const region of this.regions) {
        for (const reservation of itemsOf(region, 'Reservations')) {
          for (const raw of reservation.Instances ?? []) {
            for (const eni of raw.NetworkInterfaces ?? []) if (!this.instanceOfInterface.has(eni.NetworkInterfaceId)) this.instanceOfInterface.set(eni.NetworkInterfaceId, { region, raw });
          }
        }
      }
    }
    return this.instanceOfInterface.get(eniId);
  }

  /** NetworkInterfaces[].VpcId when it is missing: the subnet's, else the instance's. */
  vpcOfInterface(region: RegionInput, raw: RawOf<'NetworkInterfaces'>): string {
    const where = this.where(region, 'NetworkInterfaces', raw, ['VpcId']);
    const fromSubnet = this.subnetVpc(raw.SubnetId);
    if (fromSubnet) {
      this.filledIn(where, fromSubnet.vpcId, fromSubnet.source);
      return fromSubnet.vpcId;
    }
    const instance = this.instanceWith(raw.NetworkInterfaceId);
    const entry = instance?.raw.NetworkInterfaces?.find((eni) => eni.NetworkInterfaceId === raw.NetworkInterfaceId);
    const vpcId = entry?.VpcId ?? instance?.raw.VpcId;
    if (instance && vpcId) {
      const at = placeText(this.instanceWhere(instance.region, instance.raw));
      this.filledIn(where, vpcId, `the VPC of its instance ${instance.raw.InstanceId} (${at})`);
      return vpcId;
    }
    return this.cannotFill(where, `its subnet ${raw.SubnetId} is not in the snapshot to tell its VPC`);
  }

  /**
   * An instance's copy of an ENI that NetworkInterfaces also describes is
   * not used to build the ENI; a missing SubnetId or VpcId in it is only
   * said. True when the ENI is described.
   */
  checkDescribedCopy(region: RegionInput, instance: RawInstance, entry: RawInstanceInterface): boolean {
    if (entry.SubnetId && entry.VpcId) return false;
    const own = this.described(entry.NetworkInterfaceId);
    if (!own) return false;
    const at = placeText(this.where(own.region, 'NetworkInterfaces', own.raw, []));
    const index = instance.NetworkInterfaces!.indexOf(entry);
    for (const member of ['SubnetId', 'VpcId'] as const) {
      // a record without its VpcId gets one of its own (with its own warning, or refusal)
      const value = member === 'SubnetId' ? own.raw.SubnetId : (own.raw.VpcId ?? this.subnetVpc(own.raw.SubnetId)?.vpcId);
      if (entry[member] || !value) continue;
      this.filledIn(this.instanceWhere(region, instance, ['NetworkInterfaces', index, member]), value, `from ${entry.NetworkInterfaceId}'s own record (${at})`);
    }
    return true;
  }

  /** The subnet and VPC of an instance's ENI that NetworkInterfaces does not describe. */
  placeOfInstanceInterface(region: RegionInput, instance: RawInstance, entry: RawInstanceInterface): InterfacePlace {
    if (entry.SubnetId && entry.VpcId) return { subnetId: entry.SubnetId, vpcId: entry.VpcId };
    const index = instance.NetworkInterfaces!.indexOf(entry);
    const where = (member: string) => this.instanceWhere(region, instance, ['NetworkInterfaces', index, member]);
    const instanceAt = placeText(this.instanceWhere(region, instance));
    let subnetId = entry.SubnetId;
    if (!subnetId) {
      const interfaces = instance.NetworkInterfaces!;
      const primary = entry.Attachment?.DeviceIndex === 0 || interfaces.length === 1;
      if (!primary || !instance.SubnetId) {
        const why = primary ? `neither ${instance.InstanceId} (its instance) nor NetworkInterfaces gives it` : `${entry.NetworkInterfaceId} is not described in NetworkInterfaces, and it is not ${instance.InstanceId}'s primary interface, whose subnet is the instance's`;
        this.cannotFill(where('SubnetId'), why);
      }
      subnetId = instance.SubnetId;
      this.filledIn(where('SubnetId'), subnetId, `the SubnetId of ${instance.InstanceId}, whose primary interface it is (${instanceAt})`);
    }
    let vpcId = entry.VpcId;
    if (!vpcId) {
      const fromSubnet = this.subnetVpc(subnetId);
      vpcId = instance.VpcId ?? fromSubnet?.vpcId;
      if (!vpcId) this.cannotFill(where('VpcId'), `neither ${instance.InstanceId} (its instance) nor its subnet ${subnetId} is there to tell`);
      this.filledIn(where('VpcId'), vpcId, instance.VpcId ? `the VpcId of its instance ${instance.InstanceId} (${instanceAt})` : fromSubnet!.source);
    }
    return { subnetId, vpcId };
  }

  /** NatGateways[].VpcId when it is missing: its subnet's. */
  vpcOfNatGateway(region: RegionInput, raw: RawOf<'NatGateways'>): string {
    const where = this.where(region, 'NatGateways', raw, ['VpcId']);
    const fromSubnet = this.subnetVpc(raw.SubnetId);
    if (!fromSubnet) return this.cannotFill(where, `its subnet ${raw.SubnetId} is not in the snapshot to tell its VPC`);
    this.filledIn(where, fromSubnet.vpcId, fromSubnet.source);
    return fromSubnet.vpcId;
  }
}
