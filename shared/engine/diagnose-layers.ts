// The first three layers of the playbook, read straight from the model:
// state (the instance runs, the ENI is in use), addressing (subnet, public
// IP, internet gateway) and routing (the route to the internet, blackholes).
// On IPv6 (issue 17) the address is global: addressing asks for the ENI's
// IPv6 address instead of a public IP, routing for the IPv6 route (::/0 or a
// covering one) to the internet gateway; an egress-only gateway there lets
// the machine out and nothing from the internet in, by design.
import type { DiagnoseCheck, DiagnoseLayer } from './diagnose-types.js';
import type { ComponentKind, Fix } from './analysis-types.js';
import { formatIpv4, INTERNET_HOST_IP } from '../model/ipv4.js';
import { INTERNET_HOST_IPV6 } from '../model/ipv6.js';
import { formatIp, type Family, type Ip } from '../model/ip.js';
import type { NetworkInterface, NetworkModel, Route, RouteTable, Subnet, Vpc } from '../model/types.js';
import { blackholeFix, fixOf, noRouteFix, noRouteFix6, publicIpFix, startInstanceFix } from './fixes.js';
import { DEFAULT_SOURCE_PORT, TCP, type Packet4 } from './packet.js';
import { describeRoute, lookupRoute } from './routing.js';

export interface TargetPlace {
  readonly eni: NetworkInterface;
  readonly subnet: Subnet | undefined;
  readonly vpc: Vpc | undefined;
  readonly table: RouteTable | undefined;
  /** the family diagnosed (--family, a literal address, or the only family the ENI has) */
  readonly family: Family;
  /** the target's address of that family: its primary private IPv4, or its IPv6 address; undefined on IPv6 when it has none */
  readonly ip: Ip | undefined;
}

type Status = DiagnoseCheck['status'];

export function check(layer: DiagnoseLayer, id: string, title: string, status: Status, component: { id: string; kind: ComponentKind } | null, detail: string, fix: Fix | null = null): DiagnoseCheck {
  return { layer, id, title, status, component, detail, fix };
}

export function stateChecks(model: NetworkModel, eni: NetworkInterface): DiagnoseCheck[] {
  const checks: DiagnoseCheck[] = [];
  const component = { id: eni.id, kind: 'eni' as const };
  if (eni.instanceId !== undefined) {
    const instance = model.instances.get(eni.instanceId);
    if (!instance) checks.push(check('state', 'instance-running', 'The instance is running', 'unknown', component, `Instance ${eni.instanceId} of ${eni.id} is not in the snapshot.`));
    else if (instance.state === 'running') checks.push(check('state', 'instance-running', 'The instance is running', 'pass', component, `${instance.id} is running.`));
    else checks.push(check('state', 'instance-running', 'The instance is running', 'fail', component, `${instance.id} is ${instance.state}: only running instances send or receive.`, startInstanceFix(model, instance.id)));
  }
  const inUse = eni.status === 'in-use';
  checks.push(check('state', 'eni-in-use', 'The network interface is attached and in use', inUse ? 'pass' : 'fail', component, inUse ? `${eni.id} is in use.` : `${eni.id} is ${eni.status}, not in use: it sends and receives nothing.`));
  return checks;
}

function attachedGateway(model: NetworkModel, vpc: Vpc): string | undefined {
  return vpc.internetGatewayIds.find((id) => model.internetGateways.get(id)?.attachments.some((a) => a.vpcId === vpc.id && (a.state === 'available' || a.state === 'attached')));
}

/** Where internet-bound traffic of the subnet goes, in the diagnosed family: the route to an internet host (198.51.100.1, 2001:db8::1). */
export function internetRoute(model: NetworkModel, place: TargetPlace) {
  return place.table && place.vpc ? lookupRoute(model, place.table, place.vpc, place.family === 'ipv6' ? INTERNET_HOST_IPV6 : INTERNET_HOST_IP) : undefined;
}

/** IPv6: the subnet routes the internet to an internet gateway, so internet clients can reach the machine's (global) address. */
export function internetReachesIpv6(model: NetworkModel, place: TargetPlace): boolean {
  const route = internetRoute(model, place);
  return route?.kind === 'match' && route.route.state !== 'blackhole' && route.route.target.kind === 'internet-gateway';
}

