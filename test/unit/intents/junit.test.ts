// The JUnit writer over results written by hand, read back with a real XML parser.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, junitXml } from '../../../cli/check/junit.js';
import type { CheckReport, ExposureCheckResult, FlowCheckResult } from '../../../shared/api/intents.js';

const awkwardName = 'web <prod> & "blue" \'green\'\u0001\nsecond line';

const failedFlow: FlowCheckResult = {
  kind: 'flow',
  intent: { id: 'flows[0]', index: 0, name: awkwardName, from: 'internet', to: 'tag:Name=web-*', protocol: 'tcp', port: 443, sourcePort: null, expect: 'reachable' },
  passed: false,
  query: { from: 'internet', to: 'i-0web1', protocol: 'tcp', port: 443, sourcePort: 49152 },
  resolved: { from: { kind: 'internet', id: 'internet', ip: '198.51.100.1' }, to: { kind: 'eni', id: 'eni-0web1a', ip: '54.0.0.11' } },
  verdict: 'unreachable',
  forward: { delivered: false, hops: [] },
  return: null,
  blocked: {
    id: 'sg-0web',
    kind: 'security-group',
    direction: 'forward',
    code: 'ENI_SG_RULES_MISMATCH',
    detail: 'no ingress rule of sg-0web allows tcp/443 from 198.51.100.1 <internet>',
    fix: { text: 'allow tcp 443 from 0.0.0.0/0 in sg-0web', command: "aws ec2 authorize-security-group-ingress --group-id sg-0web --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443'" },
  },
  warnings: [],
};

const passedExposure: ExposureCheckResult = {
  kind: 'exposure',
  intent: { id: 'exposure', allow: [], otherwise: 'deny' },
  passed: true,
  exposedEnis: 0,
  unexpected: [],
  warnings: [],
};

const report: CheckReport = { intents: 'ci/intents & more.yaml', results: [failedFlow, passedExposure], summary: { total: 2, passed: 1, failed: 1 } };

describe('escapeAttribute', () => {
  it('keeps newlines and tabs in attribute values as character references, which parsers would otherwise turn into spaces', () => {
    expect(escapeAttribute('a\n\tb & "c"')).toBe('a&#10;&#9;b &amp; &quot;c&quot;');
  });
});

describe('junitXml', () => {
  const xml = junitXml(report);
  // htmlEntities: fast-xml-parser decodes numeric character references (&#10;) only with it
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => name === 'testcase' }).parse(xml);

  it('is well-formed XML even with markup, quotes and control characters in names', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('counts tests and failures on the suite', () => {
    expect(parsed.testsuites).toMatchObject({ name: 'reachmap check', tests: '2', failures: '1', errors: '0' });
    expect(parsed.testsuites.testsuite).toMatchObject({ name: 'ci/intents & more.yaml', tests: '2', failures: '1' });
  });

  it('gives one testcase per result, with the failure outcome, what dropped the flow and the fix', () => {
    const [flow, exposure] = parsed.testsuites.testsuite.testcase;
    // the control character U+0001 cannot appear in XML: it is replaced; a name over two lines is one line in the report
    expect(flow.name).toBe('flows[0] "web <prod> & "blue" \'green\'\uFFFD second line": internet -> i-0web1 tcp/443');
    expect(flow.classname).toBe('reachmap.check.flows');
    expect(flow.failure.message).toBe('expected reachable, got unreachable at sg-0web (security-group, ENI_SG_RULES_MISMATCH, forward)');
    expect(flow.failure['#text']).toContain('no ingress rule of sg-0web allows tcp/443 from 198.51.100.1 <internet>');
    expect(flow.failure['#text']).toContain("--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443'");
    expect(exposure).toMatchObject({ name: 'exposure', classname: 'reachmap.check.exposure' });
    expect(exposure.failure).toBeUndefined();
  });
});
