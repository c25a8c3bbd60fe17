// Flow log records written by hand for the demo network's planted faults
// (assets/demo/README.md), set against the demo snapshot: each REJECT is
// explained by the component the README names, the drops flow logs cannot
// see (routes) are no disagreement, and records planted to disagree with the
// configuration are flagged as such. Times are 2026-11-29 10:00Z, two hours
// before the demo's createdAt (12:00Z), unless a test moves them.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlowLogReader } from '../../../shared/api/flowlogs/reading.js';
import { reconcileFlowLogs } from '../../../shared/api/flowlogs/reconcile.js';
import type { FlowLogsReport, ReconciledConversation } from '../../../shared/api/flowlogs/report-types.js';
import { parseIntents } from '../../../shared/api/intents.js';
import { buildModel } from '../../../shared/aws/build-model.js';
import { readSnapshotPath } from '../../../shared/aws/read/node.js';
import type { NetworkModel } from '../../../shared/model/types.js';

const demoFile = path.resolve(import.meta.dirname, '../../../assets/demo/demo-snapshot.json');
let model: NetworkModel;
beforeAll(async () => {
  model = buildModel(await readSnapshotPath(demoFile)).model;
});

const T = 1795946400; // 2026-11-29T10:00:00Z
const ACCOUNT = '111122223333';
/** one default-format record: eni, src, dst, srcport, dstport, protocol, action */
const rec = (eni: string, src: string, dst: string, sport: number, dport: number, action: 'ACCEPT' | 'REJECT', time = T, protocol = 6) =>
  `2 ${ACCOUNT} eni-0de${eni} ${src} ${dst} ${sport} ${dport} ${protocol} 10 1500 ${time} ${time + 60} ${action} OK`;

function reconcile(lines: string[], options: { intents?: string; maxSkewHours?: number } = {}): FlowLogsReport {
  const reader = new FlowLogReader();
  const parser = reader.file('demo-flows.log');
  parser.push(new TextEncoder().encode(`${lines.join('\n')}\n`));
  parser.end();
  return reconcileFlowLogs(model, reader.result(), {
    label: 'demo',
    ...(options.maxSkewHours !== undefined ? { maxSkewHours: options.maxSkewHours } : {}),
    ...(options.intents ? { intents: parseIntents(options.intents, 'intents.yaml') } : {}),
  });
}

function at(report: FlowLogsReport, eni: string, server: string, port: number | null): ReconciledConversation {
  const found = report.conversations.find((c) => c.interfaceId === `eni-0de${eni}` && c.server === server && c.port === port);
  if (!found) throw new Error(`no conversation at eni-0de${eni} to ${server}:${port}`);
  return found;
}