function ipv6AddressingChecks(model: NetworkModel, place: TargetPlace, subnet: Subnet, vpc: Vpc): DiagnoseCheck[] {
  const { eni } = place;
  const blocks = subnet.ipv6Cidrs.map((c) => c.text).join(', ');
  const checks = [
    check('addressing', 'subnet', 'The subnet and VPC are known', 'pass', { id: subnet.id, kind: 'subnet' }, `${eni.id} is in ${subnet.id} (${subnet.cidr ? `${subnet.cidr.text}, ` : ''}${blocks ? `IPv6 ${blocks}` : 'no IPv6 block'}, ${subnet.availabilityZone}) of ${vpc.id}; route table ${subnet.routeTableId ?? 'unknown'}, network ACL ${subnet.networkAclId ?? "AWS's default (assumed)"}.`),
  ];
  const title = 'An IPv6 address (global: internet clients reach it directly, no NAT)';
  if (place.ip !== undefined) {
    checks.push(check('addressing', 'ipv6-address', title, 'pass', { id: eni.id, kind: 'eni' }, `${eni.id} has the IPv6 address ${formatIp(place.ip)}.`));
  } else {
    // assigning one is not an edit a change set holds (nothing to verify it with): the words say what to do
    const why = blocks
      ? `${subnet.id} has the IPv6 block ${blocks}: assign ${eni.id} an address from it (aws ec2 assign-ipv6-addresses --network-interface-id ${eni.id} --ipv6-address-count 1).`
      : `${subnet.id} has no IPv6 block: associate one with the subnet (from ${vpc.ipv6Cidrs.length ? `the VPC's ${vpc.ipv6Cidrs.map((c) => c.text).join(', ')}` : 'a block the VPC must first be given'}), then assign ${eni.id} an address.`;
    checks.push(check('addressing', 'ipv6-address', title, 'fail', { id: eni.id, kind: 'eni' }, `${eni.id} has no IPv6 address: nothing reaches it over IPv6. ${why}`));
  }
  const igw = attachedGateway(model, vpc);
  const gatewayTitle = 'An internet gateway attached to the VPC';
  checks.push(
    igw
      ? check('addressing', 'internet-gateway', gatewayTitle, 'pass', { id: igw, kind: 'internet-gateway' }, `${igw} is attached to ${vpc.id}: it carries IPv6 both ways, unchanged.`)
      : check('addressing', 'internet-gateway', gatewayTitle, 'pass', { id: vpc.id, kind: 'vpc' }, `${vpc.id} has no attached internet gateway: not reachable from the internet over IPv6, by design${vpc.egressOnlyInternetGatewayIds.length ? ` (${vpc.egressOnlyInternetGatewayIds.join(', ')} lets it out only)` : ''}.`),
  );
  return checks;
}

export function addressingChecks(model: NetworkModel, place: TargetPlace): DiagnoseCheck[] {
  const { eni, subnet, vpc } = place;
  if (!subnet || !vpc) return [check('addressing', 'subnet', 'The subnet and VPC are known', 'unknown', { id: eni.id, kind: 'eni' }, `${eni.id} is in ${subnet ? eni.vpcId : eni.subnetId}, which is not in the snapshot.`)];
  if (place.family === 'ipv6') return ipv6AddressingChecks(model, place, subnet, vpc);
  const checks = [
    check('addressing', 'subnet', 'The subnet and VPC are known', 'pass', { id: subnet.id, kind: 'subnet' }, `${eni.id} (${formatIpv4(eni.primaryPrivateIp!)}) is in ${subnet.id} (${subnet.cidr?.text ?? subnet.ipv6Cidrs[0]?.text}, ${subnet.availabilityZone}) of ${vpc.id}; route table ${subnet.routeTableId ?? 'unknown'}, network ACL ${subnet.networkAclId ?? "AWS's default (assumed)"}.`),
  ];
  const route = internetRoute(model, place);
  const publicSubnet = route?.kind === 'match' && route.route.target.kind === 'internet-gateway';
  if (eni.publicIp !== undefined) {
    checks.push(check('addressing', 'public-ip', 'A public or Elastic IP for internet clients', 'pass', { id: eni.id, kind: 'eni' }, `${eni.id} has the public IP ${formatIpv4(eni.publicIp)}.`));
    const igw = attachedGateway(model, vpc);
    checks.push(
      igw
        ? check('addressing', 'internet-gateway', 'An internet gateway attached to the VPC', 'pass', { id: igw, kind: 'internet-gateway' }, `${igw} is attached to ${vpc.id}.`)
        : check('addressing', 'internet-gateway', 'An internet gateway attached to the VPC', 'fail', { id: vpc.id, kind: 'vpc' }, `${vpc.id} has no attached internet gateway: its public IPs are not reachable.`),
    );
  } else if (publicSubnet) {
    checks.push(check('addressing', 'public-ip', 'A public or Elastic IP for internet clients', 'fail', { id: eni.id, kind: 'eni' }, `${eni.id} is in ${subnet.id}, which routes to an internet gateway, but has no public or Elastic IP: the internet cannot address it.`, publicIpFix(model, eni, undefined).fix));
  } else {
    checks.push(check('addressing', 'public-ip', 'A public or Elastic IP for internet clients', 'pass', { id: eni.id, kind: 'eni' }, `${eni.id} has no public IP and its subnet does not route to an internet gateway: a private machine, not reachable from the internet by design.`));
  }
  return checks;
}

