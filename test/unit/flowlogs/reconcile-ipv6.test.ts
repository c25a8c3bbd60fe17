// IPv6 records are traced as IPv6 flows (issue 17's engine: query.family),
// on the dual-stack VPC of test/fixtures/engine/dual-stack.ts: i-web
// (eni-web, 2600:1f18:a:1::10) in a public subnet whose group sg-web admits
// tcp 22 from ::/0 but tcp 80 from 0.0.0.0/0 only; i-db (eni-db,
// 2600:1f18:a:2::20) whose group sg-db admits 5432 from the VPC's
// 2600:1f18:a::/56. Records written by hand in AWS's default format, from an
// internet client 2001:db8::77 (AWS: IPv6 addresses in srcaddr/dstaddr, "IPv6
// traffic" on the flow log records page).
import { describe, expect, it } from 'vitest';
import { FlowLogReader } from '../../../shared/api/flowlogs/reading.js';
import { reconcileFlowLogs } from '../../../shared/api/flowlogs/reconcile.js';
import { dual } from '../../fixtures/engine/dual-stack.js';

const T = 1795946400;
const rec = (eni: string, src: string, dst: string, sport: number, dport: number, action: 'ACCEPT' | 'REJECT') =>
  `2 111122223333 ${eni} ${src} ${dst} ${sport} ${dport} 6 4 240 ${T} ${T + 60} ${action} OK`;

function reconcile(lines: string[]) {
  const reader = new FlowLogReader();
  const parser = reader.file('v6.log');
  parser.push(new TextEncoder().encode(`${lines.join('\n')}\n`));
  parser.end();
  return reconcileFlowLogs(dual().build(), reader.result(), { label: 'dual-stack' });
}

describe('IPv6 records', () => {
  it('SSH over IPv6 to i-web is admitted by sg-web (::/0): traced as IPv6, reachable, no finding', () => {
    const report = reconcile([rec('eni-web', '2001:db8::77', '2600:1f18:a:1::10', 50000, 22, 'ACCEPT')]);
    const [c] = report.conversations;
    expect(c).toMatchObject({ side: 'server', note: null });
    expect(c!.model).toMatchObject({ flow: { from: '2001:db8::77', to: 'eni-web', protocol: 'tcp', port: 22, family: 'ipv6' }, verdict: 'reachable', blocked: null });
    expect(c!.findings).toEqual([]);
  });

  it('HTTP over IPv6 REJECTed at i-web is explained by sg-web, which admits 80 from 0.0.0.0/0 only', () => {
    const report = reconcile([rec('eni-web', '2001:db8::77', '2600:1f18:a:1::10', 50001, 80, 'REJECT')]);
    const [c] = report.conversations;
    expect(c!.model).toMatchObject({ verdict: 'unreachable', blocked: { id: 'sg-web', kind: 'security-group', code: 'ENI_SG_RULES_MISMATCH', direction: 'forward' } });
    expect(c!.findings.map((f) => [f.kind, f.disagreement])).toEqual([['reject-explained', false]]);
    expect(report.summary).toMatchObject({ explained: 1, disagreements: 0, unjudged: 0 });
    expect(report.warnings.join()).not.toContain('could not be traced');
  });

  it('i-web to i-db on 5432 inside the VPC\'s /56, recorded at i-db: reachable, the interface is the server', () => {
    const report = reconcile([rec('eni-db', '2600:1f18:a:1::10', '2600:1f18:a:2::20', 50002, 5432, 'ACCEPT')]);
    const [c] = report.conversations;
    expect(c).toMatchObject({ side: 'server' });
    expect(c!.model).toMatchObject({ flow: { to: 'eni-db', family: 'ipv6' }, verdict: 'reachable' });
  });

  it('an IPv4 flow carries no family, as before', () => {
    const report = reconcile([rec('eni-web', '198.51.100.7', '10.0.1.10', 50003, 80, 'ACCEPT')]);
    expect(report.conversations[0]!.model!.flow).toEqual({ from: '198.51.100.7', to: 'eni-web', protocol: 'tcp', port: 80, sourcePort: 50003 });
  });
});
