// Batfish's samples that hold several accounts (aws_configs/accounts/<id>/...)
// import and answer across the accounts. Expectations read off the samples'
// JSON by hand: instance addresses, routes, groups (tcp 22 from 0.0.0.0/0 on
// both instances), no network ACL files (AWS's default ACL assumed).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { analyze, drop, hopIds } from './analyze-helper.js';

const samples = path.resolve(import.meta.dirname, '../../fixtures/batfish');

describe('test-vpc-peering-multi-account: a peering between two accounts (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html)', () => {
  it('i-07ae69cc808e8804e (10.1.1.100) and i-066ce0b1efbb5602c (10.2.1.252) reach each other on tcp 22 over pcx-0040f7640e10191f4, each side routing with its own table', async () => {
    const { model } = await openSnapshot(path.join(samples, 'test-vpc-peering-multi-account'));
    const there = analyze(model, { from: 'i-07ae69cc808e8804e', to: 'i-066ce0b1efbb5602c', port: 22 });
    expect(there.verdict).toBe('reachable');
    expect(hopIds(there)).toEqual(expect.arrayContaining(['route-table:rtb-0039abf2a28b091bb:transit', 'peering:pcx-0040f7640e10191f4:transit']));
    expect(hopIds(there, 'return')).toContain('route-table:rtb-00fa109c642f8c07d:transit');
    expect(analyze(model, { from: 'i-066ce0b1efbb5602c', to: 'i-07ae69cc808e8804e', port: 22 }).verdict).toBe('reachable');
  });
});

describe('test-transit-gateway-multi-account: a transit gateway of 028403472736 with an attachment from 951601349076', () => {
  it('carries i-0bdf35d561be3d962 (10.1.1.100) to i-03df168b3f73cc262 (10.2.1.183) through the owner\'s route table (propagated 10.2.0.0/16)', async () => {
    const { model } = await openSnapshot(path.join(samples, 'test-transit-gateway-multi-account'));
    const result = analyze(model, { from: 'i-0bdf35d561be3d962', to: 'i-03df168b3f73cc262', port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(hopIds(result)).toEqual(expect.arrayContaining(['tgw-route-table:tgw-rtb-0b2c8eeefcf19371b:transit', 'tgw-attachment:tgw-attach-0f8397dbb9b9bce0d:transit']));
  });

  it('the participant account alone: unknown at its attachment, naming the owner\'s route table and account', async () => {
    const { model } = await openSnapshot(path.join(samples, 'test-transit-gateway-multi-account/aws_configs/accounts/951601349076'));
    const result = analyze(model, { from: 'i-03df168b3f73cc262', to: '10.1.1.100', port: 22 });
    expect(drop(result)).toEqual({ verdict: 'unknown', kind: 'tgw-attachment', id: 'tgw-attach-0f8397dbb9b9bce0d', code: 'UNKNOWN_RESOURCE', leg: 'forward' });
    expect(result.blocked!.detail).toContain('tgw-rtb-0b2c8eeefcf19371b of account 028403472736 is not in this snapshot; collect it with --profile or --org-role');
  });
});
