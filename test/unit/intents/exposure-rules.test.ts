// Exposure rules against an exposure report written by hand (the audit's
// output is this check's input), over a small hand-written network.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import type { ExposedNetworkInterface, ExposedService, ExposureReport } from '../../../shared/api/exposure-types.js';
import { parseIntents } from '../../../shared/api/intents.js';
import { checkExposure } from '../../../shared/api/intents/exposure-rules.js';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import type { NetworkModel } from '../../../shared/model/types.js';

const fixture = path.resolve(__dirname, '../../fixtures/intents/tagged-instances.json');
let model: NetworkModel;

beforeAll(async () => {
  model = (await openSnapshot(fixture)).model;
});

function service(protocol: string, ports: [number, number][] | null, sources: string[]): ExposedService {
  return { protocol, ports: ports && ports.map(([from, to]) => ({ from, to })), sources, path: [] };
}

function exposed(eni: string, instance: string, name: string, publicIp: string, services: ExposedService[]): ExposedNetworkInterface {
  return { eni, instance, name, vpc: 'vpc-0a', subnet: 'subnet-0a', privateIp: '10.0.1.1', publicIp, services };
}

const webAndBastion: ExposureReport = {
  exposed: [
    exposed('eni-0web1a', 'i-0web1', 'web-1', '54.0.0.11', [service('tcp', [[443, 443]], ['0.0.0.0/0'])]),
    exposed('eni-0web1b', 'i-0web1', 'web-1', '54.0.0.12', [service('tcp', [[80, 80]], ['0.0.0.0/0'])]),
    exposed('eni-0web2', 'i-0web2', 'web-2', '54.0.0.21', [service('tcp', [[80, 80], [443, 443]], ['0.0.0.0/0'])]),
    exposed('eni-0bastion', 'i-0bastion', 'bastion', '54.0.0.31', [service('tcp', [[22, 22]], ['pl-0office', '203.0.113.64/26'])]),
  ],
  warnings: [],
};

const policy = [
  'exposure:',
  '  allow:',
  '    - to: tag:Name=web-*',
  '      ports: [80, 443]',
  '      from: [0.0.0.0/0]',
  '    - to: tag:Name=bastion',
  '      ports: [22]',
  '      from: [203.0.113.0/24]',
  '  otherwise: deny',
].join('\n');

function check(report: ExposureReport, text = policy) {
  return checkExposure(model, parseIntents(text, 'intents.yaml').exposure!, report, 'intents.yaml');
}

function withExtra(eni: ExposedNetworkInterface): ExposureReport {
  return { exposed: [...webAndBastion.exposed, eni], warnings: [] };
}

