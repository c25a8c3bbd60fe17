// Routes compared as a route table holds them: one route per destination, so
// a route is added, removed, retargeted (same destination, another target) or
// changes state (active -> blackhole). Serves VPC route tables and transit
// gateway route tables alike.
import type { ComponentEdit } from './types.js';

type Json = Record<string, unknown>;

const TARGET_MEMBERS = [
  'GatewayId',
  'NatGatewayId',
  'VpcPeeringConnectionId',
  'TransitGatewayId',
  'NetworkInterfaceId',
  'InstanceId',
  'EgressOnlyInternetGatewayId',
  'LocalGatewayId',
  'CarrierGatewayId',
  'CoreNetworkArn',
  'VpcEndpointId',
];

export interface RouteSummary {
  destination: string;
  target: string;
  state: string;
}

function routeOf(route: Json): RouteSummary {
  const destination = String(route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? route.PrefixListId ?? '?');
  let target = TARGET_MEMBERS.map((member) => route[member]).find((value) => typeof value === 'string' && value !== '') as string | undefined;
  if (target === undefined && Array.isArray(route.TransitGatewayAttachments)) {
    target = (route.TransitGatewayAttachments as Json[]).map((a) => String(a?.TransitGatewayAttachmentId ?? '?')).sort().join(', ');
  }
  return { destination, target: target || 'none', state: typeof route.State === 'string' ? route.State : 'active' };
}

const routeText = (route: RouteSummary) => `route ${route.destination} -> ${route.target}${route.state === 'active' ? '' : ` (${route.state})`}`;

export function routeEdits(path: string, before: unknown, after: unknown): ComponentEdit[] {
  const keyed = (routes: unknown) =>
    new Map((Array.isArray(routes) ? (routes as Json[]) : []).filter((r) => r && typeof r === 'object').map((raw) => routeOf(raw)).map((route) => [route.destination, route]));
  const old = keyed(before);
  const now = keyed(after);
  const edits: ComponentEdit[] = [];
  for (const [destination, route] of old) {
    const kept = now.get(destination);
    if (!kept) edits.push({ subject: 'route', change: 'removed', path, before: route, after: null, text: `${routeText(route)} removed` });
    else if (kept.target !== route.target) {
      edits.push({ subject: 'route', change: 'changed', path, before: route, after: kept, text: `route ${destination} retargeted: ${route.target} -> ${kept.target}${kept.state === route.state ? '' : ` (${route.state} -> ${kept.state})`}` });
    } else if (kept.state !== route.state) {
      edits.push({ subject: 'route', change: 'changed', path, before: route, after: kept, text: `route ${destination} -> ${route.target}: ${route.state} -> ${kept.state}` });
    }
  }
  for (const [destination, route] of now) {
    if (!old.has(destination)) edits.push({ subject: 'route', change: 'added', path, before: null, after: route, text: `${routeText(route)} added` });
  }
  return edits;
}
