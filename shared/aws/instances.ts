// Instances (DescribeInstances -> Reservations[].Instances[]). Stopped and
// terminated instances are kept with their state: the engine must be able
// to say "stopped", not "not found".
import type { Instance, Placement } from '../model/types.js';
import type { RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

export type RawInstance = RawOf<'Reservations'> extends { Instances?: readonly (infer I)[] | null | undefined } ? I : never;

export function instanceOf(raw: RawInstance, place: Placement): Instance {
  const tags = tagsOf(raw.Tags);
  const enis = [...(raw.NetworkInterfaces ?? [])].sort(
    (a, b) => (a.Attachment?.DeviceIndex ?? Number.MAX_SAFE_INTEGER) - (b.Attachment?.DeviceIndex ?? Number.MAX_SAFE_INTEGER),
  );
  const primary = enis.find((eni) => eni.Attachment?.DeviceIndex === 0) ?? enis[0];
  return {
    account: place.account, region: place.region,
    id: raw.InstanceId,
    name: nameOf(tags),
    tags,
    state: raw.State?.Name ?? 'unknown',
    instanceType: raw.InstanceType ?? undefined,
    vpcId: raw.VpcId ?? undefined,
    subnetId: raw.SubnetId ?? undefined,
    availabilityZone: raw.Placement?.AvailabilityZone ?? undefined,
    networkInterfaceIds: enis.map((eni) => eni.NetworkInterfaceId),
    primaryNetworkInterfaceId: primary?.NetworkInterfaceId,
  };
}
