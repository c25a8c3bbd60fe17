// The engine's public API.
export { analyzeFlow, type FlowRequest } from './analyze.js';
export { parseProtocol, protocolLabel, shapeFlow, DEFAULT_SOURCE_PORT, EPHEMERAL_RANGE } from './packet.js';
export { resolveEndpoint, type Endpoint } from './endpoints.js';
export { evaluateAclEntries, aclEntryMatchesPeer, type AclDecision, type AclTraffic } from './network-acls.js';
export { evaluateSecurityGroups, sgPeerMatches, sgRuleMatchesProtocol, type SgDecision, type SgTraffic } from './security-groups.js';
export { lookupRoute, type RouteLookup } from './routing.js';
export { lookupTgwRoute, type TgwLookup } from './transit-gateway.js';
export { subtract as subtractPorts, intersects as portsIntersect } from './port-ranges.js';
