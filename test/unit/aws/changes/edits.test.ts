// Every edit kind of a change set, applied to the demo network (assets/demo,
// whose faults and working flows are listed in its README), then the trace
// it changes. Expected verdicts and drop points are read from the demo's
// README and the AWS rule each edit stands for, not from our own output.
// Each flow is traced twice: on the model patched by the overlay, and on a
// model built from scratch from the edited describe JSON; both must agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../../shared/aws/build-model.js';
import { applyChangeSet, ChangeSetError } from '../../../../shared/aws/changes/apply.js';
import { CHANGE_SET_FORMAT, type Edit } from '../../../../shared/model/change-set.js';
import { modelWithChanges } from '../../../../shared/aws/changes/overlay.js';
import { parseChangeSet } from '../../../../shared/model/change-set-parse.js';
import { canonicalJson } from '../../../../shared/aws/canonical.js';
import type { RawSnapshot } from '../../../../shared/aws/raw.js';
import { readSnapshotPath } from '../../../../shared/aws/read/node.js';
import { analyzeFlow } from '../../../../shared/engine/analyze.js';
import type { NetworkModel } from '../../../../shared/model/types.js';
import { demoSnapshotPath } from '../../../../shared/api/snapshot/node.js';

let raw: RawSnapshot;
let model: NetworkModel;

beforeAll(async () => {
  raw = await readSnapshotPath(demoSnapshotPath());
  model = buildModel(raw).model;
});

interface Flow {
  from: string;
  to: string;
  port: number;
}

function outcome(on: NetworkModel, flow: Flow) {
  const result = analyzeFlow(on, { from: flow.from, to: flow.to, protocol: 'tcp', port: flow.port });
  return result.blocked ? { verdict: result.verdict, id: result.blocked.id, code: result.blocked.code, leg: result.blocked.direction } : { verdict: result.verdict };
}

/** The flow's outcome after the edits, checked to be the same on the overlay and on a full rebuild. */
function after(edits: Edit[], flow: Flow) {
  const applied = applyChangeSet(raw, { format: CHANGE_SET_FORMAT, changes: edits });
  const overlay = modelWithChanges(model, applied);
  if (!overlay) throw new Error('the overlay refused edits it is meant to patch');
  const overlaid = outcome(overlay, flow);
  const rebuilt = outcome(buildModel(applied.raw).model, flow);
  expect(overlaid).toEqual(rebuilt);
  return overlaid;
}

