// allowedBetween(a, b): every protocol and port range A can use to reach B,
// computed over classes of ports rather than port by port. Expected sets are
// read from the rules by hand; the property test checks that the answer is
// what per-port analysis (analyzeFlow) says on sampled ports of random
// networks.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { buildModel } from '../../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import { allowedBetween, type ProtocolPorts } from '../../../shared/engine/allowed-between.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { twoSubnetVpc } from '../../fixtures/engine/network.js';
import { randomFlow, randomNetwork, Rng } from '../../oracle/random-network.js';

const allAllow = { n: 100, action: 'allow' as const, protocol: '-1', cidr: '0.0.0.0/0' };

describe('allowedBetween on small networks', () => {
  it('an SG range with one port denied by the ACL gives the range with a hole', () => {
    // sg-app admits tcp 80-90 from the VPC; acl-priv denies tcp 85 inbound (rule 50) before allowing everything (100);
    // web's group allows everything out, acl-pub lets everything out and the replies in.
    const model = twoSubnetVpc({
      appGroup: [{ protocol: 'tcp', ports: [80, 90], cidr: '10.0.0.0/16' }],
      privateAcl: { inbound: [{ n: 50, action: 'deny', protocol: '6', ports: [85, 85] }, allAllow] },
    }).build();
    const result = allowedBetween(model, 'i-web', 'i-app');
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 80, to: 84 }, { from: 86, to: 90 }] }]);
    expect(result.unknown).toEqual([]);
    expect(result.from).toEqual({ kind: 'eni', id: 'eni-web', ip: '10.0.1.10' });
    expect(result.to).toEqual({ kind: 'eni', id: 'eni-app', ip: '10.0.2.20' });
  });

  it('protocols are judged apart: udp 53, icmp echo and protocol 47 named by rules, nothing else', () => {
    const model = twoSubnetVpc({
      appGroup: [
        { protocol: 'udp', ports: [53, 53], cidr: '10.0.0.0/16' },
        { protocol: 'icmp', ports: [8, -1], cidr: '10.0.0.0/16' },
        { protocol: '47', cidr: '10.0.0.0/16' },
      ],
    }).build();
    const result = allowedBetween(model, 'i-web', 'i-app');
    expect(sorted(result.reachable)).toEqual(sorted([
      { protocol: 'udp', ports: [{ from: 53, to: 53 }] },
      { protocol: 'icmp', ports: null },
      { protocol: '47', ports: null },
    ]));
  });

  it('the return leg counts: an ACL that refuses udp replies to 1024-65535 leaves every protocol but udp', () => {
    // app admits everything from the VPC; acl-priv lets nothing of udp out toward the client's port 49152
    const model = twoSubnetVpc({
      appGroup: [{ protocol: '-1', cidr: '10.0.0.0/16' }],
      privateAcl: { outbound: [{ n: 50, action: 'deny', protocol: '17', ports: [1024, 65535] }, allAllow] },
    }).build();
    const result = allowedBetween(model, 'i-web', 'i-app');
    expect(sorted(result.reachable)).toEqual(sorted([
      { protocol: 'tcp', ports: [{ from: 0, to: 65535 }] },
      { protocol: 'icmp', ports: null },
      { protocol: 'all', ports: null },
    ]));
  });

  it('bad endpoints are bad input, as for analyze', () => {
    const model = twoSubnetVpc().build();
    expect(() => allowedBetween(model, 'i-nothere', 'i-app')).toThrow(InputError);
  });
});