/**
 * The fix of a blackhole route, as the trace gives it for a packet the route
 * catches (one generator for both); where nothing can take the gone target's
 * place, deleting the route, so that a wider route can serve.
 */
function blackholeRouteFix(model: NetworkModel, table: RouteTable, vpc: Vpc, route: Route, zone: string): Fix | null {
  if (route.destination.kind !== 'cidr') return null;
  const cidr = route.destination.cidr;
  const inside = cidr.prefix >= 31 ? cidr.network : (cidr.network + 1) >>> 0;
  const packet: Packet4 = { srcIp: 0, dstIp: inside, protocol: TCP, srcPorts: { from: DEFAULT_SOURCE_PORT, to: DEFAULT_SOURCE_PORT }, dstPorts: { from: 443, to: 443 }, icmp: undefined };
  return (
    blackholeFix(model, table, vpc, route, cidr.text, packet, zone) ??
    fixOf(model, `Route ${cidr.text} of ${table.id} points at ${route.target.id}, which is gone, and nothing else in the snapshot reaches ${cidr.text}: delete the route.`, [
      { action: 'DeleteRoute', RouteTableId: table.id, DestinationCidrBlock: cidr.text },
    ])
  );
}

export function routingChecks(model: NetworkModel, place: TargetPlace): DiagnoseCheck[] {
  const { eni, subnet, vpc, table } = place;
  if (!subnet || !vpc) return [];
  if (!table) return [check('routing', 'route-table', 'The subnet has a route table', 'unknown', { id: subnet.id, kind: 'subnet' }, `The route table of ${subnet.id} (${subnet.routeTableId ?? 'no association, no main table'}) is not in the snapshot.`)];
  const checks: DiagnoseCheck[] = [];
  const component = { id: table.id, kind: 'route-table' as const };
  if (place.family === 'ipv6') return ipv6RoutingChecks(model, place, table, vpc);
  const route = internetRoute(model, place)!;
  const packet: Packet4 = { srcIp: eni.primaryPrivateIp!, dstIp: INTERNET_HOST_IP, protocol: TCP, srcPorts: { from: DEFAULT_SOURCE_PORT, to: DEFAULT_SOURCE_PORT }, dstPorts: { from: 443, to: 443 }, icmp: undefined };
  const title = 'A route to the internet (and back to internet clients)';
  if (route.kind === 'unknown') {
    checks.push(check('routing', 'internet-route', title, 'unknown', component, `${table.id} routes to prefix list ${route.missing}, which is not in the snapshot.`));
  } else if (route.kind === 'none') {
    const status = eni.publicIp !== undefined ? 'fail' : 'warn';
    checks.push(check('routing', 'internet-route', title, status, component, `No route of ${table.id} leads to the internet: ${eni.publicIp !== undefined ? 'replies to internet clients are dropped' : 'the machine cannot reach the internet'}.`, noRouteFix(model, table, vpc, packet, subnet.availabilityZone)));
  } else if (route.route.state === 'blackhole') {
    checks.push(check('routing', 'internet-route', title, 'fail', component, `Route ${describeRoute(route.destination, route.route)} of ${table.id} is a blackhole.`, blackholeFix(model, table, vpc, route.route as Route, route.destination, packet, subnet.availabilityZone)));
  } else {
    const { target } = route.route;
    const reachesClients = eni.publicIp === undefined || target.kind === 'internet-gateway';
    checks.push(check('routing', 'internet-route', title, reachesClients ? 'pass' : 'fail', component, `${table.id}: ${describeRoute(route.destination, route.route)}${reachesClients ? '.' : `: replies to internet clients must leave through the internet gateway that let the request in, not ${target.id}.`}`));
  }
  checks.push(blackholeCheck(model, table, vpc, subnet));
  return checks;
}