const F1 = { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', port: 6379 };
const R5 = { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', port: 6380 };
const F2 = { from: 'internet', to: 'i-0de00000000000301', port: 443 };
const R1 = { from: 'internet', to: 'i-0de00000000000102', port: 443 };
const F3 = { from: 'i-0de0000000000010b', to: 'internet', port: 443 };
const F4 = { from: 'i-0de00000000000203', to: 'internet', port: 443 };
const R6 = { from: 'i-0de00000000000105', to: 'internet', port: 443 };
const R4 = { from: 'i-0de00000000000105', to: 'i-0de00000000000108', port: 5432 };
const F5 = { from: 'internet', to: 'i-0de00000000000104', port: 443 };
const F8 = { from: 'i-0de00000000000102', to: 'i-0de00000000000107', port: 8080 };
const R3 = { from: 'i-0de00000000000102', to: 'i-0de00000000000105', port: 8080 };
const ciToLdap = { from: 'i-0de00000000000203', to: 'i-0de00000000000201', port: 636 };
const ciToArtifacts = { from: 'i-0de00000000000203', to: 'i-0de00000000000204', port: 443 };

describe('change sets: every edit kind, applied, then the trace it changes', () => {
  it('AuthorizeSecurityGroupIngress: admitting tcp 6379 from the api group repairs F1', () => {
    expect(outcome(model, F1)).toEqual({ verdict: 'unreachable', id: 'sg-0de00000000000105', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    const edit: Edit = { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] };
    expect(after([edit], F1)).toEqual({ verdict: 'reachable' });
  });

  it('RevokeSecurityGroupIngress: taking away tcp 6380 from the api group breaks R5 at the cache group', () => {
    const edit: Edit = { action: 'RevokeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6380, ToPort: 6380, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] };
    expect(outcome(model, R5)).toEqual({ verdict: 'reachable' });
    expect(after([edit], R5)).toEqual({ verdict: 'unreachable', id: 'sg-0de00000000000105', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('AuthorizeSecurityGroupEgress: the CI group, which lets out only 443 and 22, lets tcp 636 out to LDAP', () => {
    expect(outcome(model, ciToLdap)).toEqual({ verdict: 'unreachable', id: 'sg-0de00000000000203', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    const edit: Edit = { action: 'AuthorizeSecurityGroupEgress', GroupId: 'sg-0de00000000000203', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 636, ToPort: 636, IpRanges: [{ CidrIp: '10.1.0.0/16' }] }] };
    expect(after([edit], ciToLdap)).toEqual({ verdict: 'reachable' });
  });

  it('RevokeSecurityGroupEgress: without tcp 443 to 0.0.0.0/0 the CI runner cannot reach the artifact store', () => {
    expect(outcome(model, ciToArtifacts)).toEqual({ verdict: 'reachable' });
    const edit: Edit = { action: 'RevokeSecurityGroupEgress', GroupId: 'sg-0de00000000000203', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] };
    expect(after([edit], ciToArtifacts)).toEqual({ verdict: 'unreachable', id: 'sg-0de00000000000203', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('CreateNetworkAclEntry: an outbound ephemeral-port entry to 0.0.0.0/0 repairs F2', () => {
    expect(outcome(model, F2)).toEqual({ verdict: 'unreachable', id: 'acl-0de00000000000302', code: 'SUBNET_ACL_RESTRICTION', leg: 'return' });
    const edit: Edit = { action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-0de00000000000302', RuleNumber: 130, Egress: true, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } };
    expect(after([edit], F2)).toEqual({ verdict: 'reachable' });
  });

  it('ReplaceNetworkAclEntry: inbound rule 100 of the public ACL turned to deny stops R1 there', () => {
    const edit: Edit = { action: 'ReplaceNetworkAclEntry', NetworkAclId: 'acl-0de00000000000102', RuleNumber: 100, Egress: false, Protocol: 'tcp', RuleAction: 'deny', CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } };
    expect(after([edit], R1)).toEqual({ verdict: 'unreachable', id: 'acl-0de00000000000102', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
  });

  it('DeleteNetworkAclEntry: without inbound rule 100 (tcp 443) nothing else admits R1, and the * entry denies it', () => {
    const edit: Edit = { action: 'DeleteNetworkAclEntry', NetworkAclId: 'acl-0de00000000000102', RuleNumber: 100, Egress: false };
    expect(after([edit], R1)).toEqual({ verdict: 'unreachable', id: 'acl-0de00000000000102', code: 'SUBNET_ACL_RESTRICTION', leg: 'forward' });
  });

  it('CreateRoute: a default route to the prod NAT gateway repairs F3', () => {
    expect(outcome(model, F3)).toEqual({ verdict: 'unreachable', id: 'rtb-0de00000000000105', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
    const edit: Edit = { action: 'CreateRoute', RouteTableId: 'rtb-0de00000000000105', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0de00000000000100' };
    expect(after([edit], F3)).toEqual({ verdict: 'reachable' });
  });

  it('ReplaceRoute: F4 pointed at the internet gateway moves the drop to the gateway (the CI runner has no public IP)', () => {
    const edit: Edit = { action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000203', DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0de00000000000200' };
    expect(outcome(model, F4)).toEqual({ verdict: 'unreachable', id: 'rtb-0de00000000000203', code: 'BAD_STATE_ROUTE', leg: 'forward' });
    expect(after([edit], F4)).toEqual({ verdict: 'unreachable', id: 'igw-0de00000000000200', code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', leg: 'forward' });
  });

  it('DeleteRoute: without its default route, prod-api-1 has no way out (R6)', () => {
    const edit: Edit = { action: 'DeleteRoute', RouteTableId: 'rtb-0de00000000000103', DestinationCidrBlock: '0.0.0.0/0' };
    expect(outcome(model, R6)).toEqual({ verdict: 'reachable' });
    expect(after([edit], R6)).toEqual({ verdict: 'unreachable', id: 'rtb-0de00000000000103', code: 'NO_ROUTE_TO_DESTINATION', leg: 'forward' });
  });

  it('CreateNatGateway then ReplaceRoute to it: a new NAT gateway in the shared public subnet repairs F4', () => {
    const edits: Edit[] = [
      { action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: 'subnet-0de00000000000211' },
      { action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000203', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-new-1' },
    ];
    expect(after(edits, F4)).toEqual({ verdict: 'reachable' });
  });

  it('ModifyNetworkInterfaceAttribute: the cache given the db group too admits tcp 5432 from the api tier; the db server left with the worker group refuses it', () => {
    const cache5432 = { ...R4, to: 'i-0de0000000000010a' };
    expect(outcome(model, cache5432)).toEqual({ verdict: 'unreachable', id: 'sg-0de00000000000105', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
    const attach: Edit = { action: 'ModifyNetworkInterfaceAttribute', NetworkInterfaceId: 'eni-0de0000000000010a', Groups: ['sg-0de00000000000105', 'sg-0de00000000000104'] };
    expect(after([attach], cache5432)).toEqual({ verdict: 'reachable' });
    const detach: Edit = { action: 'ModifyNetworkInterfaceAttribute', NetworkInterfaceId: 'eni-0de00000000000108', Groups: ['sg-0de00000000000106'] };
    expect(after([detach], R4)).toEqual({ verdict: 'unreachable', id: 'sg-0de00000000000106', code: 'ENI_SG_RULES_MISMATCH', leg: 'forward' });
  });

  it('AssociateAddress: prod-web-3 given a public IP is reachable from the internet (F5)', () => {
    expect(outcome(model, F5)).toEqual({ verdict: 'unreachable', id: 'igw-0de00000000000100', code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', leg: 'forward' });
    const edit: Edit = { action: 'AssociateAddress', NetworkInterfaceId: 'eni-0de00000000000104', PublicIp: '203.0.113.99' };
    expect(after([edit], F5)).toEqual({ verdict: 'reachable' });
  });

  it('StartInstances repairs F8; StopInstances stops R3 at the ENI', () => {
    expect(after([{ action: 'StartInstances', InstanceIds: ['i-0de00000000000107'] }], F8)).toEqual({ verdict: 'reachable' });
    expect(after([{ action: 'StopInstances', InstanceIds: ['i-0de00000000000105'] }], R3)).toEqual({ verdict: 'unreachable', id: 'eni-0de00000000000105', code: 'BAD_STATE', leg: 'forward' });
  });

  it('ModifyTransitGatewayVpcAttachment: the prod attachment given prod-app-b (us-east-1b) repairs F7', () => {
    const F7 = { from: 'i-0de00000000000106', to: 'i-0de00000000000204', port: 443 };
    expect(outcome(model, F7)).toEqual({ verdict: 'unreachable', id: 'tgw-attach-0de00000000000101', code: 'TGW_ROUTE_AZ_RESTRICTION', leg: 'forward' });
    const edit: Edit = { action: 'ModifyTransitGatewayVpcAttachment', TransitGatewayAttachmentId: 'tgw-attach-0de00000000000101', AddSubnetIds: ['subnet-0de00000000000114'] };
    expect(after([edit], F7)).toEqual({ verdict: 'reachable' });
    // one subnet per zone: prod-tgw-a is the attachment's us-east-1a subnet already
    expect(() => applyChangeSet(raw, { format: CHANGE_SET_FORMAT, changes: [{ ...edit, AddSubnetIds: ['subnet-0de00000000000113'] }] })).toThrow('DuplicateSubnetsInSameZone');
  });

  it('never modifies the snapshot it is applied to', () => {
    const before = canonicalJson(raw);
    applyChangeSet(raw, {
      format: CHANGE_SET_FORMAT,
      changes: [
        { action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: 'subnet-0de00000000000211' },
        { action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000203', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-new-1' },
        { action: 'AssociateAddress', NetworkInterfaceId: 'eni-0de00000000000104', PublicIp: '203.0.113.99' },
        { action: 'StopInstances', InstanceIds: ['i-0de00000000000105'] },
        { action: 'DeleteNetworkAclEntry', NetworkAclId: 'acl-0de00000000000102', RuleNumber: 100, Egress: false },
      ],
    });
    expect(canonicalJson(raw)).toBe(before);
  });
});

describe('change sets: what AWS would refuse is refused, naming the edit', () => {
  const refused = (edits: Edit[]) => {
    try {
      applyChangeSet(raw, { format: CHANGE_SET_FORMAT, changes: edits });
    } catch (error) {
      expect(error).toBeInstanceOf(ChangeSetError);
      return (error as Error).message;
    }
    throw new Error('the change set was accepted');
  };

  it('a rule the group already has (InvalidPermission.Duplicate)', () => {
    expect(refused([{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: '6', FromPort: 6380, ToPort: 6380, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }])).toMatch(
      /^changes\[0\] \(AuthorizeSecurityGroupIngress\): sg-0de00000000000105 already allows .*InvalidPermission\.Duplicate/,
    );
  });

  it('a rule number already used in that direction (NetworkAclEntryAlreadyExists)', () => {
    expect(refused([{ action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-0de00000000000302', RuleNumber: 100, Egress: true, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } }])).toContain(
      'already has outbound rule 100',
    );
  });

  it('a route whose destination the table already has (RouteAlreadyExists), and the second edit is the one named', () => {
    const message = refused([
      { action: 'DeleteNetworkAclEntry', NetworkAclId: 'acl-0de00000000000102', RuleNumber: 100, Egress: false },
      { action: 'CreateRoute', RouteTableId: 'rtb-0de00000000000103', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0de00000000000100' },
    ]);
    expect(message).toMatch(/^changes\[1\] \(CreateRoute\): .*RouteAlreadyExists/);
  });

  it('a missing component, a route to a NAT gateway of another VPC, and a group of another VPC', () => {
    expect(refused([{ action: 'DeleteRoute', RouteTableId: 'rtb-0de0000000000ffff', DestinationCidrBlock: '0.0.0.0/0' }])).toContain('route table rtb-0de0000000000ffff is not in the snapshot');
    expect(refused([{ action: 'CreateRoute', RouteTableId: 'rtb-0de00000000000105', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0de00000000000300' }])).toContain('is in vpc-0de00000000000300, not vpc-0de00000000000100');
    expect(refused([{ action: 'ModifyNetworkInterfaceAttribute', NetworkInterfaceId: 'eni-0de0000000000010a', Groups: ['sg-0de00000000000201'] }])).toContain('belongs to vpc-0de00000000000200');
  });

  it('a route for a destination the table does not have, and the local route', () => {
    expect(refused([{ action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000105', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0de00000000000100' }])).toContain('InvalidRoute.NotFound');
    expect(refused([{ action: 'DeleteRoute', RouteTableId: 'rtb-0de00000000000105', DestinationCidrBlock: '10.0.0.0/16' }])).toContain('local route');
  });
});

describe('change sets: reading one', () => {
  it('names the file, the edit and the field of a bad value', () => {
    const bad = { format: CHANGE_SET_FORMAT, changes: [{ action: 'CreateRoute', RouteTableId: 'rtb-1', DestinationCidrBlock: '10.0.0.0/33', GatewayId: 'igw-1' }] };
    expect(() => parseChangeSet(bad, 'fix.json')).toThrow('fix.json: changes[0] (CreateRoute).DestinationCidrBlock: "10.0.0.0/33" is not an IPv4 CIDR');
    expect(() => parseChangeSet({ format: CHANGE_SET_FORMAT, changes: [{ action: 'DeleteVpc', VpcId: 'vpc-1' }] }, 'x.json')).toThrow(/x\.json: changes\[0\]\.action: a string of 9 characters is not an edit Reachmap knows/);
    expect(() => parseChangeSet({ format: 'other', changes: [] }, 'x.json')).toThrow('x.json: format: a string of 5 characters is not "reachmap-changes/1"');
    expect(() => parseChangeSet({ format: CHANGE_SET_FORMAT, changes: [{ action: 'CreateRoute', RouteTableId: 'rtb-1', DestinationCidrBlock: '10.0.0.0/8' }] }, 'x.json')).toThrow('must name exactly one target');
  });

  it('refuses an id a shell would read as a command', () => {
    expect(() => parseChangeSet({ format: CHANGE_SET_FORMAT, changes: [{ action: 'StartInstances', InstanceIds: ['i-1 $(touch /tmp/x)'] }] }, 'x.json')).toThrow('is not a i- id');
  });
});