describe('allowedBetween on the demo network (assets/demo/README.md)', () => {
  it('internet -> prod-web-1: tcp 80 and 443 (acme-prod-web admits those from 0.0.0.0/0, 22 only from the bastion group)', async () => {
    const { model } = await openSnapshot();
    expect(allowedBetween(model, 'internet', 'i-0de00000000000102').reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 80, to: 80 }, { from: 443, to: 443 }] }]);
  });

  it('prod-api-1 -> prod-cache: tcp 6380 only (F1: the group opens 6380, not 6379)', async () => {
    const { model } = await openSnapshot();
    expect(allowedBetween(model, 'i-0de00000000000105', 'i-0de0000000000010a').reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 6380, to: 6380 }] }]);
  });

  it('prod-api-1 -> prod-db-primary: tcp 5432 (acme-prod-db admits the api group on 5432; acme-prod-data-acl lets 5432 in)', async () => {
    const { model } = await openSnapshot();
    expect(allowedBetween(model, 'i-0de00000000000105', 'i-0de00000000000108').reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 5432, to: 5432 }] }]);
  });

  it('internet -> analytics-dashboard: nothing (F2: the reply to port 49152 is refused by acme-analytics-public-acl)', async () => {
    const { model } = await openSnapshot();
    expect(allowedBetween(model, 'internet', 'i-0de00000000000301').reachable).toEqual([]);
  });

  it('internet -> acme-prod-alb: tcp 443, its one listener, which its group admits from 0.0.0.0/0 (F10: no target healthy, the ALB fails open)', async () => {
    const { model } = await openSnapshot();
    expect(allowedBetween(model, 'internet', 'acme-prod-alb').reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 443, to: 443 }] }]);
  });

  it('prod-api-1 -> acme-shared-logs-nlb: tcp 6514, its TCP listener (no security groups; the collector admits 10.0.0.0/8, the client IP preserved)', async () => {
    const { model } = await openSnapshot();
    const result = allowedBetween(model, 'i-0de00000000000105', 'acme-shared-logs-nlb');
    expect(result.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 6514, to: 6514 }] }]);
    expect(result.unknown).toEqual([]);
  });
});

function sorted(list: ProtocolPorts[]): ProtocolPorts[] {
  return [...list].sort((a, b) => a.protocol.localeCompare(b.protocol));
}

function verdictIn(lists: { reachable: ProtocolPorts[]; unknown: ProtocolPorts[] }, protocol: string, port: number | undefined): string {
  const inList = (list: ProtocolPorts[]) => list.some((p) => p.protocol === protocol && (p.ports === null || p.ports.some((r) => port !== undefined && r.from <= port && port <= r.to)));
  if (inList(lists.reachable)) return 'reachable';
  if (inList(lists.unknown)) return 'unknown';
  return 'unreachable';
}

/** Ports worth asking: each edge of each answered range (and its neighbours), and random ones. */
function samplePorts(rng: Rng, lists: ProtocolPorts[][], protocol: string): number[] {
  const ports = new Set<number>([0, 22, 80, 443, 1023, 1024, 49152, 65535]);
  for (const list of lists) for (const p of list) if (p.protocol === protocol) for (const r of p.ports ?? []) [r.from - 1, r.from, r.to, r.to + 1].forEach((x) => ports.add(x));
  for (let i = 0; i < 6; i++) ports.add(rng.int(0, 65535));
  return [...ports].filter((p) => p >= 0 && p <= 65535);
}

describe('allowedBetween agrees with per-port analysis (property test on random networks)', () => {
  it('for every sampled port of tcp and udp, and for icmp and all, the verdict of analyzeFlow is the one the sets give', () => {
    let pairs = 0;
    let reachableSeen = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const network = randomNetwork(seed);
      const model: NetworkModel = buildModel(network.snapshot as RawSnapshot).model;
      const rng = new Rng(seed * 7919);
      for (let i = 0; i < 6; i++) {
        const { from, to } = randomFlow(rng, network.facts);
        let answer;
        try {
          answer = allowedBetween(model, from, to);
        } catch (error) {
          if (error instanceof InputError) continue;
          throw error;
        }
        pairs++;
        if (answer.reachable.length > 0) reachableSeen++;
        for (const protocol of ['tcp', 'udp']) {
          for (const port of samplePorts(rng, [answer.reachable, answer.unknown], protocol)) {
            const verdict = analyzeFlow(model, { from, to, protocol, port }).verdict;
            expect(verdict, `seed ${seed}: ${from} -> ${to} ${protocol} ${port}`).toBe(verdictIn(answer, protocol, port));
          }
        }
        for (const protocol of ['icmp', 'all']) {
          expect(analyzeFlow(model, { from, to, protocol }).verdict, `seed ${seed}: ${from} -> ${to} ${protocol}`).toBe(verdictIn(answer, protocol, undefined));
        }
      }
    }
    // the run must exercise real answers, not only empty ones
    expect(pairs).toBeGreaterThan(80);
    expect(reachableSeen).toBeGreaterThan(15);
  });
});
