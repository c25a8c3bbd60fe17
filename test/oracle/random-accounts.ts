/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON as AWS returns it */
// Random networks spread over an organization, for the differential run
// across accounts. It starts from the single-account generator's network
// (random-network.ts) and deals it out the way AWS does when several accounts
// share it:
//
// - each VPC, with everything in it, belongs to one of three accounts;
// - the transit gateway belongs to the network account N and is shared
//   (RAM) with the workload accounts: they see the gateway and their own VPC
//   attachments, only N holds its route tables, routes and propagations, and
//   N sees every attachment (without its subnets);
// - a peering between two accounts is listed by both, each side naming its owner;
// - a subnet is sometimes shared (VPC sharing): a participant's instances sit
//   in it behind the participant's own security groups; the owner lists the
//   participant's interfaces, the participant lists the owner's VPC and subnet;
// - group references name their group's account (UserId), across a peering
//   (VpcPeeringConnectionId) and across the transit gateway, whose
//   SecurityGroupReferencingSupport is sometimes enabled;
// - sometimes one account is missing: its resources are gone and an
//   account-wide error (region "*", sts:AssumeRole) says why.
//
// Every copy of a resource that two accounts list is identical here, so which
// copy a reader keeps does not matter.
import type { OracleFlow } from './oracle.js';
import { randomNetwork, Rng, type NetworkFacts, type RandomNetwork } from './random-network.js';

export const NETWORK_ACCOUNT = '111111111111';
export const WORKLOAD_A = '222222222222';
export const WORKLOAD_B = '333333333333';
const ACCOUNTS = [NETWORK_ACCOUNT, WORKLOAD_A, WORKLOAD_B];
const BASE_ACCOUNT = '111122223333';
const REGION = 'us-east-1';

export interface AccountsNetwork extends RandomNetwork {
  /** the account left out of the snapshot (its AssumeRole failed), if any */
  missing: string | undefined;
  /** account of each VPC */
  vpcOwners: Map<string, string>;
  /** the account of each host (instance id), the participant's for a host in a shared subnet */
  hostAccounts: Map<string, string>;
  /** interfaces of the missing account that a present account still lists (a participant's, in a shared subnet) */
  unseenOwnerEnis: string[];
  /** private addresses of the missing account's hosts */
  goneAddresses: string[];
}

type Region = Record<string, any[]>;

const KEYS_BY_VPC = ['Subnets', 'RouteTables', 'NetworkAcls', 'SecurityGroups', 'NatGateways', 'VpcEndpoints'];

