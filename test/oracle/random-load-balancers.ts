/* eslint-disable @typescript-eslint/no-explicit-any -- describe JSON as AWS returns it */
// Random ALBs and NLBs added to a random network of random-network.ts, as
// raw ELBv2 describe JSON, with their own dice (the network stays what it
// was), and random flows toward them. Biased toward what real load balancers
// look like (internet-facing ones in public subnets, target groups of the
// VPC's instances, security groups that admit the load balancer's group),
// with the usual faults sprinkled in: a listener on another port, a default
// action that answers itself, a target group with no targets or none read,
// unhealthy, draining and unused targets, targets in a zone without a node,
// cross-zone off, client IP preservation on and off, a target security group
// that does not admit the load balancer, a stopped target, a load balancer
// that is not active. A dual-stack network (random-ipv6.ts) gets dual-stack
// load balancers too (IpAddressType dualstack, or for an ALB
// dualstack-without-public-ipv4, node interfaces with IPv6 addresses,
// security groups admitting ::/0 or not), now and then one whose nodes show
// no IPv6 address, an ipv6 target group, and IPv6 clients.
import type { LoadBalancerFlow } from './oracle-load-balancers.js';
import { randomNetwork, Rng, type RandomNetwork } from './random-network.js';
import { addIpv6, type Ipv6Facts } from './random-ipv6.js';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

export interface BalancerFacts {
  name: string;
  /** the ids its target groups register (instance ids, addresses, ARNs) */
  targetIds: string[];
  arn: string;
  dnsName: string;
  type: 'application' | 'network' | 'gateway';
  nodeEnis: string[];
  nodePrivateIps: string[];
  nodePublicIps: string[];
  /** listener ports and protocols */
  listeners: { port: number; protocol: string }[];
  /** its nodes' IPv6 addresses (a dual-stack one) */
  nodeIpv6s: string[];
  /** its IpAddressType */
  ipAddressType: string;
}

export interface LoadBalancedNetwork extends RandomNetwork {
  balancers: BalancerFacts[];
  /** the IPv6 side of a dual-stack network; undefined for an IPv4 one */
  ipv6: Ipv6Facts | undefined;
}

interface SubnetFacts {
  id: string;
  vpcId: string;
  az: string;
  cidr: string;
  base: string;
  isPublic: boolean;
}