describe('exposure rules', () => {
  it('pass when every exposed service is allowed (both ENIs of web-1 are covered by its tag)', () => {
    const result = check(webAndBastion);
    expect(result.passed).toBe(true);
    expect(result.unexpected).toEqual([]);
    expect(result.exposedEnis).toBe(4);
  });

  it('pass when nothing is exposed at all', () => {
    expect(check({ exposed: [], warnings: [] }).passed).toBe(true);
  });

  it('fail on an extra open port of an allowed instance, naming only that port', () => {
    const report = structuredClone(webAndBastion);
    report.exposed[2]!.services.push(service('tcp', [[22, 22]], ['0.0.0.0/0']));
    const result = check(report);
    expect(result.passed).toBe(false);
    expect(result.unexpected).toEqual([
      { eni: 'eni-0web2', instance: 'i-0web2', name: 'web-2', publicIp: '54.0.0.21', protocol: 'tcp', ports: [{ from: 22, to: 22 }], sources: ['0.0.0.0/0'] },
    ]);
  });

  it('fail on an extra exposed instance', () => {
    const result = check(withExtra(exposed('eni-0db', 'i-0db', 'db-1', '54.0.0.41', [service('tcp', [[5432, 5432]], ['0.0.0.0/0'])])));
    expect(result.passed).toBe(false);
    expect(result.unexpected).toEqual([
      { eni: 'eni-0db', instance: 'i-0db', name: 'db-1', publicIp: '54.0.0.41', protocol: 'tcp', ports: [{ from: 5432, to: 5432 }], sources: ['0.0.0.0/0'] },
    ]);
  });

  it('report the ports left over when a whole range is open', () => {
    const report = structuredClone(webAndBastion);
    // an "all TCP" security-group rule: 0-65535; port 0 is not a usable port and is not reported
    report.exposed[0]!.services = [service('tcp', [[0, 65535]], ['0.0.0.0/0'])];
    expect(check(report).unexpected).toEqual([
      {
        eni: 'eni-0web1a',
        instance: 'i-0web1',
        name: 'web-1',
        publicIp: '54.0.0.11',
        protocol: 'tcp',
        ports: [
          { from: 1, to: 79 },
          { from: 81, to: 442 },
          { from: 444, to: 65535 },
        ],
        sources: ['0.0.0.0/0'],
      },
    ]);
  });

  it('fail when a source is wider than the rule allows, and keep the allowed sources out of the report', () => {
    const report = structuredClone(webAndBastion);
    report.exposed[3]!.services = [service('tcp', [[22, 22]], ['203.0.113.0/24', '198.51.100.0/24', '0.0.0.0/0'])];
    expect(check(report).unexpected).toEqual([
      { eni: 'eni-0bastion', instance: 'i-0bastion', name: 'bastion', publicIp: '54.0.0.31', protocol: 'tcp', ports: [{ from: 22, to: 22 }], sources: ['198.51.100.0/24', '0.0.0.0/0'] },
    ]);
  });

  it('a prefix list is covered when every one of its CIDRs is, or when it is named', () => {
    const narrow = policy.replace('from: [203.0.113.0/24]', 'from: [203.0.113.0/25]');
    const result = check(webAndBastion, narrow);
    // 203.0.113.128/25 of pl-0office lies outside 203.0.113.0/25; 203.0.113.64/26 lies inside
    expect(result.unexpected).toEqual([
      { eni: 'eni-0bastion', instance: 'i-0bastion', name: 'bastion', publicIp: '54.0.0.31', protocol: 'tcp', ports: [{ from: 22, to: 22 }], sources: ['pl-0office'] },
    ]);
    expect(check(webAndBastion, policy.replace('from: [203.0.113.0/24]', 'from: [pl-0office, 203.0.113.64/26]')).passed).toBe(true);
  });

  it('a prefix list named in `from` stands for its CIDRs', () => {
    const report = structuredClone(webAndBastion);
    report.exposed[3]!.services = [service('tcp', [[22, 22]], ['203.0.113.0/25', '203.0.113.128/26', '203.0.113.0/24'])];
    expect(check(report, policy.replace('from: [203.0.113.0/24]', 'from: [pl-0office]')).passed).toBe(true);
    report.exposed[3]!.services = [service('tcp', [[22, 22]], ['203.0.112.0/23'])];
    expect(check(report, policy.replace('from: [203.0.113.0/24]', 'from: [pl-0office]')).unexpected[0]!.sources).toEqual(['203.0.112.0/23']);
    expect(() => check(report, policy.replace('from: [203.0.113.0/24]', 'from: [0.0.0.0/0, pl-0nope]'))).toThrow(
      'intents.yaml: exposure.allow[1].from[1]: prefix list "pl-0nope" is not in the snapshot',
    );
  });

  it('match protocols: udp is not tcp, "all" needs a rule for all, a rule for all covers everything', () => {
    const report = withExtra(exposed('eni-0db', 'i-0db', 'db-1', '54.0.0.41', [service('udp', [[443, 443]], ['0.0.0.0/0']), service('all', null, ['0.0.0.0/0'])]));
    expect(check(report).unexpected.map((item) => [item.protocol, item.ports])).toEqual([
      ['udp', [{ from: 443, to: 443 }]],
      ['all', null],
    ]);
    const allowAll = `${policy.replace('  otherwise: deny', '')}\n    - to: i-0db\n      protocol: all\n`;
    expect(check(report, allowAll).passed).toBe(true);
  });

  it('icmp is allowed by an icmp rule without ports, addressed by ENI id or by public IP', () => {
    const report = withExtra(exposed('eni-0db', 'i-0db', 'db-1', '54.0.0.41', [service('icmp', null, ['0.0.0.0/0'])]));
    expect(check(report).unexpected).toHaveLength(1);
    expect(check(report, `${policy}\n    - {to: eni-0db, protocol: icmp}\n`.replace('  otherwise: deny\n', '')).passed).toBe(true);
    expect(check(report, `${policy}\n    - {to: 54.0.0.41, protocol: 1}\n`.replace('  otherwise: deny\n', '')).passed).toBe(true);
  });

  it('an allow rule for one instance does not cover another', () => {
    const report = withExtra(exposed('eni-0db', 'i-0db', 'db-1', '54.0.0.41', [service('tcp', [[443, 443]], ['0.0.0.0/0'])]));
    expect(check(report).unexpected.map((item) => item.eni)).toEqual(['eni-0db']);
    // env=prod covers db-1 too
    expect(check(report, policy.replace('tag:Name=web-*', 'tag:env=prod')).passed).toBe(true);
  });

  it('refuse a target the snapshot does not hold, or a selector that matches nothing', () => {
    const unknown = () => check(webAndBastion, 'exposure:\n  allow:\n    - {to: i-0nope, ports: [22]}\n');
    expect(unknown).toThrow(InputError);
    expect(unknown).toThrow('intents.yaml: exposure.allow[0].to: "i-0nope" is not an instance, ENI, gateway or address in the snapshot');
    expect(() => check(webAndBastion, 'exposure:\n  allow:\n    - {to: 10.9.9.9, ports: [22]}\n')).toThrow('exposure.allow[0].to: "10.9.9.9" is not');
    expect(() => check(webAndBastion, 'exposure:\n  allow:\n    - {to: web-1, ports: [22]}\n    - {to: "tag:Name=api-*", ports: [22]}\n')).toThrow(
      'exposure.allow[0].to: "web-1" is not',
    );
    expect(() => check(webAndBastion, 'exposure:\n  allow:\n    - {to: "tag:Name=api-*", ports: [22]}\n')).toThrow(
      'intents.yaml: exposure.allow[0].to: "tag:Name=api-*" matches no instance in the snapshot',
    );
    expect(() => check(webAndBastion, 'exposure:\n  allow:\n    - {to: i-0gone, ports: [22]}\n')).toThrow('exposure.allow[0].to: instance "i-0gone" has no network interface');
  });
});
