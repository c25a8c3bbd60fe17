// The exposure text ranks by risk: the interfaces by their riskiest service,
// the services of each by risk, while the JSON keeps its order; --min-risk
// leaves out the rest.
import { describe, expect, it } from 'vitest';
import { exposureAsText } from '../../../cli/commands/exposure.js';
import type { ExposureReport } from '../../../shared/api/exposure-types.js';

const hop = { id: 'igw-a', kind: 'internet-gateway' as const, direction: 'ingress' as const, action: 'translate' as const, detail: '' };
const eni = (id: string, services: ExposureReport['exposed'][number]['services']) => ({ eni: id, instance: null, name: null, vpc: 'vpc-a', subnet: 'subnet-a', privateIp: '10.0.0.1', publicIp: '54.0.0.1', services });
const report: ExposureReport = {
  exposed: [
    eni('eni-a', [{ protocol: 'tcp', ports: [{ from: 443, to: 443 }], sources: ['0.0.0.0/0'], path: [hop], risk: 'low' }]),
    eni('eni-b', [
      { protocol: 'tcp', ports: [{ from: 80, to: 80 }], sources: ['0.0.0.0/0'], path: [hop], risk: 'low' },
      { protocol: 'tcp', ports: [{ from: 22, to: 22 }], sources: ['0.0.0.0/0'], path: [hop], risk: 'high', riskReason: 'tcp 22 (SSH) open to the whole internet' },
    ]),
  ],
  warnings: [],
};

describe('exposure text, ranked', () => {
  it('puts the interface with SSH open to the world first, and SSH before its web port', () => {
    const text = exposureAsText(report);
    expect(text.indexOf('eni-b')).toBeLessThan(text.indexOf('eni-a'));
    expect(text.indexOf('[HIGH]   tcp 22')).toBeLessThan(text.indexOf('[LOW]    tcp 80'));
    expect(text).toContain('tcp 22 (SSH) open to the whole internet');
  });

  it('--min-risk high keeps only the high services', () => {
    const text = exposureAsText(report, 'high');
    expect(text).toMatch(/^The internet reaches 1 network interface at risk high or above:/);
    expect(text).not.toContain('eni-a');
    expect(text).not.toContain('tcp 80');
  });
});

describe('exposure text over several accounts', () => {
  it('groups the interfaces under their account, the account of the riskiest first, each account once', () => {
    const [a, b] = report.exposed;
    const text = exposureAsText({
      exposed: [
        { ...a!, account: '222222222222' },
        { ...b!, eni: 'eni-c', account: '111111111111' },
        { ...a!, eni: 'eni-d', account: '222222222222' },
        { ...b!, account: '222222222222' },
      ],
      warnings: [],
    });
    // eni-c (account 1) and eni-b (account 2) both have SSH open: eni-c is listed first, so account 1 comes first
    const headings = text.split('\n').filter((line) => line.startsWith('account '));
    expect(headings).toEqual(['account 111111111111:', 'account 222222222222:']);
    const order = ['account 111111111111:', 'eni-c', 'account 222222222222:', 'eni-b', 'eni-a', 'eni-d'].map((word) => text.indexOf(word));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('one account: no heading, as before', () => {
    expect(exposureAsText({ exposed: report.exposed.map((entry) => ({ ...entry, account: '111111111111' })), warnings: [] })).not.toContain('account ');
  });
});