describe('REJECTs explained by the planted faults', () => {
  it('F1: ACCEPT at prod-api-1, REJECT at prod-cache: a drop on the destination\'s side at acme-prod-cache, no disagreement', () => {
    const report = reconcile([rec('00000000000105', '10.0.10.11', '10.0.20.21', 50001, 6379, 'ACCEPT'), rec('0000000000010a', '10.0.10.11', '10.0.20.21', 50001, 6379, 'REJECT')]);
    const source = at(report, '00000000000105', '10.0.20.21', 6379);
    expect(source.side).toBe('client');
    expect(source.interfaceName).toBe('prod-api-1');
    expect(source.findings).toEqual([]);
    const destination = at(report, '0000000000010a', '10.0.20.21', 6379);
    expect(destination.side).toBe('server');
    expect(destination.findings.map((f) => [f.kind, f.leg, f.disagreement])).toEqual([['reject-explained', 'forward', false]]);
    expect(destination.model?.blocked).toMatchObject({ id: 'sg-0de00000000000105', kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH', direction: 'forward' });
    expect(destination.findings[0]!.text).toContain('sg-0de00000000000105');
    expect(report.summary).toMatchObject({ conversations: 2, explained: 1, disagreements: 0, unjudged: 0 });
  });

  it('F2: the dashboard accepts the request from the internet and rejects its reply: the reply is the return leg, dropped by acme-analytics-public-acl', () => {
    const report = reconcile([rec('00000000000301', '198.51.100.7', '10.20.0.11', 51000, 443, 'ACCEPT'), rec('00000000000301', '10.20.0.11', '198.51.100.7', 443, 51000, 'REJECT')]);
    expect(report.conversations).toHaveLength(1);
    const c = at(report, '00000000000301', '10.20.0.11', 443);
    expect(c).toMatchObject({ client: '198.51.100.7', side: 'server', clientPort: 51000 });
    expect(c.forward.accepted.records).toBe(1);
    expect(c.return.rejected.records).toBe(1);
    expect(c.findings.map((f) => [f.kind, f.leg])).toEqual([['reject-explained', 'return']]);
    expect(c.model?.blocked).toMatchObject({ id: 'acl-0de00000000000302', kind: 'network-acl', code: 'SUBNET_ACL_RESTRICTION', direction: 'return' });
  });

  it('denied by design: SSH from the internet REJECTed at prod-bastion is explained by acme-prod-bastion', () => {
    const report = reconcile([rec('00000000000101', '198.51.100.9', '10.0.0.10', 40022, 22, 'REJECT')]);
    expect(at(report, '00000000000101', '10.0.0.10', 22).model?.blocked).toMatchObject({ id: 'sg-0de00000000000101', code: 'ENI_SG_RULES_MISMATCH' });
  });
});

describe('drops flow logs cannot see are no disagreement', () => {
  it('F6: requests and replies ACCEPTed at both ends, the reply lost for want of a route: agrees', () => {
    const report = reconcile([
      rec('00000000000202', '10.1.0.21', '10.20.20.11', 45000, 9100, 'ACCEPT'),
      rec('00000000000304', '10.1.0.21', '10.20.20.11', 45000, 9100, 'ACCEPT'),
      rec('00000000000304', '10.20.20.11', '10.1.0.21', 9100, 45000, 'ACCEPT'),
    ]);
    expect(at(report, '00000000000304', '10.20.20.11', 9100).model?.blocked).toMatchObject({ id: 'rtb-0de00000000000303', direction: 'return' });
    expect(report.conversations.flatMap((c) => c.findings)).toEqual([]);
  });

  it('F3: prod-worker-1 ACCEPTs its request to the internet; the route table drops it after', () => {
    const report = reconcile([rec('0000000000010b', '10.0.30.11', '198.51.100.20', 47000, 443, 'ACCEPT')]);
    const c = at(report, '0000000000010b', '198.51.100.20', 443);
    expect(c.side).toBe('client');
    expect(c.model?.blocked).toMatchObject({ id: 'rtb-0de00000000000105', code: 'NO_ROUTE_TO_DESTINATION' });
    expect(c.findings).toEqual([]);
  });

  it('R3: web-1 to api-1 on 8080, both ways at both ends: agrees', () => {
    const report = reconcile([
      rec('00000000000102', '10.0.0.21', '10.0.10.11', 41000, 8080, 'ACCEPT'),
      rec('00000000000102', '10.0.10.11', '10.0.0.21', 8080, 41000, 'ACCEPT'),
      rec('00000000000105', '10.0.0.21', '10.0.10.11', 41000, 8080, 'ACCEPT'),
      rec('00000000000105', '10.0.10.11', '10.0.0.21', 8080, 41000, 'ACCEPT'),
    ]);
    expect(report.conversations).toHaveLength(2);
    expect(report.conversations.map((c) => [c.side, c.model?.verdict, c.findings.length])).toEqual([
      ['client', 'reachable', 0],
      ['server', 'reachable', 0],
    ]);
  });
});

describe('records planted to disagree', () => {
  it('REJECT at prod-db-primary for prod-api-1 on 5432 (R4, reachable): not explained by the configuration', () => {
    const report = reconcile([rec('00000000000108', '10.0.10.11', '10.0.20.11', 52000, 5432, 'REJECT')]);
    const c = at(report, '00000000000108', '10.0.20.11', 5432);
    expect(c.model?.verdict).toBe('reachable');
    expect(c.findings).toEqual([
      {
        kind: 'reject-not-explained',
        leg: 'forward',
        disagreement: true,
        text: 'REJECT at eni-0de00000000000108 for the request of 10.0.10.11 -> 10.0.20.11 tcp/5432, yet the configuration lets it through: not explained by the configuration: stale snapshot, host firewall, or a component we do not model',
      },
    ]);
    expect(report.summary.disagreements).toBe(1);
  });

  it('ACCEPT at prod-cache for 6379 (F1 says its group drops it): the snapshot does not match what the network did', () => {
    const report = reconcile([rec('0000000000010a', '10.0.10.11', '10.0.20.21', 50001, 6379, 'ACCEPT')]);
    const [finding] = at(report, '0000000000010a', '10.0.20.21', 6379).findings;
    expect(finding).toMatchObject({ kind: 'accept-contradicts-model', leg: 'forward', disagreement: true });
    expect(finding!.text).toContain('sg-0de00000000000105');
    expect(finding!.text).toContain('the snapshot does not match what the network did');
  });

  it('a reply from the internet ACCEPTed back at prod-web-3 (F5b: no public IP, the internet gateway drops its traffic) contradicts the model', () => {
    const report = reconcile([rec('00000000000104', '198.51.100.30', '10.0.1.22', 443, 48000, 'ACCEPT')]);
    const c = at(report, '00000000000104', '198.51.100.30', 443);
    expect(c.side).toBe('client');
    expect(c.model?.blocked).toMatchObject({ id: 'igw-0de00000000000100', code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS' });
    expect(c.findings.map((f) => [f.kind, f.leg])).toEqual([['accept-contradicts-model', 'return']]);
  });
});

describe('what else the report says', () => {
  it('an interface the snapshot does not hold is named in the note; NODATA windows are counted', () => {
    const report = reconcile([
      '2 111122223333 eni-0de00000000000999 10.0.10.50 10.0.20.11 52000 5432 6 10 1500 1795946400 1795946460 REJECT OK',
      `2 ${ACCOUNT} eni-0de00000000000105 - - - - - - - ${T} ${T + 60} - NODATA`,
    ]);
    expect(report.conversations[0]!.note).toContain('eni-0de00000000000999 is not in the snapshot');
    expect(report.summary.noDataWindows).toBe(1);
  });

  it('time skew: two hours inside --max-skew, three days past it with a warning', () => {
    const near = reconcile([rec('00000000000105', '10.0.10.11', '10.0.20.11', 52000, 5432, 'ACCEPT')]);
    // the window ends 10:01, createdAt is 12:00: 1 h 59 min, to one decimal
    expect(near.skew).toEqual({ hours: 2, maxHours: 24, exceeded: false });
    expect(near.window).toEqual({ start: '2026-11-29T10:00:00Z', end: '2026-11-29T10:01:00Z' });
    const later = reconcile([rec('00000000000105', '10.0.10.11', '10.0.20.11', 52000, 5432, 'ACCEPT', T + 3 * 86400)]);
    expect(later.skew).toMatchObject({ exceeded: true, maxHours: 24 });
    expect(later.skew!.hours).toBeCloseTo(70, 0);
    expect(later.warnings.join()).toContain('--max-skew 24');
    expect(reconcile([rec('00000000000105', '10.0.10.11', '10.0.20.11', 52000, 5432, 'ACCEPT', T + 3 * 86400)], { maxSkewHours: 100 }).skew!.exceeded).toBe(false);
  });

  it('top talkers by bytes and top rejects by packets', () => {
    const report = reconcile([
      rec('00000000000105', '10.0.10.11', '10.0.20.11', 52000, 5432, 'ACCEPT'),
      rec('00000000000105', '10.0.10.11', '10.0.20.11', 52001, 5432, 'ACCEPT'),
      rec('0000000000010a', '10.0.10.11', '10.0.20.21', 50001, 6379, 'REJECT'),
    ]);
    expect(report.topTalkers.map((t) => [t.interfaceId, t.bytes])).toEqual([
      ['eni-0de00000000000105', 3000],
      ['eni-0de0000000000010a', 1500],
    ]);
    expect(report.topRejects.map((t) => [t.interfaceId, t.packets])).toEqual([['eni-0de0000000000010a', 10]]);
  });

  it('--intents: accepted traffic no intent allows, rejected traffic an intent expects', () => {
    const intents = [
      'flows:',
      '  - name: API uses the cache',
      '    from: prod-api-1',
      '    to: prod-cache',
      '    port: 6379',
      '    expect: reachable',
      '  - from: tag:Role=web',
      '    to: i-0de00000000000105',
      '    port: 8080',
      '    expect: reachable',
    ].join('\n');
    const report = reconcile(
      [
        rec('0000000000010a', '10.0.10.11', '10.0.20.21', 50001, 6379, 'REJECT'),
        rec('00000000000105', '10.0.0.21', '10.0.10.11', 41000, 8080, 'ACCEPT'),
        rec('00000000000105', '10.0.10.11', '10.0.20.11', 52000, 5432, 'ACCEPT'),
      ],
      { intents },
    );
    expect(report.intents?.rejectedExpected.map((m) => [m.intent, report.conversations[m.index]!.interfaceId])).toEqual([['API uses the cache', 'eni-0de0000000000010a']]);
    expect(report.intents?.acceptedNotAllowed.map((m) => report.conversations[m.index]!.server)).toEqual(['10.0.20.11']);
  });
});
