/* eslint-disable @typescript-eslint/no-explicit-any -- the oracle reads describe JSON as it comes, without our schemas */
// The oracle's view of a reachmap-snapshot/1 object: every describe list of
// every account and region concatenated into one plain array. No maps, no
// indexes: every question below is a linear scan, so that it is obviously right.
import { cidrContains } from './ip.js';
import { keepOneCopy } from './oracle-accounts.js';

export type Raw = any;

export class RawView {
  readonly vpcs: Raw[] = [];
  readonly subnets: Raw[] = [];
  readonly routeTables: Raw[] = [];
  readonly networkAcls: Raw[] = [];
  readonly securityGroups: Raw[] = [];
  readonly networkInterfaces: Raw[] = [];
  readonly instances: Raw[] = [];
  readonly internetGateways: Raw[] = [];
  readonly egressOnlyInternetGateways: Raw[] = [];
  readonly natGateways: Raw[] = [];
  readonly peerings: Raw[] = [];
  readonly transitGateways: Raw[] = [];
  readonly tgwAttachments: Raw[] = [];
  readonly tgwVpcAttachments: Raw[] = [];
  readonly tgwRouteTables: Raw[] = [];
  readonly tgwStaticRoutes: Raw[] = [];
  readonly tgwPropagations: Raw[] = [];
  readonly vpnGateways: Raw[] = [];
  readonly vpnConnections: Raw[] = [];
  readonly vpcEndpoints: Raw[] = [];
  readonly prefixLists: Raw[] = [];
  /** the snapshot's accounts and its `errors` (oracle-accounts.ts) */
  readonly accountIds: string[];
  readonly errors: Raw[];

  constructor(snapshot: Raw) {
    this.accountIds = Object.keys(snapshot.accounts ?? {});
    this.errors = Array.isArray(snapshot.errors) ? snapshot.errors : [];
    for (const [account, regions] of Object.entries<Raw>(snapshot.accounts ?? {})) {
      for (const region of Object.values<Raw>(regions)) {
        const list = (key: string): Raw[] => (Array.isArray(region[key]) ? region[key] : []);
        keepOneCopy(this.vpcs, list('Vpcs'), 'VpcId', account);
        keepOneCopy(this.subnets, list('Subnets'), 'SubnetId', account);
        this.routeTables.push(...list('RouteTables'));
        this.networkAcls.push(...list('NetworkAcls'));
        this.securityGroups.push(...list('SecurityGroups'));
        keepOneCopy(this.networkInterfaces, list('NetworkInterfaces'), 'NetworkInterfaceId', account);
        for (const reservation of list('Reservations')) this.instances.push(...(reservation.Instances ?? []));
        this.internetGateways.push(...list('InternetGateways'));
        this.egressOnlyInternetGateways.push(...list('EgressOnlyInternetGateways'));
        this.natGateways.push(...list('NatGateways'));
        keepOneCopy(this.peerings, list('VpcPeeringConnections'), 'VpcPeeringConnectionId', account);
        keepOneCopy(this.transitGateways, list('TransitGateways'), 'TransitGatewayId', account);
        keepOneCopy(this.tgwAttachments, list('TransitGatewayAttachments'), 'TransitGatewayAttachmentId', account);
        keepOneCopy(this.tgwVpcAttachments, list('TransitGatewayVpcAttachments'), 'TransitGatewayAttachmentId', account);
        this.tgwRouteTables.push(...list('TransitGatewayRouteTables'));
        this.tgwStaticRoutes.push(...list('TransitGatewayStaticRoutes'));
        this.tgwPropagations.push(...list('TransitGatewayPropagations'));
        this.vpnGateways.push(...list('VpnGateways'));
        this.vpnConnections.push(...list('VpnConnections'));
        this.vpcEndpoints.push(...list('VpcEndpoints'));
        for (const pl of list('ManagedPrefixLists')) {
          this.prefixLists.push({ id: pl.PrefixListId, cidrs: (pl.Entries ?? []).map((e: Raw) => e.Cidr) });
        }
        for (const pl of list('PrefixLists')) this.prefixLists.push({ id: pl.PrefixListId, cidrs: pl.Cidrs ?? [] });
      }
    }
  }

  vpc(id: string): Raw | undefined {
    return this.vpcs.find((v) => v.VpcId === id);
  }

  vpcCidrs(vpc: Raw): string[] {
    const blocks = (vpc.CidrBlockAssociationSet ?? [])
      .filter((a: Raw) => (a.CidrBlockState?.State ?? 'associated') === 'associated')
      .map((a: Raw) => a.CidrBlock as string);
    if (blocks.length === 0 && vpc.CidrBlock) blocks.push(vpc.CidrBlock);
    return blocks;
  }