export function randomAccountsNetwork(seed: number): AccountsNetwork {
  const base = randomNetwork(seed);
  const rng = new Rng(seed * 15485863 + 11);
  const source: Region = base.snapshot.accounts[BASE_ACCOUNT][REGION];
  const regions = new Map<string, Region>(ACCOUNTS.map((a) => [a, {}]));
  const put = (account: string, key: string, item: any) => {
    const region = regions.get(account)!;
    (region[key] ??= []).push(item);
  };

  // ---------------------------------------------------------------- who owns each VPC
  const vpcOwners = new Map<string, string>();
  const offset = rng.int(0, 2);
  source.Vpcs!.forEach((vpc, i) => vpcOwners.set(vpc.VpcId, ACCOUNTS[(i + offset) % ACCOUNTS.length]!));
  const ownerOfVpc = (vpcId: string): string => vpcOwners.get(vpcId) ?? NETWORK_ACCOUNT;
  for (const vpc of source.Vpcs!) put(ownerOfVpc(vpc.VpcId), 'Vpcs', { ...vpc, OwnerId: ownerOfVpc(vpc.VpcId) });
  for (const key of KEYS_BY_VPC) {
    for (const item of source[key] ?? []) put(ownerOfVpc(item.VpcId), key, withOwner(item, ownerOfVpc(item.VpcId)));
  }
  const groupOwner = new Map<string, string>((source.SecurityGroups ?? []).map((g) => [g.GroupId, ownerOfVpc(g.VpcId)]));

  // ---------------------------------------------------------------- shared subnets: some hosts are a participant's
  const participants = new Map<string, string>(); // ENI id -> participant account
  const instanceOfEni = new Map<string, string>();
  for (const r of source.Reservations ?? []) for (const i of r.Instances ?? []) for (const n of i.NetworkInterfaces ?? []) instanceOfEni.set(n.NetworkInterfaceId, i.InstanceId);
  const hostSubnets = (source.Subnets ?? []).filter((s) => (source.NetworkInterfaces ?? []).some((e) => e.SubnetId === s.SubnetId && instanceOfEni.has(e.NetworkInterfaceId)));
  const sharedSubnets = rng.subset(hostSubnets, 0.3).slice(0, 2);
  const clones = new Map<string, string>(); // owner's group id + participant -> the participant's copy
  for (const subnet of sharedSubnets) {
    const owner = ownerOfVpc(subnet.VpcId);
    const participant = rng.pick(ACCOUNTS.filter((a) => a !== owner));
    const enis = (source.NetworkInterfaces ?? []).filter((e) => e.SubnetId === subnet.SubnetId && instanceOfEni.has(e.NetworkInterfaceId));
    const moved = enis.filter((_, k) => k === 0 || rng.chance(0.5));
    for (const eni of moved) participants.set(eni.NetworkInterfaceId, participant);
    // the participant sees the owner's VPC and the shared subnet, as the owner describes them
    put(participant, 'Vpcs', { ...source.Vpcs!.find((v) => v.VpcId === subnet.VpcId), OwnerId: owner });
    put(participant, 'Subnets', withOwner(subnet, owner));
    // the participant's interfaces carry the participant's own groups: copies of the owner's, owned by the participant
    for (const eni of moved) {
      for (const ref of eni.Groups ?? []) {
        const key = `${ref.GroupId}/${participant}`;
        if (clones.has(key)) continue;
        const original = source.SecurityGroups!.find((g) => g.GroupId === ref.GroupId);
        const cloneId = `${ref.GroupId}${participant.slice(0, 3)}`;
        clones.set(key, cloneId);
        groupOwner.set(cloneId, participant);
        put(participant, 'SecurityGroups', { ...structuredClone(original), GroupId: cloneId, GroupName: `${original.GroupName}-shared`, OwnerId: participant });
      }
    }
  }
  const groupsOf = (eniId: string, groups: any[]) => {
    const participant = participants.get(eniId);
    return participant ? groups.map((g) => ({ ...g, GroupId: clones.get(`${g.GroupId}/${participant}`) ?? g.GroupId })) : groups;
  };
  const eniOwner = (eni: any) => participants.get(eni.NetworkInterfaceId) ?? ownerOfVpc(eni.VpcId);
  for (const eni of source.NetworkInterfaces ?? []) {
    const copy = { ...withOwner(eni, eniOwner(eni)), Groups: groupsOf(eni.NetworkInterfaceId, eni.Groups ?? []) };
    if (copy.Attachment?.InstanceOwnerId === BASE_ACCOUNT) copy.Attachment = { ...copy.Attachment, InstanceOwnerId: eniOwner(eni) };
    put(eniOwner(eni), 'NetworkInterfaces', copy);
    // the owner of a shared subnet lists the participants' interfaces in it too
    if (participants.has(eni.NetworkInterfaceId)) put(ownerOfVpc(eni.VpcId), 'NetworkInterfaces', copy);
  }
  for (const r of source.Reservations ?? []) {
    const instance = r.Instances[0];
    const eniId = instance.NetworkInterfaces?.[0]?.NetworkInterfaceId;
    const owner = participants.get(eniId) ?? ownerOfVpc(instance.VpcId);
    const copyInstance = {
      ...instance,
      SecurityGroups: groupsOf(eniId, instance.SecurityGroups ?? []),
      NetworkInterfaces: (instance.NetworkInterfaces ?? []).map((n: any) => ({ ...withOwner(n, owner), Groups: groupsOf(n.NetworkInterfaceId, n.Groups ?? []) })),
    };
    put(owner, 'Reservations', { ...r, OwnerId: owner, Instances: [copyInstance] });
  }

  // ---------------------------------------------------------------- group references name their group's account
  const peeringOf = new Map<string, any>((source.VpcPeeringConnections ?? []).map((p) => [p.VpcPeeringConnectionId, p]));
  for (const region of regions.values()) {
    for (const group of region.SecurityGroups ?? []) {
      for (const permission of [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])]) {
        for (const pair of permission.UserIdGroupPairs ?? []) pair.UserId = groupOwner.get(pair.GroupId) ?? pair.UserId;
      }
    }
  }

  // ---------------------------------------------------------------- gateways that follow their VPC
  for (const igw of source.InternetGateways ?? []) {
    const vpcId = igw.Attachments?.[0]?.VpcId;
    put(vpcId ? ownerOfVpc(vpcId) : NETWORK_ACCOUNT, 'InternetGateways', withOwner(igw, vpcId ? ownerOfVpc(vpcId) : NETWORK_ACCOUNT));
  }
  const vgwOwner = new Map<string, string>();
  for (const vgw of source.VpnGateways ?? []) {
    const owner = ownerOfVpc(vgw.VpcAttachments?.[0]?.VpcId);
    vgwOwner.set(vgw.VpnGatewayId, owner);
    put(owner, 'VpnGateways', vgw);
  }
  for (const vpn of source.VpnConnections ?? []) put(vgwOwner.get(vpn.VpnGatewayId) ?? NETWORK_ACCOUNT, 'VpnConnections', vpn);
  // prefix lists: shared with the whole organization (RAM), so every account lists them
  for (const account of ACCOUNTS) {
    for (const pl of source.ManagedPrefixLists ?? []) put(account, 'ManagedPrefixLists', { ...pl, OwnerId: NETWORK_ACCOUNT });
    for (const pl of source.PrefixLists ?? []) put(account, 'PrefixLists', pl);
  }

  // ---------------------------------------------------------------- peerings: listed by both sides
  for (const pcx of peeringOf.values()) {
    const sideAccount = (side: any) => (vpcOwners.has(side.VpcId) ? ownerOfVpc(side.VpcId) : side.OwnerId);
    const copy = {
      ...pcx,
      RequesterVpcInfo: { ...pcx.RequesterVpcInfo, OwnerId: sideAccount(pcx.RequesterVpcInfo) },
      AccepterVpcInfo: { ...pcx.AccepterVpcInfo, OwnerId: sideAccount(pcx.AccepterVpcInfo) },
    };
    const listers = new Set([copy.RequesterVpcInfo.OwnerId, copy.AccepterVpcInfo.OwnerId].filter((a) => ACCOUNTS.includes(a)));
    for (const account of listers) put(account, 'VpcPeeringConnections', copy);
  }

  // ---------------------------------------------------------------- the transit gateway of the network account, shared
  const referencing = rng.chance(0.6) ? 'enable' : rng.chance(0.5) ? 'disable' : undefined;
  const attachmentOwners = new Set<string>();
  for (const a of source.TransitGatewayAttachments ?? []) {
    const owner = ownerOfVpc(a.ResourceId);
    attachmentOwners.add(owner);
    const copy = { ...a, TransitGatewayOwnerId: NETWORK_ACCOUNT, ResourceOwnerId: owner };
    put(NETWORK_ACCOUNT, 'TransitGatewayAttachments', copy);
    if (owner !== NETWORK_ACCOUNT) put(owner, 'TransitGatewayAttachments', copy);
  }
  for (const a of source.TransitGatewayVpcAttachments ?? []) {
    const owner = ownerOfVpc(a.VpcId);
    const option = rng.chance(0.8) ? {} : { SecurityGroupReferencingSupport: rng.pick(['enable', 'disable']) };
    put(owner, 'TransitGatewayVpcAttachments', { ...a, VpcOwnerId: owner, Options: { ...a.Options, ...option } });
  }
  for (const tgw of source.TransitGateways ?? []) {
    const copy = { ...tgw, OwnerId: NETWORK_ACCOUNT, Options: { ...tgw.Options, ...(referencing ? { SecurityGroupReferencingSupport: referencing } : {}) } };
    for (const account of new Set([NETWORK_ACCOUNT, ...attachmentOwners])) put(account, 'TransitGateways', copy);
  }
  for (const key of ['TransitGatewayRouteTables', 'TransitGatewayStaticRoutes', 'TransitGatewayPropagations']) {
    for (const item of source[key] ?? []) put(NETWORK_ACCOUNT, key, item);
  }
  addReferencesAcrossTheTransitGateway(rng, source, regions, ownerOfVpc);

  // ---------------------------------------------------------------- sometimes one account could not be entered
  const missing = rng.chance(0.45) ? rng.pick(ACCOUNTS) : undefined;
  const errors: any[] = [];
  if (missing) {
    regions.delete(missing);
    errors.push({ account: missing, region: '*', api: 'sts:AssumeRole', code: 'AccessDenied', message: `User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${missing}:role/OrganizationAccountAccessRole` });
  }
  const accounts: Record<string, any> = {};
  for (const [account, region] of regions) accounts[account] = { [REGION]: region };
  // every account's copy its own object, as when read from a file
  const snapshot = JSON.parse(JSON.stringify({ ...base.snapshot, source: { kind: 'import' }, accounts, errors }));

  const hostAccounts = new Map<string, string>();
  for (const h of base.facts.hosts) hostAccounts.set(h.instanceId, participants.get(h.eniId) ?? ownerOfVpc(h.vpcId));
  const gone = base.facts.hosts.filter((h) => missing !== undefined && hostAccounts.get(h.instanceId) === missing);
  const listed = new Set([...regions.values()].flatMap((r) => (r.NetworkInterfaces ?? []).map((e) => e.NetworkInterfaceId as string)));
  return {
    seed,
    snapshot,
    facts: factsWithout(base.facts, missing, hostAccounts, ownerOfVpc, source),
    missing,
    vpcOwners,
    hostAccounts,
    unseenOwnerEnis: gone.filter((h) => listed.has(h.eniId)).map((h) => h.eniId),
    goneAddresses: gone.map((h) => h.privateIp),
  };
}

