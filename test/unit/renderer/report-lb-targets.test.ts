// Which load-balancer targets a report lists, on the demo network (expected
// values read from assets/demo/README.md): a flow to acme-prod-alb lists its
// three targets, a flow to prod-api-1 (a target of acme-prod-api-tg) its one
// registration, a diagnosis of it the same, and a flow that touches no load
// balancer nothing. F10: the health check HTTP /health on 8081 is dropped by
// acme-prod-api (sg-0de00000000000103), whose fix admits acme-prod-alb's group.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph, ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { loadBalancerTargetsOf } from '../../../renderer/src/report/lb-targets.js';

let api: ReachmapApi;
let graph: Graph;
beforeAll(async () => {
  api = await createNodeReachmapService();
  await api.openSnapshot();
  graph = await api.graph();
});

const F10 = { kind: 'security-group', id: 'sg-0de00000000000103', code: 'ENI_SG_RULES_MISMATCH' };

describe('the report\'s load-balancer targets', () => {
  it('through acme-prod-alb: its three targets, each with AWS\'s health, the check on /health 8081 and the trace through the ALB', async () => {
    const result = await api.analyze({ from: 'internet', to: 'acme-prod-alb', protocol: 'tcp', port: 443 });
    const targets = await loadBalancerTargetsOf(api, { kind: 'flow', result }, graph);
    expect(targets.map((t) => [t.balancer, t.group, t.zone, t.health.collected?.state, t.health.collected?.reason])).toEqual([
      ['acme-prod-alb', 'acme-prod-api-tg', 'us-east-1a', 'unhealthy', 'Target.Timeout'],
      ['acme-prod-alb', 'acme-prod-api-tg', 'us-east-1b', 'unhealthy', 'Target.Timeout'],
      ['acme-prod-alb', 'acme-prod-api-tg', 'us-east-1a', 'unused', 'Target.InvalidState'],
    ]);
    expect(targets.map((t) => t.target)).toEqual(['prod-api-1 i-0de00000000000105 (10.0.10.11):8080', 'prod-api-2 i-0de00000000000106 (10.0.11.11):8080', 'prod-api-3 i-0de00000000000107 (10.0.10.12):8080']);
    for (const t of targets.slice(0, 2)) {
      expect(t.health.computed).toMatchObject({ protocol: 'HTTP', port: 8081, path: '/health', verdict: 'unreachable', blocked: F10 });
      expect(t.health.computed!.blocked!.fix!.text).toContain('from the security group acme-prod-alb (sg-0de00000000000107)');
      expect(t.health.computed!.note).toContain('outside the network');
    }
    // none healthy: the ALB fails open to the two running targets; the stopped one it does not use
    expect(targets.map((t) => t.trace?.routed)).toEqual([true, true, false]);
  });

  it('to prod-api-1, or diagnosing it: its registration in acme-prod-api-tg, with the same health', async () => {
    const result = await api.analyze({ from: 'i-0de00000000000102', to: 'i-0de00000000000105', protocol: 'tcp', port: 8080 });
    const toTarget = await loadBalancerTargetsOf(api, { kind: 'flow', result }, graph);
    expect(toTarget).toHaveLength(1);
    expect(toTarget[0]).toMatchObject({ balancer: 'acme-prod-alb', group: 'acme-prod-api-tg', zone: 'us-east-1a', health: { collected: { state: 'unhealthy', reason: 'Target.Timeout' }, computed: { verdict: 'unreachable', path: '/health', blocked: F10 } } });
    expect(toTarget[0]!.trace).toBeUndefined();
    const diagnosis = await api.diagnose('i-0de00000000000105');
    expect(await loadBalancerTargetsOf(api, { kind: 'diagnose', target: 'i-0de00000000000105', result: diagnosis }, graph)).toEqual(toTarget);
  });

  it('a flow that passes no load balancer and ends at no target (R1, internet -> prod-web-1) lists none', async () => {
    const result = await api.analyze({ from: 'internet', to: 'i-0de00000000000102', protocol: 'tcp', port: 443 });
    expect(await loadBalancerTargetsOf(api, { kind: 'flow', result }, graph)).toEqual([]);
  });
});
