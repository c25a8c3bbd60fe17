// Network interfaces (DescribeNetworkInterfaces, and the copies inside
// DescribeInstances for ENIs that the first call did not return).
import { parseIpv4 } from '../model/ipv4.js';
import { parseCidr6, parseIpv6 } from '../model/ipv6.js';
import type { NetworkInterface, Placement, PrivateAddress } from '../model/types.js';
import type { ImportNotes } from './import-notes.js';
import type { RawInstanceNetworkInterface, RawOf } from './raw.js';
import { nameOf, tagsOf } from './tags.js';

/** an ENI's own record, or an instance's copy of it */
export type RawNetworkInterface = RawOf<'NetworkInterfaces'> | RawInstanceNetworkInterface;

/**
 * Where the ENI is (its record's SubnetId and VpcId, or what
 * redundant-fields.ts filled in), and what the surrounding instance knows
 * when the ENI came from DescribeInstances.
 */
export interface EniContext {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly instanceId?: string | undefined;
  readonly availabilityZone?: string | undefined;
}

function privateAddressesOf(raw: RawNetworkInterface): PrivateAddress[] {
  const listed = raw.PrivateIpAddresses ?? [];
  const addresses: PrivateAddress[] = listed.map((address) => ({
    ip: parseIpv4(address.PrivateIpAddress)!,
    primary: address.Primary ?? address.PrivateIpAddress === raw.PrivateIpAddress,
    publicIp: address.Association?.PublicIp ? parseIpv4(address.Association.PublicIp) : undefined,
  }));
  if (addresses.length === 0 && raw.PrivateIpAddress) {
    const publicIp = raw.Association?.PublicIp ? parseIpv4(raw.Association.PublicIp) : undefined;
    addresses.push({ ip: parseIpv4(raw.PrivateIpAddress)!, primary: true, publicIp });
  }
  if (addresses.length > 0 && !addresses.some((address) => address.primary)) {
    addresses[0] = { ip: addresses[0]!.ip, primary: true, publicIp: addresses[0]!.publicIp };
  }
  return addresses.sort((a, b) => Number(b.primary) - Number(a.primary));
}

/** The ENI's IPv6 addresses, the primary one (IsPrimaryIpv6) first. */
function ipv6AddressesOf(raw: RawNetworkInterface): bigint[] {
  const listed = [...(raw.Ipv6Addresses ?? [])].sort((a, b) => Number(b.IsPrimaryIpv6 ?? false) - Number(a.IsPrimaryIpv6 ?? false));
  const out: bigint[] = [];
  for (const address of listed) {
    const ip = parseIpv6(address.Ipv6Address)!;
    if (!out.includes(ip)) out.push(ip);
  }
  return out;
}

/** An IPv6-only ENI (no IPv4 address) has no `primaryPrivateIp`; one with no address of either family is skipped. */
export function networkInterfaceOf(
  raw: RawNetworkInterface,
  place: Placement,
  context: EniContext,
  notes: ImportNotes,
): NetworkInterface | undefined {
  const privateAddresses = privateAddressesOf(raw);
  const primary = privateAddresses[0];
  const ipv6Addresses = ipv6AddressesOf(raw);
  const ipv6Prefixes = (raw.Ipv6Prefixes ?? []).map((prefix) => parseCidr6(prefix.Ipv6Prefix)!);
  if (!primary && ipv6Addresses.length === 0 && ipv6Prefixes.length === 0) {
    notes.warnGrouped('network interfaces with neither an IPv4 nor an IPv6 address', raw.NetworkInterfaceId);
    return undefined;
  }
  const tags = tagsOf(raw.TagSet, raw.Tags);
  const topLevelPublic = raw.Association?.PublicIp ? parseIpv4(raw.Association.PublicIp) : undefined;
  return {
    account: place.account, region: place.region,
    id: raw.NetworkInterfaceId,
    vpcId: context.vpcId,
    subnetId: context.subnetId,
    availabilityZone: raw.AvailabilityZone ?? context.availabilityZone ?? '',
    status: raw.Status ?? 'in-use',
    interfaceType: raw.InterfaceType ?? 'interface',
    description: raw.Description || undefined,
    name: nameOf(tags),
    tags,
    privateAddresses,
    primaryPrivateIp: primary?.ip,
    // a public IPv4 address needs a private one to be associated with
    publicIp: primary ? (primary.publicIp ?? topLevelPublic) : undefined,
    ipv6Addresses,
    ipv6Prefixes,
    securityGroupIds: (raw.Groups ?? []).map((group) => group.GroupId),
    instanceId: raw.Attachment?.InstanceId ?? context.instanceId,
    instanceOwnerId: raw.Attachment?.InstanceOwnerId ?? raw.OwnerId ?? undefined,
    attachmentStatus: raw.Attachment?.Status ?? undefined,
    deviceIndex: raw.Attachment?.DeviceIndex ?? undefined,
    requesterManaged: raw.RequesterManaged ?? false,
    sourceDestCheck: raw.SourceDestCheck ?? true,
  };
}

/**
 * Elastic IPs (DescribeAddresses) fill in the public address of the private
 * address they are associated with when the ENI's own record lacks it.
 */
export function elasticIpsByInterface(addresses: readonly RawOf<'Addresses'>[]): Map<string, RawOf<'Addresses'>[]> {
  const out = new Map<string, RawOf<'Addresses'>[]>();
  for (const address of addresses) {
    if (!address.NetworkInterfaceId || !address.PublicIp) continue;
    const list = out.get(address.NetworkInterfaceId);
    if (list) list.push(address);
    else out.set(address.NetworkInterfaceId, [address]);
  }
  return out;
}

export function withElasticIps(eni: NetworkInterface, addresses: readonly RawOf<'Addresses'>[] | undefined): NetworkInterface {
  if (!addresses) return eni;
  let changed = false;
  const privateAddresses = eni.privateAddresses.map((address) => {
    if (address.publicIp !== undefined) return address;
    const match = addresses.find((eip) => !eip.PrivateIpAddress || parseIpv4(eip.PrivateIpAddress) === address.ip);
    if (!match) return address;
    changed = true;
    return { ip: address.ip, primary: address.primary, publicIp: parseIpv4(match.PublicIp!) };
  });
  if (!changed) return eni;
  return { ...eni, privateAddresses, publicIp: eni.publicIp ?? privateAddresses[0]!.publicIp };
}
