// The service answers on the snapshot with change sets applied, says so, and
// takes them back; the opened snapshot is never changed. Flows and drop
// points are the demo's (assets/demo/README.md: F1, R5).
import { describe, expect, it } from 'vitest';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { CHANGE_SET_FORMAT, type ChangeSet } from '../../../shared/model/change-set.js';

const F1 = { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6379 };
const admit6379: ChangeSet = {
  format: CHANGE_SET_FORMAT,
  changes: [{ action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
};

describe('the service with change sets applied', () => {
  it('answers on the edited snapshot, says so in the answer and the summary, and undoes', async () => {
    const service = await createNodeReachmapService();
    await service.openSnapshot();
    expect((await service.analyze(F1)).verdict).toBe('unreachable');

    const summary = await service.applyChanges(admit6379, 'fix.json');
    expect(summary.changes).toEqual({ count: 1, sources: ['fix.json'] });
    const edited = await service.analyze(F1);
    expect(edited.verdict).toBe('reachable');
    expect(edited.warnings.at(-1)).toBe('This answer is on the snapshot with 1 edit applied (fix.json); the snapshot itself is unchanged.');
    expect((await service.changes())?.changes).toEqual(admit6379.changes);
    // The inspector sees the new rule too.
    const inspected = JSON.stringify(await service.inspect('sg-0de00000000000105'));
    expect(inspected).toContain('6379');

    const undone = await service.undoChanges();
    expect(undone.changes).toBeNull();
    const again = await service.analyze(F1);
    expect(again.verdict).toBe('unreachable');
    expect(again.warnings.join(' ')).not.toContain('edit');
    expect(await service.changes()).toBeNull();
  });

  it('piles change sets up in order, and an edit AWS would refuse changes nothing', async () => {
    const service = await createNodeReachmapService();
    await service.openSnapshot();
    await service.applyChanges(admit6379, 'first');
    // The same rule again: AWS answers InvalidPermission.Duplicate, and so do we; the first set stays applied.
    await expect(service.applyChanges(admit6379, 'second')).rejects.toThrow(/^second: changes\[0\] \(AuthorizeSecurityGroupIngress\): .*InvalidPermission\.Duplicate/);
    expect((await service.currentSnapshot())?.changes).toEqual({ count: 1, sources: ['first'] });
    const revoke6380: ChangeSet = {
      format: CHANGE_SET_FORMAT,
      changes: [{ action: 'RevokeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6380, ToPort: 6380, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] }],
    };
    await service.applyChanges(revoke6380, 'second');
    expect((await service.analyze({ ...F1, port: 6380 })).verdict).toBe('unreachable');
    expect((await service.analyze(F1)).verdict).toBe('reachable');
    await service.undoChanges(1);
    expect((await service.analyze({ ...F1, port: 6380 })).verdict).toBe('reachable');
    expect((await service.analyze(F1)).verdict).toBe('reachable');
  });
});
