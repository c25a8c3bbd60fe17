// Change sets whose rules name a group of another account (issue "Across
// accounts", with "Fixes you can trust"): the UserIdGroupPair carries the
// group's account (UserId) and, across a peering, the peering
// (VpcPeeringConnectionId). Each test applies an edit to a small
// organization (test/fixtures/engine/organization.ts) the way AWS would carry
// it out, or refuses it as AWS would, and traces the flow it is meant to
// change on the overlay and on a model rebuilt from the edited JSON.
// Expected outcomes are read off the networks written here and the AWS rule
// each test names.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../../shared/aws/build-model.js';
import { applyChangeSet, ChangeSetError } from '../../../../shared/aws/changes/apply.js';
import { modelWithChanges } from '../../../../shared/aws/changes/overlay.js';
import type { RawSnapshot } from '../../../../shared/aws/raw.js';
import { analyzeFlow } from '../../../../shared/engine/analyze.js';
import { CHANGE_SET_FORMAT, type Edit } from '../../../../shared/model/change-set.js';
import { parseChangeSet } from '../../../../shared/model/change-set-parse.js';
import type { NetworkModel } from '../../../../shared/model/types.js';
import { accounts, type Permission } from '../../../fixtures/engine/network.js';
import { accountVpc, NETWORK, sharedTransitGateway, WORKLOAD_A, WORKLOAD_B } from '../../../fixtures/engine/organization.js';

const ABSENT = '444444444444';

function outcome(on: NetworkModel, flow: { from: string; to: string; port: number }) {
  const result = analyzeFlow(on, { ...flow, protocol: 'tcp' });
  return result.blocked ? { verdict: result.verdict, id: result.blocked.id, code: result.blocked.code } : { verdict: result.verdict };
}

/** The flow before and after the edits (overlay and rebuild must agree). */
function beforeAndAfter(raw: RawSnapshot, edits: readonly Edit[], flow: { from: string; to: string; port: number }) {
  const { model } = buildModel(raw);
  const applied = applyChangeSet(raw, { format: CHANGE_SET_FORMAT, changes: edits });
  const overlay = modelWithChanges(model, applied);
  const rebuilt = outcome(buildModel(applied.raw).model, flow);
  if (overlay) expect(outcome(overlay, flow)).toEqual(rebuilt);
  return { before: outcome(model, flow), after: rebuilt };
}

function refusal(raw: RawSnapshot, edits: readonly Edit[]): string {
  try {
    applyChangeSet(raw, { format: CHANGE_SET_FORMAT, changes: edits });
  } catch (e) {
    if (e instanceof ChangeSetError) return e.message;
    throw e;
  }
  throw new Error('the change set was accepted');
}

const ingress = (groupId: string, pair: Record<string, string>, port = 22): Edit => ({
  action: 'AuthorizeSecurityGroupIngress',
  GroupId: groupId,
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [pair as { GroupId: string }] }],
});

/**
 * vpc-net (account N, 10.0/16, i-net in sg-net, i-other in sg-other) and
 * vpc-a (account A, 10.1/16, i-a in sg-a, which admits nothing) peered by
 * pcx-na, routes on both sides; both accounts list the peering.
 */
