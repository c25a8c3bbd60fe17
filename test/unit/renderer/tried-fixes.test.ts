// The renderer's side of trying fixes: what a fix offers to apply, the name it
// gets in the pile, the map nodes its edits touch and the pile's AWS CLI
// script, on the demo's real graph (assets/demo/README.md).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fix } from '../../../shared/api/analysis-types.js';
import type { ChangeSet } from '../../../shared/api/changes.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { editedNodes, fixTrial, pileScript, regionOfEdit, trialSource } from '../../../renderer/src/edits/tried-fixes.js';
import { indexGraph, type GraphIndex } from '../../../renderer/src/map/visible-graph.js';

const ADMIT: ChangeSet = {
  format: 'reachmap-changes/1',
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
};
const fix: Fix = { text: 'Add an inbound rule to sg-0de00000000000105 allowing tcp port 6379 from acme-prod-api.', command: 'aws ec2 authorize-security-group-ingress ...' };

let index: GraphIndex;
beforeAll(async () => {
  const service = await createNodeReachmapService();
  await service.openSnapshot();
  index = indexGraph(await service.graph());
});

describe('fixTrial', () => {
  it('offers nothing without a change set, the fix\'s set, or the whole repair when it chains several', () => {
    expect(fixTrial(fix)).toBeNull();
    expect(fixTrial(null)).toBeNull();
    expect(fixTrial({ ...fix, changes: { ...ADMIT, changes: [] } } as unknown as Fix)).toBeNull();
    expect(fixTrial({ ...fix, changes: ADMIT } as unknown as Fix)).toEqual({ changes: ADMIT, whole: false, outcome: null });
    const repair = { changes: { ...ADMIT, changes: [...ADMIT.changes, ...ADMIT.changes] }, script: '', outcome: 'after this, it is reachable', flowsRepaired: 3, steps: 2 };
    expect(fixTrial({ ...fix, changes: ADMIT, repair } as unknown as Fix)).toEqual({ changes: repair.changes, whole: true, outcome: 'after this, it is reachable' });
    expect(fixTrial({ ...fix, changes: ADMIT, repair: { ...repair, changes: ADMIT, steps: 1 } } as unknown as Fix)?.whole).toBe(false);
  });
});

describe('trialSource', () => {
  it('names the fix on one line, short enough for the API', () => {
    expect(trialSource(fix, false)).toBe(`fix: ${fix.text}`);
    expect(trialSource({ ...fix, text: 'a\nb\u202e c' }, true)).toBe('repair: a b c');
    const long = trialSource({ ...fix, text: 'x'.repeat(500) }, false);
    expect(long.length).toBe(160);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('editedNodes and the script', () => {
  it('marks a group\'s members, the subnets of an ACL or route table, an ENI, an instance\'s ENI', () => {
    // acme-prod-cache (sg-0de00000000000105) is prod-cache's group only
    expect(editedNodes(index, ADMIT.changes)).toEqual(['eni-0de0000000000010a']);
    // acme-prod-data-acl serves prod-data-a and prod-data-b; acme-prod-private's routes serve prod-app-a and -b
    expect(editedNodes(index, [{ action: 'DeleteNetworkAclEntry', NetworkAclId: 'acl-0de00000000000104', RuleNumber: 100, Egress: false }]).sort()).toEqual(['subnet-0de00000000000115', 'subnet-0de00000000000116']);
    expect(editedNodes(index, [{ action: 'DeleteRoute', RouteTableId: 'rtb-0de00000000000103', DestinationCidrBlock: '0.0.0.0/0' }]).sort()).toEqual(['subnet-0de00000000000113', 'subnet-0de00000000000114']);
    expect(editedNodes(index, [{ action: 'StopInstances', InstanceIds: ['i-0de00000000000104'] }])).toEqual(['eni-0de00000000000104']);
    expect(editedNodes(index, [{ action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: 'subnet-0de00000000000212' }])).toEqual(['subnet-0de00000000000212']);
  });

  it('gives each command the region its resource is in, and names the fixes tried', () => {
    expect(regionOfEdit(index, ADMIT.changes[0]!)).toBe('us-east-1');
    expect(regionOfEdit(index, { action: 'DeleteNetworkAclEntry', NetworkAclId: 'acl-0de00000000000303', RuleNumber: 100, Egress: false })).toBe('eu-west-1');
    const script = pileScript(ADMIT, ['fix: admit 6379'], index, 'prod');
    expect(script.split('\n')).toEqual([
      '#!/bin/sh',
      '# Reachmap: the fixes tried on the map, in the order tried:',
      '#   1. fix: admit 6379',
      '',
      expect.stringMatching(/^aws ec2 authorize-security-group-ingress --group-id sg-0de00000000000105 .* --region us-east-1 --profile prod$/),
      '',
    ]);
    expect(pileScript(null, [], index, undefined)).toBe('');
  });
});
