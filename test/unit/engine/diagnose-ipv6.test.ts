// diagnose over IPv6 (issue 17): one family per report (--family, else a
// literal address's, else IPv4 unless the machine has only IPv6); the
// addressing layer asks for the ENI's IPv6 address, the routing layer for the
// IPv6 route (::/0 or a covering one) to the internet gateway. Expectations
// are written from the demo network (assets/demo/README.md: F11's prod-status,
// acme-network behind its egress-only gateway) and from a small network built
// for the missing route; the sources layer must say what analyze says.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnoseReport } from '../../../shared/api/diagnose-types.js';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import { diagnose } from '../../../shared/engine/diagnose.js';
import { InputError } from '../../../shared/model/errors.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { dualStackWeb } from '../../fixtures/engine/dual-stack-web.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('diagnose.schema.json'));

function checked(model: NetworkModel, target: string, options: { port?: number; family?: string } = {}): DiagnoseReport {
  const report = diagnose(model, target, options);
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  // every source check is analyze's answer for its flow, over the family the check names
  for (const check of report.checks.filter((c) => c.layer === 'sources')) {
    const flow = check.flow!;
    const analyzed = analyzeFlow(model, { from: flow.from, to: flow.to, protocol: flow.protocol, port: flow.port ?? undefined, ...(flow.family ? { family: flow.family } : {}) });
    expect({ verdict: flow.verdict, blocked: flow.blocked }).toEqual({ verdict: analyzed.verdict, blocked: analyzed.blocked });
  }
  return report;
}

const byId = (report: DiagnoseReport, id: string) => {
  const check = report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return check;
};

let demo: NetworkModel;
beforeAll(async () => {
  demo = (await openSnapshot()).model;
});

describe('diagnose: the family of the report', () => {
  it('an IPv4 target looks exactly as before: no family field, its private and public IPv4', () => {
    const report = checked(demo, 'i-0de0000000000010d');
    expect(report.target).toEqual({
      query: 'i-0de0000000000010d', eni: 'eni-0de0000000000010d', instance: 'i-0de0000000000010d', name: 'prod-status',
      vpc: 'vpc-0de00000000000100', subnet: 'subnet-0de00000000000119', privateIp: '10.0.40.10', publicIp: '203.0.113.13',
    });
  });

  it('--family ipv6: the target is its IPv6 address (global: private and public at once) with family ipv6', () => {
    const report = checked(demo, 'i-0de0000000000010d', { family: 'ipv6' });
    expect(report.target).toEqual({
      query: 'i-0de0000000000010d', eni: 'eni-0de0000000000010d', instance: 'i-0de0000000000010d', name: 'prod-status',
      vpc: 'vpc-0de00000000000100', subnet: 'subnet-0de00000000000119', privateIp: '2600:1f18:4de0:119::10', publicIp: '2600:1f18:4de0:119::10', family: 'ipv6',
    });
  });

  it('an IPv6 address as the target decides the family without --family; --family ipv4 with it is bad input', () => {
    expect(checked(demo, '2600:1f18:4de0:119::10').target).toMatchObject({ eni: 'eni-0de0000000000010d', family: 'ipv6', privateIp: '2600:1f18:4de0:119::10' });
    expect(() => diagnose(demo, '2600:1f18:4de0:119::10', { family: 'ipv4' })).toThrow(InputError);
    expect(() => diagnose(demo, 'i-0de0000000000010d', { family: 'ipv5' })).toThrow(InputError);
  });
});

