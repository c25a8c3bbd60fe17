// The fix for a drop: the smallest safe change that lets this flow through
// at the component that dropped it, as edits (a change set `--apply` takes),
// AWS CLI commands and words; null where no change can help. One module per
// family in fixes/; the trace, diagnose and the report all take their fixes
// from here, so that the same gap gets the same fix.
export { aclFix, aclFix6, type AclDecision } from './fixes/acl-fix.js';
export { acceptAttachmentFix, acceptPeeringFix, attachmentSubnetFor, startInstanceFix, tgwAzFix, tgwRouteFix } from './fixes/gateway-fixes.js';
export { fixOf, noSafeFix, commandsOf, regionOfEdit } from './fixes/make-fix.js';
export { securityGroupNearMisses } from './fixes/near-misses.js';
export { exposureBeyond, publicIpFix, type PublicIpAnswer } from './fixes/public-ip-fix.js';
export { blackholeFix, isPublicSubnet, noRouteFix, noRouteFix6, returnRouteFix, returnViaGatewayFix } from './fixes/route-fixes.js';
export { securityGroupFix, securityGroupFix6 } from './fixes/security-group-fix.js';
export type { FixTraffic } from './fixes/words.js';
export { revokeRuleFix, ruleWords } from './fixes/revoke-fix.js';