function withOwner(item: any, owner: string): any {
  return 'OwnerId' in item ? { ...item, OwnerId: owner } : item;
}

/**
 * Inbound rules that reference a group of a VPC reachable only through the
 * transit gateway (no peering between the two): they match only when the
 * gateway and both attachments enable security group referencing. And an
 * outbound one, which never matches across a transit gateway.
 */
function addReferencesAcrossTheTransitGateway(rng: Rng, source: Region, regions: Map<string, Region>, ownerOfVpc: (id: string) => string): void {
  const attachedVpcs = (source.TransitGatewayVpcAttachments ?? []).map((a) => a.VpcId as string);
  const peered = (a: string, b: string) =>
    (source.VpcPeeringConnections ?? []).some((p) => (p.RequesterVpcInfo.VpcId === a && p.AccepterVpcInfo.VpcId === b) || (p.RequesterVpcInfo.VpcId === b && p.AccepterVpcInfo.VpcId === a));
  const groupsOfVpc = (vpcId: string) => (source.SecurityGroups ?? []).filter((g) => g.VpcId === vpcId).map((g) => g.GroupId as string);
  const findGroup = (id: string) => regions.get(ownerOfVpc((source.SecurityGroups ?? []).find((g) => g.GroupId === id).VpcId))!.SecurityGroups!.find((g) => g.GroupId === id);
  for (const a of attachedVpcs) {
    for (const b of attachedVpcs) {
      if (a === b || peered(a, b) || !rng.chance(0.6)) continue;
      const [webA, appA] = groupsOfVpc(a);
      const [webB, appB, dbB] = groupsOfVpc(b);
      // db of B lets in the app tier of A on 5432, app of B lets A's web tier in on 8080
      findGroup(dbB!).IpPermissions.push({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: appA, UserId: ownerOfVpc(a), VpcId: a }] });
      findGroup(appB!).IpPermissions.push({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: webA, UserId: ownerOfVpc(a) }] });
      // an outbound rule of A's web tier naming B's web tier: never a match across a transit gateway;
      // sometimes the tier's only way out on 8443 (when B's account is missing, what it names is unknown)
      const toWebB = { IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, UserIdGroupPairs: [{ GroupId: webB, UserId: ownerOfVpc(b) }] };
      if (rng.chance(0.3)) findGroup(webA!).IpPermissionsEgress = [toWebB, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
      else if (rng.chance(0.5)) findGroup(webA!).IpPermissionsEgress.unshift(toWebB);
    }
  }
}

