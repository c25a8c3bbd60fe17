// The first three layers of the playbook, read straight from the model:
// state (the instance runs, the ENI is in use), addressing (subnet, public
// IP, internet gateway) and routing (the route to the internet, blackholes).
import type { DiagnoseCheck, DiagnoseLayer } from './diagnose-types.js';
import type { ComponentKind, Fix } from './analysis-types.js';
import { formatIpv4, INTERNET_HOST_IP } from '../model/ipv4.js';
import type { NetworkInterface, NetworkModel, Route, RouteTable, Subnet, Vpc } from '../model/types.js';
import { blackholeFix, fixOf, noRouteFix, publicIpFix, startInstanceFix } from './fixes.js';
import { DEFAULT_SOURCE_PORT, TCP, type Packet4 } from './packet.js';
import { describeRoute, lookupRoute } from './routing.js';

export interface TargetPlace {
  readonly eni: NetworkInterface;
  readonly subnet: Subnet | undefined;
  readonly vpc: Vpc | undefined;
  readonly table: RouteTable | undefined;
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

/** Where 0.0.0.0/0-bound traffic of the subnet goes: the route to an internet host. */
function internetRoute(model: NetworkModel, place: TargetPlace) {
  return place.table && place.vpc ? lookupRoute(model, place.table, place.vpc, INTERNET_HOST_IP) : undefined;
}

export function addressingChecks(model: NetworkModel, place: TargetPlace): DiagnoseCheck[] {
  const { eni, subnet, vpc } = place;
  if (!subnet || !vpc) return [check('addressing', 'subnet', 'The subnet and VPC are known', 'unknown', { id: eni.id, kind: 'eni' }, `${eni.id} is in ${subnet ? eni.vpcId : eni.subnetId}, which is not in the snapshot.`)];
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
  const blackholes = table.routes.filter((r) => r.state === 'blackhole');
  const texts = blackholes.map((r) => (r.destination.kind === 'cidr' ? r.destination.cidr.text : r.destination.prefixListId));
  checks.push(
    blackholes.length === 0
      ? check('routing', 'blackhole-routes', 'No blackhole routes', 'pass', component, `No route of ${table.id} is a blackhole.`)
      : check('routing', 'blackhole-routes', 'No blackhole routes', 'fail', component, `${table.id} drops traffic to ${texts.join(', ')}: ${blackholes.length === 1 ? 'its target is' : 'their targets are'} gone (${blackholes.map((r) => r.target.id).join(', ')}).`, blackholeRouteFix(model, table, vpc, blackholes[0]!, subnet.availabilityZone)),
  );
  return checks;
}