describe('diagnose over IPv6 on the demo network', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html: IPv6 needs no public address; the subnet routes ::/0 to the internet gateway
  it('F11 prod-status: its IPv6 address, the ::/0 route to igw-0de00000000000100, and the internet reaching tcp 22 over IPv6: every check passes', () => {
    const report = checked(demo, 'i-0de0000000000010d', { family: 'ipv6' });
    expect(byId(report, 'ipv6-address')).toMatchObject({ layer: 'addressing', status: 'pass', component: { id: 'eni-0de0000000000010d', kind: 'eni' } });
    expect(byId(report, 'internet-gateway')).toMatchObject({ status: 'pass', component: { id: 'igw-0de00000000000100', kind: 'internet-gateway' } });
    const route = byId(report, 'internet-route');
    expect(route).toMatchObject({ layer: 'routing', status: 'pass', component: { id: 'rtb-0de00000000000106', kind: 'route-table' } });
    expect(route.detail).toContain('::/0 -> igw-0de00000000000100');
    // acme-prod-status admits tcp 22 and 443 from ::/0 (the services diagnosed are the ports its group opens)
    expect(report.ports).toEqual([{ protocol: 'tcp', port: 22 }, { protocol: 'tcp', port: 443 }]);
    expect(byId(report, 'from-internet:tcp/22')).toMatchObject({ status: 'pass', flow: { from: 'internet', family: 'ipv6', verdict: 'reachable' } });
    expect(report.checks.some((c) => c.id === 'public-ip')).toBe(false);
    expect(report.firstFailure).toBeNull();
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html: an egress-only gateway refuses connections started from the internet
  it('network-dns: ::/0 goes to the egress-only gateway, so the internet failing there is by design', () => {
    const report = checked(demo, 'i-0de00000000000501', { family: 'ipv6' });
    expect(byId(report, 'internet-route')).toMatchObject({ status: 'pass', component: { id: 'rtb-0de00000000000501', kind: 'route-table' } });
    expect(byId(report, 'internet-route').detail).toContain('::/0 -> eigw-0de00000000000500');
    const internet = byId(report, 'from-internet:udp/53');
    expect(internet).toMatchObject({ status: 'fail', byDesign: true, component: { id: 'eigw-0de00000000000500', kind: 'egress-only-internet-gateway' } });
    expect(internet.flow!.blocked).toMatchObject({ code: 'EIGW_INBOUND_CONNECTION', direction: 'forward' });
  });

  it('prod-api-1 has no IPv6 address: addressing fails first, naming its subnet without an IPv6 block; no source is tried', () => {
    const report = checked(demo, 'i-0de00000000000105', { family: 'ipv6' });
    const address = byId(report, 'ipv6-address');
    expect(address).toMatchObject({ status: 'fail', component: { id: 'eni-0de00000000000105', kind: 'eni' } });
    expect(address.detail).toContain('subnet-0de00000000000113 has no IPv6 block');
    expect(report.firstFailure).toEqual({ layer: 'addressing', id: 'ipv6-address' });
    // acme-prod-private has no IPv6 route, and prod has an internet gateway: the route is missing
    expect(byId(report, 'internet-route')).toMatchObject({ status: 'fail', component: { id: 'rtb-0de00000000000103', kind: 'route-table' } });
    expect(report.checks.filter((c) => c.layer === 'sources' || c.layer === 'filtering')).toEqual([]);
    expect(report.target).toMatchObject({ family: 'ipv6', privateIp: '10.0.10.11', publicIp: null });
  });
});

/** subnet-pub routes 0.0.0.0/0 to igw-a and the given IPv6 routes; i-web holds 2600:1f18:a:1::10, tcp 22 open to ::/0 (test/fixtures/engine/dual-stack-web.ts). */
const dualWithRoutes = (ipv6Routes: [string, string][]) => dualStackWeb(ipv6Routes).build();

describe('diagnose over IPv6: the route to the internet gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html: an IPv6 flow is routed by the IPv6 routes only; 0.0.0.0/0 does not cover it
  it('a subnet with 0.0.0.0/0 but no IPv6 route to the internet gateway fails routing over IPv6, and the internet gets no reply', () => {
    const report = checked(dualWithRoutes([]), 'i-web', { family: 'ipv6', port: 22 });
    expect(byId(report, 'internet-route')).toMatchObject({ status: 'fail', component: { id: 'rtb-pub', kind: 'route-table' } });
    // the fix: the IPv6 default route to the VPC's internet gateway
    expect(byId(report, 'internet-route').fix!.changes!.changes).toEqual([{ action: 'CreateRoute', RouteTableId: 'rtb-pub', DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-a' }]);
    expect(report.firstFailure).toEqual({ layer: 'routing', id: 'internet-route' });
    expect(byId(report, 'from-internet:tcp/22').flow!.blocked).toMatchObject({ id: 'rtb-pub', code: 'NO_ROUTE_TO_DESTINATION', direction: 'return' });
    // the same machine over IPv4 is fine: 0.0.0.0/0 goes to igw-a
    expect(byId(checked(dualWithRoutes([]), 'i-web', { port: 22 }), 'internet-route').status).toBe('pass');
  });

  it('a covering IPv6 route (2000::/3) to the internet gateway serves as ::/0 does', () => {
    const report = checked(dualWithRoutes([['2000::/3', 'igw-a']]), 'i-web', { family: 'ipv6', port: 22 });
    expect(byId(report, 'internet-route')).toMatchObject({ status: 'pass' });
    expect(byId(report, 'internet-route').detail).toContain('2000::/3 -> igw-a');
    expect(byId(report, 'from-internet:tcp/22').status).toBe('pass');
  });
});