/** The table's blackhole routes of the diagnosed family (a dead IPv6 route does not touch IPv4 traffic, nor the other way). */
function blackholeCheck(model: NetworkModel, table: RouteTable, vpc: Vpc, subnet: Subnet, family: Family = 'ipv4'): DiagnoseCheck {
  const component = { id: table.id, kind: 'route-table' as const };
  const routes: readonly { state: string; target: { id: string }; destination: { kind: string; cidr?: { text: string }; prefixListId?: string } }[] = family === 'ipv6' ? table.ipv6Routes : table.routes;
  const blackholes = routes.filter((r) => r.state === 'blackhole');
  const texts = blackholes.map((r) => r.destination.cidr?.text ?? r.destination.prefixListId ?? '');
  if (blackholes.length === 0) return check('routing', 'blackhole-routes', 'No blackhole routes', 'pass', component, `No ${family === 'ipv6' ? 'IPv6 ' : ''}route of ${table.id} is a blackhole.`);
  const fix = family === 'ipv4' ? blackholeRouteFix(model, table, vpc, table.routes.find((r) => r.state === 'blackhole')!, subnet.availabilityZone) : null;
  return check('routing', 'blackhole-routes', 'No blackhole routes', 'fail', component, `${table.id} drops traffic to ${texts.join(', ')}: ${blackholes.length === 1 ? 'its target is' : 'their targets are'} gone (${blackholes.map((r) => r.target.id).join(', ')}).`, fix);
}

/**
 * IPv6: the route that internet-bound traffic takes (::/0 or a covering one). To an internet gateway, internet
 * clients reach the machine and its replies get back; to an egress-only gateway, the machine reaches out and
 * nothing from the internet gets in, by design; none, a machine with no way to the internet over IPv6.
 */
function ipv6RoutingChecks(model: NetworkModel, place: TargetPlace, table: RouteTable, vpc: Vpc): DiagnoseCheck[] {
  const subnet = place.subnet!;
  const component = { id: table.id, kind: 'route-table' as const };
  const route = internetRoute(model, place)!;
  const title = 'An IPv6 route to the internet (::/0 or a covering one, to the internet gateway)';
  const igw = attachedGateway(model, vpc);
  let internet: DiagnoseCheck;
  if (route.kind === 'unknown') {
    internet = check('routing', 'internet-route', title, 'unknown', component, `${table.id} routes to prefix list ${route.missing}, which is not in the snapshot.`);
  } else if (route.kind === 'none') {
    // with an internet gateway attached the subnet could be public over IPv6: its table lacks the route; without one, a private subnet
    // the fix internet clients need: ::/0 to the internet gateway (the route a reply takes)
    const fix = igw ? noRouteFix6(model, table, vpc, INTERNET_HOST_IPV6, 'return') : null;
    internet = check('routing', 'internet-route', title, igw ? 'fail' : 'warn', component, `No IPv6 route of ${table.id} leads to the internet${igw ? ` (${igw} is attached to ${vpc.id})` : ''}: internet clients get no reply over IPv6, and the machine cannot reach the internet over IPv6.`, fix);
  } else if (route.route.state === 'blackhole') {
    internet = check('routing', 'internet-route', title, 'fail', component, `Route ${describeRoute(route.destination, route.route)} of ${table.id} is a blackhole.`);
  } else if (route.route.target.kind === 'internet-gateway') {
    internet = check('routing', 'internet-route', title, 'pass', component, `${table.id}: ${describeRoute(route.destination, route.route)}: internet clients reach ${place.ip === undefined ? 'its IPv6 addresses' : formatIp(place.ip)} and the replies get back.`);
  } else if (route.route.target.kind === 'egress-only-internet-gateway') {
    internet = check('routing', 'internet-route', title, 'pass', component, `${table.id}: ${describeRoute(route.destination, route.route)}: an egress-only gateway lets the machine reach the internet over IPv6 and refuses connections started from the internet, by design.`);
  } else {
    internet = check('routing', 'internet-route', title, 'fail', component, `${table.id}: ${describeRoute(route.destination, route.route)}: IPv6 traffic to the internet goes to ${route.route.target.id}, not an internet gateway.`);
  }
  return [internet, blackholeCheck(model, table, vpc, subnet, 'ipv6')];
}