function peered(status = 'active', egressNet?: Permission[]) {
  const net = accountVpc(NETWORK, 'net', 0, [['10.1.0.0/16', 'pcx-na']], [], egressNet)
    .group('sg-other', 'vpc-net', {})
    .instance('i-other', { subnet: 'subnet-net', ip: '10.0.1.20', groups: ['sg-other'] });
  const a = accountVpc(WORKLOAD_A, 'a', 1, [['10.0.0.0/16', 'pcx-na']], []);
  for (const side of [net, a]) side.peering('pcx-na', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-a', '10.1.0.0/16', WORKLOAD_A], status);
  return accounts([net, a]).raw;
}

describe('a rule naming a peer account\'s group across a peering (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html)', () => {
  const flow = { from: 'i-net', to: 'i-a', port: 22 };

  it('the change-set format takes UserId and VpcPeeringConnectionId in a pair', () => {
    const set = parseChangeSet({ format: CHANGE_SET_FORMAT, changes: [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-na' })] }, 'changes.json');
    expect(set.changes[0]).toEqual(ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-na' }));
    // a peering id that is not one is named with its field
    expect(() => parseChangeSet({ format: CHANGE_SET_FORMAT, changes: [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'vpc-na' })] }, 'changes.json')).toThrow(
      /changes\.json: changes\[0\] \(AuthorizeSecurityGroupIngress\)\.IpPermissions\[0\]\.UserIdGroupPairs\[0\]\.VpcPeeringConnectionId: .* is not a pcx- id/,
    );
  });

  it('inbound from sg-net of account N over pcx-na: i-net reaches i-a, which it did not before', () => {
    const { before, after } = beforeAndAfter(peered(), [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-na' })], flow);
    expect(before).toEqual({ verdict: 'unreachable', id: 'sg-a', code: 'ENI_SG_RULES_MISMATCH' });
    expect(after).toEqual({ verdict: 'reachable' });
  });

  it('the fix at sg-a names that group the same way, and its change set, applied, lets the flow through', () => {
    const raw = peered();
    const blocked = analyzeFlow(buildModel(raw).model, { ...flow, protocol: 'tcp' }).blocked!;
    const changes = blocked.fix!.changes!.changes;
    expect(changes).toEqual([ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-na' })]);
    expect(beforeAndAfter(raw, changes, flow).after).toEqual({ verdict: 'reachable' });
  });

  it('the rule admits the group\'s members only: i-other of account N (sg-other) is still dropped at sg-a', () => {
    const { after } = beforeAndAfter(peered(), [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-na' })], { from: 'i-other', to: 'i-a', port: 22 });
    expect(after).toEqual({ verdict: 'unreachable', id: 'sg-a', code: 'ENI_SG_RULES_MISMATCH' });
  });

  it('outbound to sg-a of account A over pcx-na: an egress rule may name the peer group too', () => {
    // sg-net lets nothing out; sg-a admits tcp 22 from 10.0.0.0/16 once the egress is fixed
    const raw = peered('active', []);
    const admit: Edit = { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-a', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] };
    const egress: Edit = { action: 'AuthorizeSecurityGroupEgress', GroupId: 'sg-net', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-a', UserId: WORKLOAD_A, VpcPeeringConnectionId: 'pcx-na' }] }] };
    expect(beforeAndAfter(raw, [admit], flow).after).toEqual({ verdict: 'unreachable', id: 'sg-net', code: 'ENI_SG_RULES_MISMATCH' });
    expect(beforeAndAfter(raw, [admit, egress], flow).after).toEqual({ verdict: 'reachable' });
  });

  it('a UserId that is not the group\'s account is refused (AWS: InvalidGroup.NotFound)', () => {
    expect(refusal(peered(), [ingress('sg-a', { GroupId: 'sg-net', UserId: WORKLOAD_B })])).toContain(`sg-net belongs to account ${NETWORK}, not ${WORKLOAD_B} (AWS: InvalidGroup.NotFound)`);
  });

  it('a peering that is not in the snapshot, or does not join the two VPCs, is refused', () => {
    expect(refusal(peered(), [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-nowhere' })])).toContain('peering connection pcx-nowhere is not in the snapshot');
    const raw = accounts([
      accountVpc(NETWORK, 'net', 0, [], []).peering('pcx-nb', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-b', '10.2.0.0/16', WORKLOAD_B]),
      accountVpc(WORKLOAD_A, 'a', 1, [], []),
    ]).raw;
    expect(refusal(raw, [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-nb' })])).toContain('pcx-nb does not join vpc-a and vpc-net');
  });

  it('over a peering still pending acceptance the rule is refused; accepted first in the same set, it is taken', () => {
    const raw = peered('pending-acceptance');
    const rule = ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK, VpcPeeringConnectionId: 'pcx-na' });
    expect(refusal(raw, [rule])).toContain('pcx-na is pending-acceptance, not active');
    const { before, after } = beforeAndAfter(raw, [{ action: 'AcceptVpcPeeringConnection', VpcPeeringConnectionId: 'pcx-na' }, rule], flow);
    expect(before).toEqual({ verdict: 'unreachable', id: 'pcx-na', code: 'BAD_STATE' });
    expect(after).toEqual({ verdict: 'reachable' });
  });

  it('a group of a VPC neither peered nor on a shared transit gateway is refused (AWS: "two resources that belong to different networks")', () => {
    const raw = accounts([accountVpc(NETWORK, 'net', 0, [], []), accountVpc(WORKLOAD_A, 'a', 1, [], [])]).raw;
    expect(refusal(raw, [ingress('sg-a', { GroupId: 'sg-net', UserId: NETWORK })])).toContain('sg-net is in vpc-net, which is neither peered (active, one Region) with vpc-a nor attached to a transit gateway with it');
  });
});

describe('a rule naming a group of an account the snapshot lacks', () => {
  it('is taken as written (AWS checks the group), and the flow toward an address no ENI here holds is unknown at that group', () => {
    // vpc-net peers with vpc-x of account X, which was not collected; sg-net lets nothing out
    const raw = accounts([accountVpc(NETWORK, 'net', 0, [['10.9.0.0/16', 'pcx-nx']], [], []).peering('pcx-nx', ['vpc-net', '10.0.0.0/16', NETWORK], ['vpc-x', '10.9.0.0/16', ABSENT])]).raw;
    const egress: Edit = { action: 'AuthorizeSecurityGroupEgress', GroupId: 'sg-net', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-x', UserId: ABSENT, VpcPeeringConnectionId: 'pcx-nx' }] }] };
    const { before, after } = beforeAndAfter(raw, [egress], { from: 'i-net', to: '10.9.1.5', port: 22 });
    expect(before).toEqual({ verdict: 'unreachable', id: 'sg-net', code: 'ENI_SG_RULES_MISMATCH' });
    expect(after).toEqual({ verdict: 'unknown', id: 'sg-net', code: 'UNKNOWN_RESOURCE' });
  });

  it('a group said to be of an account the snapshot holds whole, but absent from it, is refused', () => {
    expect(refusal(peered(), [ingress('sg-a', { GroupId: 'sg-gone', UserId: NETWORK })])).toContain(`the peer group sg-gone is not in the snapshot (account ${NETWORK} is, whole)`);
  });
});

describe('a rule naming a group across a transit gateway (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html, "Security group referencing")', () => {
  // i-a (account A) to i-b (account B) on tcp 443 through tgw-1 of account N; sg-b admits 443 from nothing but what the edit adds
  const flow = { from: 'i-a', to: 'i-b', port: 443 };
  const raw = (tgwReferencing?: 'enable' | 'disable') => {
    const { net, a, b } = sharedTransitGateway({ ingressB: [], ...(tgwReferencing ? { tgwReferencing } : {}) });
    return accounts([net, a, b]).raw;
  };
  const fromGroupA = ingress('sg-b', { GroupId: 'sg-a', UserId: WORKLOAD_A }, 443);

  it('with referencing enabled on the gateway (attachments at their default, enable) the inbound rule admits A\'s group', () => {
    const { before, after } = beforeAndAfter(raw('enable'), [fromGroupA], flow);
    expect(before).toEqual({ verdict: 'unreachable', id: 'sg-b', code: 'ENI_SG_RULES_MISMATCH' });
    expect(after).toEqual({ verdict: 'reachable' });
  });

  it('with the gateway at its default (disable) the rule is taken but matches nothing, as AWS leaves it', () => {
    expect(beforeAndAfter(raw(), [fromGroupA], flow).after).toEqual({ verdict: 'unreachable', id: 'sg-b', code: 'ENI_SG_RULES_MISMATCH' });
  });
});
