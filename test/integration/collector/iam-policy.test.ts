// docs/iam-policy.json, written by hand, is exactly what the collector needs:
// every action it sends to AWS is in the policy, and every action in the
// policy is sent by some collection.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import type { AwsTestServer } from '../../aws-server/server.js';
import { collectAllAccounts, demoSnapshot, isolateAwsEnvironment, readSample, repoRoot, serve } from './helpers.js';

interface Policy {
  Statement: { Effect: string; Action: string[]; Resource: string }[];
}

const IAM_PREFIX = { ec2: 'ec2', elbv2: 'elasticloadbalancing', sts: 'sts', organizations: 'organizations', logs: 'logs' } as const;

describe('docs/iam-policy.json', () => {
  const policy = JSON.parse(readFileSync(path.join(repoRoot, 'docs/iam-policy.json'), 'utf8')) as Policy;
  const allowed = new Set(policy.Statement.flatMap((statement) => statement.Action));
  const sent = new Set<string>();
  const servers: AwsTestServer[] = [];

  beforeAll(async () => {
    isolateAwsEnvironment();
    // the demo has transit gateways and managed prefix lists, the load-balancer sample has ELBv2
    for (const raw of [await readSnapshotPath(demoSnapshot), await readSample('test-load-balancer')]) {
      const server = await serve(raw);
      servers.push(server);
      await collectAllAccounts(server, raw);
      for (const call of server.calls) sent.add(`${IAM_PREFIX[call.service]}:${call.action}`);
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('allows only read actions, on every resource', () => {
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Resource).toBe('*');
    }
    for (const action of allowed) expect(action).toMatch(/^(ec2|elasticloadbalancing|sts):(Describe|Get|Search)[A-Za-z]+$/);
  });

  it('covers every action the collector sends', () => {
    expect(sent.size).toBeGreaterThan(0);
    expect([...sent].filter((action) => !allowed.has(action))).toEqual([]);
  });

  it('names no action the collector never sends', () => {
    expect([...allowed].filter((action) => !sent.has(action))).toEqual([]);
  });
});