/** A random network of random-network.ts with one to three load balancers added; `dualStack`: the network made dual-stack first. */
export function randomLoadBalancedNetwork(seed: number, dualStack = false): LoadBalancedNetwork {
  const network = randomNetwork(seed);
  const ipv6 = dualStack ? addIpv6(network) : undefined;
  const region = network.snapshot.accounts[ACCOUNT][REGION];
  const rng = new Rng(seed * 15485863 + 11);
  // the dual-stack dice are their own, so that an IPv4 network stays what it was
  const rng6 = new Rng(seed * 7919 + 13);
  let counter = 0;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const id = (prefix: string) => `${prefix}-${hex(seed % 65536, 4)}${hex(0xb0000 + counter++, 5)}`;
  for (const key of ['LoadBalancers', 'LoadBalancerListeners', 'LoadBalancerRules', 'LoadBalancerAttributes', 'TargetGroups', 'LoadBalancerTargetHealth', 'TargetGroupAttributes']) region[key] = [];

  const publicSubnets = new Set<string>();
  for (const table of region.RouteTables) {
    if (!table.Routes.some((r: any) => r.DestinationCidrBlock === '0.0.0.0/0' && String(r.GatewayId ?? '').startsWith('igw-'))) continue;
    for (const a of table.Associations) if (a.SubnetId) publicSubnets.add(a.SubnetId);
  }
  const subnets: SubnetFacts[] = region.Subnets.filter((s: any) => s.CidrBlock && !s.CidrBlock.endsWith('/28')).map((s: any) => ({
    id: s.SubnetId,
    vpcId: s.VpcId,
    az: s.AvailabilityZone,
    cidr: s.CidrBlock,
    base: s.CidrBlock.split('.').slice(0, 3).join('.'),
    isPublic: publicSubnets.has(s.SubnetId),
  }));
  const balancers: BalancerFacts[] = [];
  const count = rng.int(1, 3);
  const hostsOf = (vpcId: string) => network.facts.hosts.filter((h) => h.vpcId === vpcId);
  const vpcs: any[] = region.Vpcs.filter((v: any) => hostsOf(v.VpcId).length > 0);
  for (let n = 0; n < count && vpcs.length > 0; n++) {
    const vpc = rng.pick(vpcs);
    // a gateway load balancer now and then: not modelled, its answer is unknown
    const type: 'application' | 'network' | 'gateway' = rng.chance(0.05) ? 'gateway' : rng.chance(0.55) ? 'application' : 'network';
    const kind = { application: 'app', network: 'net', gateway: 'gwy' }[type];
    const name = `${{ application: 'alb', network: 'nlb', gateway: 'gwlb' }[type]}-${seed}-${n}`;
    const hash = `${hex(seed, 8)}${hex(n, 8)}`;
    const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${kind}/${name}/${hash}`;
    const own = subnets.filter((s) => s.vpcId === vpc.VpcId);
    const hasIgw = region.InternetGateways.some((g: any) => g.Attachments.some((a: any) => a.VpcId === vpc.VpcId));
    const internetFacing = hasIgw && rng.chance(0.7);
    // one subnet per zone, public ones for an internet-facing load balancer where there are
    const publicOnes = internetFacing && own.some((s) => s.isPublic) && rng.chance(0.85) ? own.filter((s) => s.isPublic) : own;
    // on a dual-stack network, mostly subnets with an IPv6 block (a dual-stack load balancer needs them)
    const withIpv6 = publicOnes.filter((x) => region.Subnets.find((y: any) => y.SubnetId === x.id)?.Ipv6CidrBlockAssociationSet?.length);
    const candidates = dualStack && withIpv6.length > 0 && rng6.chance(0.75) ? withIpv6 : publicOnes;
    const byZone = new Map<string, SubnetFacts>();
    for (const s of candidates) if (!byZone.has(s.az) || rng.chance(0.3)) byZone.set(s.az, s);
    let nodeSubnets = [...byZone.values()];
    if (nodeSubnets.length > 1 && rng.chance(0.3)) nodeSubnets = nodeSubnets.slice(0, nodeSubnets.length - 1);
    // dual-stack where every node subnet has an IPv6 block (AWS requires it); now and then one whose nodes show no IPv6 address
    const block64 = (subnetId: string): string | undefined => region.Subnets.find((x: any) => x.SubnetId === subnetId)?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock;
    const canDualStack = dualStack && type !== 'gateway' && nodeSubnets.every((x) => block64(x.id) !== undefined);
    const ipAddressType = canDualStack && rng6.chance(0.8) ? (type === 'application' && internetFacing && rng6.chance(0.25) ? 'dualstack-without-public-ipv4' : 'dualstack') : 'ipv4';
    const nodesWithoutIpv6 = ipAddressType !== 'ipv4' && rng6.chance(0.05);

    // ---------------------------------------------------------------- security groups
    const groups: string[] = [];
    const listenerPorts = type === 'application' ? rng.pick([[80, 443], [443], [80], [8080]]) : type === 'gateway' ? [6081] : rng.pick([[80], [443], [53], [80, 53], [5432]]);
    if (type === 'application' || (type === 'network' && rng.chance(0.4))) {
      const sg = id('sg');
      groups.push(sg);
      const ingress: any[] = [];
      for (const port of listenerPorts) {
        if (rng.chance(0.9)) ingress.push({ IpProtocol: port === 53 ? 'udp' : 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: rng.chance(0.8) ? '0.0.0.0/0' : '10.0.0.0/8' }] });
        if (ipAddressType !== 'ipv4' && rng6.chance(0.75)) ingress.push({ IpProtocol: port === 53 ? 'udp' : 'tcp', FromPort: port, ToPort: port, IpRanges: [], Ipv6Ranges: [{ CidrIpv6: rng6.chance(0.8) ? '::/0' : '2600:1f18::/32' }] });
      }
      if (rng.chance(0.2)) ingress.push({ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
      if (rng.chance(0.15)) ingress.push({ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      if (rng.chance(0.2)) ingress.push({ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      const egress = rng.chance(0.85) ? [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] : [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: vpc.CidrBlock }] }];
      region.SecurityGroups.push({ GroupId: sg, GroupName: `${name}-sg`, Description: `${name}`, VpcId: vpc.VpcId, OwnerId: ACCOUNT, IpPermissions: ingress, IpPermissionsEgress: egress, Tags: [] });
      // the usual fix, already applied to some of the VPC's groups: admit the load balancer's group
      for (const g of region.SecurityGroups.filter((x: any) => x.VpcId === vpc.VpcId && x.GroupId !== sg)) {
        if (!rng.chance(0.55)) continue;
        const port = rng.pick([80, 8080, 443]);
        g.IpPermissions.push({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: sg, UserId: ACCOUNT }] });
      }
    }

    // ---------------------------------------------------------------- nodes
    const facts: BalancerFacts = { name, targetIds: [], arn, dnsName: `${name}-${hash}.${REGION}.elb.amazonaws.com`, type, nodeEnis: [], nodePrivateIps: [], nodePublicIps: [], listeners: [], nodeIpv6s: [], ipAddressType };
    nodeSubnets.forEach((s, k) => {
      const eniId = id('eni');
      const privateIp = `${s.base}.${60 + n * 3 + k}`;
      // dualstack-without-public-ipv4: private IPv4 and IPv6 only
      const publicIp = internetFacing && ipAddressType !== 'dualstack-without-public-ipv4' ? `35.${(seed % 200) + 1}.${n}.${k + 1}` : undefined;
      const block = block64(s.id);
      // outside the hosts' ::1..::ff and their delegated prefixes
      const ipv6Address = ipAddressType !== 'ipv4' && !nodesWithoutIpv6 && block ? `${block.slice(0, block.indexOf('::'))}::${(0x600 + 60 + n * 3 + k).toString(16)}` : undefined;
      const association = publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: 'amazon-elb' } } : {};
      region.NetworkInterfaces.push({
        NetworkInterfaceId: eniId,
        SubnetId: s.id,
        VpcId: vpc.VpcId,
        AvailabilityZone: s.az,
        Status: 'in-use',
        InterfaceType: { application: 'interface', network: 'network_load_balancer', gateway: 'gateway_load_balancer' }[type],
        Description: `ELB ${kind}/${name}/${hash}`,
        OwnerId: ACCOUNT,
        RequesterManaged: true,
        SourceDestCheck: true,
        Groups: groups.map((g) => ({ GroupId: g, GroupName: `${name}-sg` })),
        PrivateIpAddress: privateIp,
        ...association,
        PrivateIpAddresses: [{ PrivateIpAddress: privateIp, Primary: true, ...association }],
        ...(ipv6Address ? { Ipv6Addresses: [{ Ipv6Address: ipv6Address, IsPrimaryIpv6: false }] } : {}),
        Attachment: { AttachmentId: id('ela-attach'), DeviceIndex: 1, Status: 'attached', InstanceOwnerId: 'amazon-elb' },
        TagSet: [],
      });
      facts.nodeEnis.push(eniId);
      facts.nodePrivateIps.push(privateIp);
      if (publicIp) facts.nodePublicIps.push(publicIp);
      if (ipv6Address) facts.nodeIpv6s.push(ipv6Address);
    });
    region.LoadBalancers.push({
      LoadBalancerArn: arn,
      LoadBalancerName: name,
      DNSName: facts.dnsName,
      Type: type,
      Scheme: internetFacing ? 'internet-facing' : 'internal',
      VpcId: vpc.VpcId,
      State: { Code: rng.chance(0.95) ? 'active' : rng.pick(['provisioning', 'failed']) },
      AvailabilityZones: nodeSubnets.map((s) => ({ ZoneName: s.az, SubnetId: s.id })),
      SecurityGroups: groups,
      IpAddressType: ipAddressType,
    });
    if (type === 'network' && rng.chance(0.75)) {
      region.LoadBalancerAttributes.push({ LoadBalancerArn: arn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: rng.chance(0.4) ? 'true' : 'false' }, { Key: 'deletion_protection.enabled', Value: 'false' }] });
    } else if (type === 'application') {
      region.LoadBalancerAttributes.push({ LoadBalancerArn: arn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }] });
    }

    // ---------------------------------------------------------------- target groups
    const tgProtocols = type === 'application' ? ['HTTP', 'HTTP', 'HTTPS'] : type === 'gateway' ? ['GENEVE'] : ['TCP', 'TCP', 'TLS', 'UDP', 'TCP_UDP'];
    const groupArns: string[] = [];
    const groupCount = rng.int(1, type === 'application' ? 3 : 2);
    for (let g = 0; g < groupCount; g++) {
      const tgName = `${name}-tg${g}`;
      const tgArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${tgName}/${hash}${g}`;
      groupArns.push(tgArn);
      const protocol = rng.pick(tgProtocols);
      const port = protocol === 'GENEVE' ? 6081 : protocol === 'UDP' || protocol === 'TCP_UDP' ? 53 : rng.pick([80, 8080, 8080, 443, 5432, 22]);
      // a Lambda function behind an ALB, an ALB behind an NLB: not followed (UNSUPPORTED_COMPONENT)
      const other = type === 'application' ? 'lambda' : type === 'network' ? 'alb' : 'instance';
      const targetType = rng.chance(0.08) ? other : rng.chance(0.7) ? 'instance' : 'ip';
      region.TargetGroups.push({
        TargetGroupArn: tgArn,
        TargetGroupName: tgName,
        Protocol: protocol,
        Port: port,
        VpcId: vpc.VpcId,
        TargetType: targetType,
        LoadBalancerArns: [arn],
        HealthCheckEnabled: true,
        HealthCheckProtocol: protocol.startsWith('HTTP') ? protocol : 'TCP',
        HealthCheckPort: rng.chance(0.2) ? String(rng.pick([8081, 80, 22])) : 'traffic-port',
        ...(protocol.startsWith('HTTP') ? { HealthCheckPath: '/health', Matcher: { HttpCode: '200' } } : {}),
        // an ipv6 target group now and then (not followed: unknown); absent means ipv4
        ...(dualStack ? (rng6.chance(0.06) ? { IpAddressType: 'ipv6' } : rng6.chance(0.7) ? { IpAddressType: 'ipv4' } : {}) : {}),
      });
      if (rng.chance(0.06)) continue; // no LoadBalancerTargetHealth for it: its targets are unknown
      if (targetType === 'lambda' || targetType === 'alb') {
        const id = targetType === 'lambda' ? `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${seed}-${n}-${g}` : `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/inner-${seed}/${hash}`;
        const health = rng.chance(0.7) ? { State: 'healthy' } : { State: 'unavailable', Reason: 'Target.HealthCheckDisabled' };
        region.LoadBalancerTargetHealth.push({ TargetGroupArn: tgArn, TargetHealthDescriptions: [{ Target: { Id: id, ...(targetType === 'alb' ? { Port: port } : {}) }, TargetHealth: health }] });
        continue;
      }
      const chosen = rng.chance(0.08) ? [] : rng.subset(hostsOf(vpc.VpcId), 0.45).slice(0, 4);
      const descriptions = chosen.map((h) => {
        const instance = region.Reservations.flatMap((r: any) => r.Instances).find((i: any) => i.InstanceId === h.instanceId);
        const stopped = instance.State.Name !== 'running';
        const roll = rng.next();
        const health = stopped && rng.chance(0.7)
          ? { State: 'unused', Reason: 'Target.InvalidState' }
          : roll < 0.55 ? { State: 'healthy' }
          : roll < 0.78 ? { State: 'unhealthy', Reason: rng.pick(['Target.Timeout', 'Target.FailedHealthChecks', 'Target.ResponseCodeMismatch']) }
          : roll < 0.84 ? { State: 'initial', Reason: 'Elb.InitialHealthChecking' }
          : roll < 0.9 ? { State: 'draining', Reason: 'Target.DeregistrationInProgress' }
          : roll < 0.95 ? { State: 'unavailable', Reason: 'Target.HealthCheckDisabled' }
          : { State: 'unused', Reason: 'Target.NotInUse' };
        const targetPort = rng.chance(0.15) ? rng.pick([80, 8080, 443]) : port;
        return { Target: { Id: targetType === 'instance' ? h.instanceId : h.privateIp, Port: targetPort }, HealthCheckPort: String(targetPort), TargetHealth: health };
      });
      region.LoadBalancerTargetHealth.push({ TargetGroupArn: tgArn, TargetHealthDescriptions: descriptions });
      facts.targetIds.push(...descriptions.map((d: any) => d.Target.Id as string));
      if (rng.chance(0.8)) {
        const attributes: any[] = [{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }];
        if (rng.chance(0.5)) attributes.push({ Key: 'load_balancing.cross_zone.enabled', Value: rng.pick(['true', 'false', 'use_load_balancer_configuration']) });
        if (type === 'network' && rng.chance(0.6)) attributes.push({ Key: 'preserve_client_ip.enabled', Value: rng.chance(0.5) ? 'true' : 'false' });
        region.TargetGroupAttributes.push({ TargetGroupArn: tgArn, Attributes: attributes });
      }
    }

    // ---------------------------------------------------------------- listeners and rules
    const forward = (): any[] => {
      if (rng.chance(0.06)) return [{ Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404' } }];
      if (rng.chance(0.04)) return [{ Type: 'forward', Order: 1, TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/gone/0000` }];
      if (groupArns.length > 1 && rng.chance(0.2)) {
        return [{ Type: 'forward', Order: 1, ForwardConfig: { TargetGroups: groupArns.map((arn, i) => ({ TargetGroupArn: arn, Weight: i === 0 ? 1 : rng.pick([0, 1, 5]) })) } }];
      }
      return [{ Type: 'forward', Order: 1, TargetGroupArn: rng.pick(groupArns) }];
    };
    const listeners: any[] = [];
    for (const port of listenerPorts) {
      const protocol = type === 'application' ? (port === 443 ? 'HTTPS' : 'HTTP') : type === 'gateway' ? 'GENEVE' : port === 53 ? rng.pick(['UDP', 'TCP_UDP']) : port === 443 && rng.chance(0.5) ? 'TLS' : 'TCP';
      const listenerArn = `${arn.replace(':loadbalancer/', ':listener/')}/${hex(port, 6)}`;
      // a gateway load balancer's listener has no port or protocol
      listeners.push({ ListenerArn: listenerArn, LoadBalancerArn: arn, ...(type === 'gateway' ? {} : { Port: port, Protocol: protocol }), DefaultActions: forward() });
      facts.listeners.push({ port, protocol });
      if (type === 'application' && rng.chance(0.8)) {
        const rules: any[] = [{ RuleArn: `${listenerArn}/default`, Priority: 'default', IsDefault: true, Conditions: [], Actions: listeners.at(-1).DefaultActions }];
        if (groupArns.length > 1 && rng.chance(0.6)) {
          rules.push({ RuleArn: `${listenerArn}/r10`, Priority: '10', IsDefault: false, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }], Actions: forward() });
        }
        if (rng.chance(0.2)) {
          rules.push({ RuleArn: `${listenerArn}/r5`, Priority: '5', IsDefault: false, Conditions: [{ Field: 'host-header', Values: ['admin.example.com'] }], Actions: [{ Type: 'authenticate-oidc', Order: 1 }, { Type: 'forward', Order: 2, TargetGroupArn: rng.pick(groupArns) }] });
        }
        if (rng.chance(0.35)) {
          // a rule only some clients take: the network decides it, on the address the load balancer sees
          const cidr = rng.pick(['10.0.0.0/8', '198.51.100.0/24', '203.0.113.0/24', '54.0.0.0/8', '10.1.0.0/16']);
          const ipv6Cidr = dualStack ? rng6.pick(['2001:db8::/32', '2001:db8:1::/48', '2600:1f18::/32']) : '2001:db8::/32';
          const condition = rng.chance(0.5) ? { Field: 'source-ip', SourceIpConfig: { Values: [cidr] } } : { Field: 'source-ip', Values: [cidr, ipv6Cidr] };
          rules.push({ RuleArn: `${listenerArn}/r3`, Priority: '3', IsDefault: false, Conditions: [condition], Actions: [{ Type: 'forward', Order: 1, TargetGroupArn: rng.pick(groupArns) }] });
        }
        if (rng.chance(0.2)) rules.push({ RuleArn: `${listenerArn}/r20`, Priority: '20', IsDefault: false, Conditions: [{ Field: 'path-pattern', Values: ['/old/*'] }], Actions: [{ Type: 'redirect', Order: 1 }] });
        region.LoadBalancerRules.push({ ListenerArn: listenerArn, Rules: rules });
      }
    }
    region.LoadBalancerListeners.push({ LoadBalancerArn: arn, Listeners: listeners });
    balancers.push(facts);
  }
  return { ...network, balancers, ipv6 };
}

/** A question toward a load balancer: from the internet or a machine, to its name, ARN, DNS name, or one node; on a dual-stack network often over IPv6. */
export function loadBalancerFlow(rng: Rng, network: LoadBalancedNetwork): LoadBalancerFlow {
  if (network.ipv6 && rng.chance(0.6)) return ipv6LoadBalancerFlow(rng, network, network.ipv6);
  const b = rng.pick(network.balancers);
  const hosts = network.facts.hosts;
  // mostly the clients each kind has: the internet for an internet-facing one, machines of its network for an internal one
  const internetClient = rng.chance(b.nodePublicIps.length > 0 ? 0.6 : 0.1);
  const from = internetClient ? (rng.chance(0.9) ? 'internet' : '203.0.113.9') : rng.chance(0.8) ? rng.pick(hosts).instanceId : rng.pick(hosts).privateIp;
  const toRoll = rng.next();
  const to =
    toRoll < 0.5 ? b.name
    : toRoll < 0.62 ? b.arn
    : toRoll < 0.74 ? (rng.chance(0.5) ? b.dnsName : b.dnsName.toUpperCase())
    : toRoll < 0.84 ? rng.pick(b.nodePrivateIps)
    : toRoll < 0.92 && b.nodePublicIps.length > 0 ? rng.pick(b.nodePublicIps)
    : rng.pick(b.nodeEnis);
  const protocolRoll = rng.next();
  if (protocolRoll < 0.04) return { from, to, protocol: 'icmp' };
  const listener = rng.pick(b.listeners);
  const onListener = rng.chance(0.8);
  const protocol = onListener ? (listener.protocol === 'UDP' || listener.protocol === 'GENEVE' ? 'udp' : listener.protocol === 'TCP_UDP' && rng.chance(0.5) ? 'udp' : 'tcp') : rng.chance(0.85) ? 'tcp' : 'udp';
  const port = onListener ? listener.port : rng.pick([22, 80, 443, 8080, 53, 5432]);
  const flow: LoadBalancerFlow = { from, to, protocol, port };
  if (rng.chance(0.1)) flow.sourcePort = rng.pick([1024, 32768, 40000, 60000]);
  // --target now and then: one of its targets, or a machine that is none of them (bad input)
  if (rng.chance(0.12)) flow.target = b.targetIds.length > 0 && rng.chance(0.85) ? rng.pick(b.targetIds) : rng.pick(hosts).instanceId;
  return flow;
}

/** An IPv6 client of a load balancer: the internet (2001:db8::1 or a literal) or a machine's IPv6 address, to the load balancer or one node's IPv6 address. */
function ipv6LoadBalancerFlow(rng: Rng, network: LoadBalancedNetwork, ipv6: Ipv6Facts): LoadBalancerFlow {
  // mostly the dual-stack ones: an ipv4 one answers ELBV2_IPV4_ONLY to any IPv6 client
  const dualStack = network.balancers.filter((x) => x.ipAddressType !== 'ipv4');
  const b = dualStack.length > 0 && rng.chance(0.8) ? rng.pick(dualStack) : rng.pick(network.balancers);
  const roll = rng.next();
  const host = ipv6.hosts.length > 0 ? rng.pick(ipv6.hosts) : undefined;
  const from = roll < 0.55 || !host ? rng.pick(['internet', 'internet', '2001:db8::9', '2001:db8:1::5', '2606:4700::1111']) : roll < 0.8 ? host.instanceId : host.ip;
  const to = b.nodeIpv6s.length > 0 && rng.chance(0.15) ? rng.pick(b.nodeIpv6s) : rng.chance(0.1) ? rng.pick(b.nodeEnis) : rng.chance(0.8) ? b.name : b.dnsName;
  const listener = rng.pick(b.listeners);
  const onListener = rng.chance(0.85);
  const protocol = onListener ? (listener.protocol === 'UDP' || listener.protocol === 'GENEVE' ? 'udp' : 'tcp') : 'tcp';
  const flow: LoadBalancerFlow = { from, to, protocol, port: onListener ? listener.port : rng.pick([22, 80, 443, 8080]), family: 'ipv6' };
  if (rng.chance(0.08)) flow.target = b.targetIds.length > 0 ? rng.pick(b.targetIds) : rng.pick(network.facts.hosts).instanceId;
  return flow;
}