/** The flow generator's facts without what the missing account held; its addresses become places to ask for. */
function factsWithout(facts: NetworkFacts, missing: string | undefined, hostAccounts: Map<string, string>, ownerOfVpc: (id: string) => string, source: Region): NetworkFacts {
  if (!missing) return facts;
  const gone = facts.hosts.filter((h) => hostAccounts.get(h.instanceId) === missing);
  const goneEnis = new Set(gone.map((h) => h.eniId));
  const goneIps = new Set(gone.map((h) => h.privateIp));
  const gonePublic = new Set(gone.flatMap((h) => (h.publicIp ? [h.publicIp] : [])));
  const goneNats = new Set((source.NatGateways ?? []).filter((n) => ownerOfVpc(n.VpcId) === missing).map((n) => n.NatGatewayId as string));
  const goneNatIps = new Set((source.NatGateways ?? []).filter((n) => goneNats.has(n.NatGatewayId)).flatMap((n) => (n.NatGatewayAddresses ?? []).map((a: any) => a.PublicIp as string)));
  const detachedGone = (source.NetworkInterfaces ?? []).filter((e) => e.Status === 'available' && ownerOfVpc(e.VpcId) === missing).map((e) => e.NetworkInterfaceId as string);
  return {
    ...facts,
    hosts: facts.hosts.filter((h) => !goneEnis.has(h.eniId)),
    instanceIds: facts.instanceIds.filter((i) => !gone.some((h) => h.instanceId === i)),
    eniIds: facts.eniIds.filter((e) => !goneEnis.has(e) && !detachedGone.includes(e)),
    privateIps: facts.privateIps.filter((ip) => !goneIps.has(ip)),
    publicIps: facts.publicIps.filter((ip) => !gonePublic.has(ip)),
    natIds: facts.natIds.filter((n) => !goneNats.has(n)),
    natPublicIps: facts.natPublicIps.filter((ip) => !goneNatIps.has(ip)),
    // a private address of the missing account is still a question: what lies there is unknown
    unheldElsewhere: [...facts.unheldElsewhere, ...gone.map((h) => h.privateIp)],
  };
}

