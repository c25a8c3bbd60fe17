// Redaction of what a report shows. The demo's account is 111122223333 and
// its public addresses are in 203.0.113.0/24 (assets/demo/README.md: the NAT
// gateways 203.0.113.20 and .140, prod-web-1's Elastic IP 203.0.113.11 ...).
import { describe, expect, it } from 'vitest';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { createRedactor } from '../../../renderer/src/report/redact.js';


describe('createRedactor', () => {
  it('masks account ids and public addresses, the same value always the same way', () => {
    const r = createRedactor();
    expect(r.text('account 111122223333, arn:aws:iam::444455556666:role/x')).toBe('account acct-1, arn:aws:iam::acct-2:role/x');
    expect(r.text('owner 111122223333')).toBe('owner acct-1');
    expect(r.text('EIP 203.0.113.11 and 203.0.113.0/24, again 203.0.113.11')).toBe('EIP public-ip-1 and public-ip-2/24, again public-ip-1');
  });

  it('keeps private and shared addresses, the any-address, the stand-in internet host and resource ids', () => {
    const r = createRedactor();
    const kept = '10.0.10.11 172.16.0.1 192.168.10.5 100.64.0.1 0.0.0.0/0 198.51.100.1 i-0de00000000000105 eni-0de000000000001f0 sg-0de00000000000105 rule 32767';
    expect(r.text(kept)).toBe(kept);
  });

  it('leaves no account id or public address anywhere in the demo graph and a planted fault', async () => {
    const service = await createNodeReachmapService();
    await service.openSnapshot(undefined);
    const r = createRedactor();
    const summary = JSON.stringify(r.deep(await service.currentSnapshot()));
    const graph = JSON.stringify(r.deep(await service.graph()));
    const answer = JSON.stringify(r.deep(await service.analyze({ from: 'internet', to: 'i-0de00000000000102', protocol: 'tcp', port: 443 })));
    for (const text of [summary, graph, answer]) {
      expect(text).not.toContain('111122223333');
      expect(text).not.toMatch(/203\.0\.113\.\d/);
    }
    // The account container of the map and the metadata name the same mask.
    expect(summary).toContain('"acct-1"');
    expect(graph).toContain('account:acct-1');
    // prod-web-1's Elastic IP keeps one mask across the graph and the answer.
    const eipMask = /"publicIp":"(public-ip-\d+)"/.exec(graph.slice(graph.indexOf('"name":"prod-web-1"')))?.[1];
    expect(eipMask).toBeDefined();
    expect(answer).toContain(eipMask!);
  });
});
