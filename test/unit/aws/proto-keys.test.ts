// Issue 13, item 9: accounts, regions and keys named "__proto__" are kept (or
// warned about), never dropped silently, and never become an object's prototype.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';

const temp = mkdtempSync(path.join(tmpdir(), 'reachmap-proto-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const vpc = (id: string, cidr: string) => ({ VpcId: id, CidrBlock: cidr, State: 'available' });
const evilSubnet = { SubnetId: 'subnet-0evil', VpcId: 'vpc-0a', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' };

async function open(target: string) {
  const service = await createNodeReachmapService();
  const summary = await service.openSnapshot(target);
  const graph = await service.topology();
  return { summary, ids: graph.nodes.map((n) => n.id).sort() };
}

describe('13.9 accounts, regions or keys named __proto__ are kept or warned', () => {
  it('a reachmap-snapshot/1 file: the __proto__ account and region are kept; a __proto__ key in a region is warned about and injects nothing', async () => {
    const file = path.join(temp, 'proto.json');
    // written as text: an object literal's "__proto__" would set the prototype, not a key
    writeFileSync(
      file,
      `{"format":"reachmap-snapshot/1","source":{"kind":"import"},"errors":[],"accounts":{` +
        `"__proto__":{"__proto__":{"Vpcs":[${JSON.stringify(vpc('vpc-0a', '10.0.0.0/16'))}],"__proto__":{"Subnets":[${JSON.stringify(evilSubnet)}]}}},` +
        `"111122223333":{"us-east-1":{"Vpcs":[${JSON.stringify(vpc('vpc-0b', '10.1.0.0/16'))}]}}}}`,
    );
    const { summary, ids } = await open(file);
    expect(summary.accounts.sort()).toEqual(['111122223333', '__proto__']);
    expect(summary.regions).toEqual(
      expect.arrayContaining([
        { account: '__proto__', region: '__proto__' },
        { account: '111122223333', region: 'us-east-1' },
      ]),
    );
    expect(summary.counts.vpcs).toBe(2);
    expect(summary.counts.subnets).toBe(0);
    expect(ids).toEqual(['account:111122223333', 'account:__proto__', 'region:111122223333/us-east-1', 'region:__proto__/__proto__', 'vpc-0a', 'vpc-0b']);
    expect(summary.warnings.join('\n')).toContain('unknown keys ignored: __proto__');
    expect(({} as Record<string, unknown>).Subnets).toBeUndefined();
  });

  it('an aws_configs folder: accounts/__proto__/__proto__/ is read like any account and region', async () => {
    const root = path.join(temp, 'folder');
    const write = (relative: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
    };
    write('aws_configs/accounts/__proto__/__proto__/Vpcs.json', `{"Vpcs":[${JSON.stringify(vpc('vpc-0a', '10.0.0.0/16'))}],"__proto__":{"Subnets":[${JSON.stringify(evilSubnet)}]}}`);
    write('aws_configs/accounts/111122223333/us-east-1/Vpcs.json', JSON.stringify({ Vpcs: [vpc('vpc-0b', '10.1.0.0/16')] }));
    const { summary, ids } = await open(root);
    expect(summary.accounts.sort()).toEqual(['111122223333', '__proto__']);
    expect(ids).toEqual(['account:111122223333', 'account:__proto__', 'region:111122223333/us-east-1', 'region:__proto__/__proto__', 'vpc-0a', 'vpc-0b']);
    expect(summary.counts.subnets).toBe(0);
    expect(summary.warnings.join('\n')).toContain('unknown keys ignored: __proto__');
  });
});