// ---------------------------------------------------------------- flows across accounts

/**
 * A question whose two ends are in different accounts where it can be: from
 * a host of one account to a host of another (by instance, ENI or address),
 * to an address of the missing account, or to an interface the missing
 * account owns that a present account lists. Ports follow the group tiers
 * (web 80/443, app 8080 from web, db 5432 from app, 22) and the outbound
 * reference on 8443.
 */
export function crossAccountFlow(rng: Rng, network: AccountsNetwork): OracleFlow {
  const hosts = network.facts.hosts;
  const a = rng.pick(hosts);
  const home = network.hostAccounts.get(a.instanceId);
  const abroad = hosts.filter((h) => network.hostAccounts.get(h.instanceId) !== home);
  const roll = rng.next();
  let to: string;
  let ports = [22, 443, 8080, 8080, 5432, 5432, 8443, 80];
  if (roll < 0.15 && network.goneAddresses.length > 0) {
    to = rng.pick(network.goneAddresses);
    ports = [8443, 8443, 5432, 22];
  }
  else if (roll < 0.25 && network.unseenOwnerEnis.length > 0) to = rng.pick(network.unseenOwnerEnis);
  else {
    const pool = abroad.length > 0 ? abroad : hosts.filter((h) => h !== a);
    const b = pool.length > 0 ? rng.pick(pool) : undefined;
    if (!b) to = rng.pick(network.facts.unheldPrivate);
    else to = rng.chance(0.6) ? b.instanceId : rng.chance(0.5) ? b.eniId : b.privateIp;
  }
  const from = rng.chance(0.8) ? a.instanceId : a.eniId;
  const protocolRoll = rng.next();
  if (protocolRoll < 0.8) return { from, to, protocol: 'tcp', port: rng.pick(ports) };
  if (protocolRoll < 0.9) return { from, to, protocol: 'udp', port: 53 };
  return { from, to, protocol: 'icmp' };
}
