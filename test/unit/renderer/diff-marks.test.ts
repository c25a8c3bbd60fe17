// Where Compare with… marks changes on the map, on the demo's real graph
// (assets/demo/README.md): a drawn component itself, a security group on the
// interfaces that hold it, an ACL or route table on its subnets, an instance
// on its interface; a component this map does not draw is not marked.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComponentChange } from '../../../shared/api/diff/types.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { diffMarks, nodesOfChange } from '../../../renderer/src/compare/diff-marks.js';
import { indexGraph, type GraphIndex } from '../../../renderer/src/map/visible-graph.js';

let index: GraphIndex;
beforeAll(async () => {
  const service = await createNodeReachmapService();
  await service.openSnapshot();
  index = indexGraph(await service.graph());
});

const change = (kind: string, id: string, what: ComponentChange['change'] = 'modified'): ComponentChange => ({ change: what, kind, key: '', id, name: null, account: '111122223333', region: 'us-east-1', edits: [], text: '' });

describe('Compare with… on the map', () => {
  it('a security group shows on the interfaces that hold it (acme-prod-db: prod-db-primary and prod-db-replica)', () => {
    expect(nodesOfChange(index, change('security-group', 'sg-0de00000000000104')).sort()).toEqual(['eni-0de00000000000108', 'eni-0de00000000000109']);
  });

  it('an ACL shows on the subnets it is associated with (acme-prod-public-acl: the two public subnets)', () => {
    expect(nodesOfChange(index, change('network-acl', 'acl-0de00000000000102')).sort()).toEqual(['subnet-0de00000000000111', 'subnet-0de00000000000112']);
  });

  it('an instance shows on its interface; a deleted interface of the other snapshot is not on this map', () => {
    expect(nodesOfChange(index, change('instance', 'i-0de00000000000105'))).toContain('eni-0de00000000000105');
    expect(nodesOfChange(index, change('eni', 'eni-0de00000000000fff', 'removed'))).toEqual([]);
  });

  it('one mark per node: added or removed over modified', () => {
    const marks = new Map(diffMarks(index, [change('security-group', 'sg-0de00000000000104'), change('eni', 'eni-0de00000000000108', 'added'), change('subnet', 'subnet-0de00000000000215', 'added')]));
    expect(marks.get('eni-0de00000000000108')).toBe('diff-added');
    expect(marks.get('eni-0de00000000000109')).toBe('diff-modified');
    expect(marks.get('subnet-0de00000000000215')).toBe('diff-added');
  });
});