  vpcContaining(address: number): Raw | undefined {
    return this.vpcs.find((v) => this.vpcCidrs(v).some((c) => cidrContains(c, address)));
  }

  subnet(id: string): Raw | undefined {
    return this.subnets.find((s) => s.SubnetId === id);
  }

  subnetOfVpcContaining(vpcId: string, address: number): Raw | undefined {
    return this.subnets.find((s) => s.VpcId === vpcId && cidrContains(s.CidrBlock, address));
  }

  eni(id: string): Raw | undefined {
    return this.networkInterfaces.find((e) => e.NetworkInterfaceId === id);
  }

  privateIps(eni: Raw): string[] {
    const list = (eni.PrivateIpAddresses ?? []).map((p: Raw) => p.PrivateIpAddress as string);
    if (list.length === 0 && eni.PrivateIpAddress) list.push(eni.PrivateIpAddress);
    return list;
  }

  /** The public IPs of an ENI, each with the private address it is associated with. */
  publicIps(eni: Raw): { publicIp: string; privateIp: string }[] {
    const found: { publicIp: string; privateIp: string }[] = [];
    for (const p of eni.PrivateIpAddresses ?? []) {
      if (p.Association?.PublicIp) found.push({ publicIp: p.Association.PublicIp, privateIp: p.PrivateIpAddress });
    }
    if (found.length === 0 && eni.Association?.PublicIp) found.push({ publicIp: eni.Association.PublicIp, privateIp: eni.PrivateIpAddress });
    return found;
  }

  /** the ENIs holding this private address, in a given VPC */
  eniWithPrivateIp(vpcId: string, address: string): Raw | undefined {
    return this.networkInterfaces.find((e) => e.VpcId === vpcId && this.privateIps(e).includes(address));
  }

  enisWithPrivateIpAnywhere(address: string): Raw[] {
    return this.networkInterfaces.filter((e) => this.privateIps(e).includes(address));
  }

  eniWithPublicIp(address: string): Raw | undefined {
    return this.networkInterfaces.find((e) => this.publicIps(e).some((p) => p.publicIp === address));
  }

  instance(id: string): Raw | undefined {
    return this.instances.find((i) => i.InstanceId === id);
  }

  /** The NAT gateway an ENI belongs to, if it is a NAT gateway's interface. */
  natOfEni(eniId: string): Raw | undefined {
    return this.natGateways.find((n) => (n.NatGatewayAddresses ?? []).some((a: Raw) => a.NetworkInterfaceId === eniId));
  }

  natGateway(id: string): Raw | undefined {
    return this.natGateways.find((n) => n.NatGatewayId === id);
  }

  internetGateway(id: string): Raw | undefined {
    return this.internetGateways.find((g) => g.InternetGatewayId === id);
  }

  /** the internet gateway attached to a VPC (attachment state available/attached) */
  internetGatewayOfVpc(vpcId: string): Raw | undefined {
    return this.internetGateways.find((g) =>
      (g.Attachments ?? []).some((a: Raw) => a.VpcId === vpcId && (a.State === 'available' || a.State === 'attached')),
    );
  }

  peering(id: string): Raw | undefined {
    return this.peerings.find((p) => p.VpcPeeringConnectionId === id);
  }

  activePeeringBetween(vpcA: string, vpcB: string): Raw | undefined {
    return this.peerings.find(
      (p) =>
        p.Status?.Code === 'active' &&
        ((p.RequesterVpcInfo?.VpcId === vpcA && p.AccepterVpcInfo?.VpcId === vpcB) ||
          (p.RequesterVpcInfo?.VpcId === vpcB && p.AccepterVpcInfo?.VpcId === vpcA)),
    );
  }

  transitGateway(id: string): Raw | undefined {
    return this.transitGateways.find((t) => t.TransitGatewayId === id);
  }

  tgwAttachment(id: string): Raw | undefined {
    return this.tgwAttachments.find((a) => a.TransitGatewayAttachmentId === id);
  }

  tgwVpcAttachmentSubnets(attachmentId: string): string[] {
    return this.tgwVpcAttachments.find((a) => a.TransitGatewayAttachmentId === attachmentId)?.SubnetIds ?? [];
  }

  vpnGateway(id: string): Raw | undefined {
    return this.vpnGateways.find((g) => g.VpnGatewayId === id);
  }

  prefixListCidrs(id: string): string[] | undefined {
    return this.prefixLists.find((p) => p.id === id)?.cidrs;
  }
}
