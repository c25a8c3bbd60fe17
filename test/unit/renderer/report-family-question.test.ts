// An IPv6 flow's report (issue 17): the family travels in the report route's
// address (`family=ipv6`), as `reachmap report --family ipv6` and Export PNG
// after an IPv6 trace write it; an IPv4 flow's address stays as it was.
import { describe, expect, it } from 'vitest';
import { reportFragment } from '../../../cli/commands/report.js';
import { parseReportRequest, questionOnScreen, reportHash } from '../../../renderer/src/report/question.js';

describe('the family of a flow report', () => {
  it('the CLI writes family=ipv6 and the page reads it back', () => {
    const hash = reportFragment({ from: 'internet', to: 'i-1', port: '22', family: 'ipv6', png: 'x.png' });
    expect(hash).toBe('#/report?from=internet&to=i-1&family=ipv6&port=22');
    const request = parseReportRequest(hash);
    expect(request).toEqual({ question: { kind: 'flow', from: 'internet', to: 'i-1', port: 22, family: 'ipv6' }, redact: false });
    expect(parseReportRequest(reportHash(request!))).toEqual(request);
  });

  it('--family without a flow or a diagnosis is bad input', () => {
    expect(() => reportFragment({ exposure: true, family: 'ipv6', png: 'x.png' })).toThrow(/--family goes with --from\/--to or --diagnose/);
  });

  it('a diagnosis carries its family too (report --diagnose --family, the Diagnose tab\'s Family)', () => {
    const hash = reportFragment({ diagnose: 'prod-status', family: 'ipv6', png: 'x.png' });
    expect(hash).toBe('#/report?diagnose=prod-status&family=ipv6');
    const request = parseReportRequest(hash);
    expect(request).toEqual({ question: { kind: 'diagnose', target: 'prod-status', family: 'ipv6' }, redact: false });
    expect(parseReportRequest(reportHash(request!))).toEqual(request);
    const onScreen = (family: string) => questionOnScreen({ tab: 'diagnose', flow: null, exposureShown: false, diagnosed: { target: 'prod-status', port: '22', family } });
    expect(onScreen('ipv6')).toEqual({ kind: 'diagnose', target: 'prod-status', port: 22, family: 'ipv6' });
    // Auto: the machine decides, so the report's address names no family
    expect(onScreen('')).toEqual({ kind: 'diagnose', target: 'prod-status', port: 22 });
  });

  it('the trace on screen: an IPv6 answer names its family, an IPv4 one does not', () => {
    const on = (family: string) => questionOnScreen({ tab: 'trace', flow: { from: 'internet', to: 'i-1', protocol: 'tcp', port: 22, family }, exposureShown: false, diagnosed: null });
    expect(on('ipv6')).toEqual({ kind: 'flow', from: 'internet', to: 'i-1', protocol: 'tcp', port: 22, family: 'ipv6' });
    expect(on('ipv4')).toEqual({ kind: 'flow', from: 'internet', to: 'i-1', protocol: 'tcp', port: 22 });
  });
});
