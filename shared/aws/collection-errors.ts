// The snapshot's `errors`: data that could not be read. Each names the
// snapshot key its API would have filled, so that a hop can ask "was this
// readable?" by key.
import type { CollectionError } from '../model/types.js';
import type { RawError } from './raw.js';

/** APIs whose key is not simply the API name without "Describe". */
const keyOfApi: Readonly<Record<string, string>> = {
  DescribeInstances: 'Reservations',
  SearchTransitGatewayRoutes: 'TransitGatewayStaticRoutes',
  GetTransitGatewayRouteTablePropagations: 'TransitGatewayPropagations',
  GetManagedPrefixListEntries: 'ManagedPrefixLists',
  DescribeListeners: 'LoadBalancerListeners',
  DescribeTargetHealth: 'LoadBalancerTargetHealth',
};

export function snapshotKeyOfApi(api: string): string {
  return keyOfApi[api] ?? api.replace(/^(Describe|Get|List|Search)/, '');
}

export function collectionErrorOf(raw: RawError): CollectionError {
  return {
    account: raw.account,
    region: raw.region,
    api: raw.api,
    code: raw.code,
    message: raw.message,
    key: raw.key ?? snapshotKeyOfApi(raw.api),
    resourceId: raw.resourceId ?? undefined,
  };
}
