// diagnose(TARGET): the playbook's layered checklist. Expectations come from
// the demo network's planted faults (assets/demo/README.md) and from small
// networks written for one trap each; the sources layer must say exactly what
// analyze says for the same flow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import type { DiagnoseReport } from '../../../shared/api/diagnose-types.js';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import { diagnose } from '../../../shared/engine/diagnose.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { twoSubnetVpc, type AclRule } from '../../fixtures/engine/network.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('diagnose.schema.json'));

function checked(model: NetworkModel, target: string, options: { port?: number } = {}): DiagnoseReport {
  const report = diagnose(model, target, options);
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  // diagnose and analyze never disagree: every source check is the answer of analyze for its flow
  for (const check of report.checks.filter((c) => c.layer === 'sources')) {
    const flow = check.flow!;
    const analyzed = analyzeFlow(model, { from: flow.from, to: flow.to, protocol: flow.protocol, port: flow.port ?? undefined });
    expect({ verdict: flow.verdict, blocked: flow.blocked }).toEqual({ verdict: analyzed.verdict, blocked: analyzed.blocked });
    expect(check.status).toBe(analyzed.verdict === 'reachable' ? 'pass' : analyzed.verdict === 'unknown' ? 'unknown' : 'fail');
  }
  return report;
}

const byId = (report: DiagnoseReport, id: string) => {
  const check = report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return check;
};

describe('diagnose on the demo network', () => {
  it('F8 stopped instance: the state layer fails first, at the ENI, and the fix starts the instance', async () => {
    const { model } = await openSnapshot();
    const report = checked(model, 'i-0de00000000000107', { port: 8080 });
    expect(report.firstFailure).toEqual({ layer: 'state', id: 'instance-running' });
    const state = byId(report, 'instance-running');
    expect(state).toMatchObject({ status: 'fail', component: { id: 'eni-0de00000000000107', kind: 'eni' } });
    expect(state.fix!.command).toBe('aws ec2 start-instances --instance-ids i-0de00000000000107 --region us-east-1');
    expect(report.ports).toEqual([{ protocol: 'tcp', port: 8080 }]);
    expect(report.portsFrom).toBe('option');
  });

  it('F5 public-subnet instance without a public IP: addressing fails at the ENI; the same VPC still reaches it', async () => {
    const { model } = await openSnapshot();
    const report = checked(model, 'i-0de00000000000104', { port: 443 });
    expect(report.firstFailure).toEqual({ layer: 'addressing', id: 'public-ip' });
    // acme-prod-web admits tcp 80 as well as 443 from 0.0.0.0/0: an Elastic IP would expose both, more than asked, so no single change is safe.
    const publicIp = byId(report, 'public-ip').fix!;
    expect(publicIp.command).toBe('# no single safe change: see the options');
    expect(publicIp.text).toContain('tcp port 80');
    expect(publicIp.changes).toBeUndefined();
    expect(byId(report, 'from-internet:tcp/443')).toMatchObject({ status: 'fail', component: { id: 'igw-0de00000000000100', kind: 'internet-gateway' } });
    expect(byId(report, 'from-internet:tcp/443').flow!.blocked!.code).toBe('IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS');
    expect(byId(report, 'from-same-vpc:tcp/443').status).toBe('pass');
  });

  it('F2 ACL without the ephemeral range: filtering fails at acl-0de00000000000302 outbound, and the internet trace drops the reply there', async () => {
    const { model } = await openSnapshot();
    // without --port: acme-analytics-dashboard opens tcp 443 only
    const report = checked(model, 'i-0de00000000000301');
    expect(report.ports).toEqual([{ protocol: 'tcp', port: 443 }]);
    expect(report.portsFrom).toBe('security-groups');
    expect(report.firstFailure).toEqual({ layer: 'filtering', id: 'acl-outbound-ephemeral:tcp:the internet' });
    const ephemeral = byId(report, 'acl-outbound-ephemeral:tcp:the internet');
    // outbound entries 100 (tcp 443), 110 (tcp 80), 120 (10.20.0.0/16): nothing of 1024-65535 to an internet host
    expect(ephemeral).toMatchObject({ status: 'fail', component: { id: 'acl-0de00000000000302', kind: 'network-acl' } });
    expect(ephemeral.detail).toContain('refuses tcp 1024-65535');
    expect(ephemeral.fix!.command).toContain('--egress');
    expect(ephemeral.fix!.command).toContain('--port-range From=1024,To=65535');
    const internet = byId(report, 'from-internet:tcp/443');
    expect(internet.flow!.blocked).toMatchObject({ id: 'acl-0de00000000000302', code: 'SUBNET_ACL_RESTRICTION', direction: 'return' });
    // the dashboard's own VPC (analytics-etl in another subnet, acl rule 120 both ways) reaches it
    expect(byId(report, 'from-same-vpc:tcp/443').status).toBe('pass');
  });

  it('F7b: from shared-services (behind the transit gateway) tcp 9100 to prod-api-2 dies on the return leg at the prod attachment (AZ)', async () => {
    const { model } = await openSnapshot();
    const report = checked(model, 'i-0de00000000000106', { port: 9100 });
    const tgw = byId(report, 'from-transit-gateway:vpc-0de00000000000200:tcp/9100');
    expect(tgw).toMatchObject({ status: 'fail', component: { id: 'tgw-attach-0de00000000000101', kind: 'tgw-attachment' } });
    expect(tgw.flow!.blocked).toMatchObject({ code: 'TGW_ROUTE_AZ_RESTRICTION', direction: 'return' });
    // acme-prod-api admits 9100 from 10.1.0.0/16 only: the same VPC is refused by design, not the answer
    expect(byId(report, 'from-same-vpc:tcp/9100')).toMatchObject({ status: 'fail', byDesign: true });
    expect(report.firstFailure).toEqual({ layer: 'sources', id: 'from-transit-gateway:vpc-0de00000000000200:tcp/9100' });
  });

  it('F1: --port 6379 to prod-cache fails in the filtering layer at its security group, with the rule to add', async () => {
    const { model } = await openSnapshot();
    const report = checked(model, 'i-0de0000000000010a', { port: 6379 });
    expect(report.firstFailure).toEqual({ layer: 'filtering', id: 'security-groups:tcp/6379' });
    const sg = byId(report, 'security-groups:tcp/6379');
    expect(sg.component).toEqual({ id: 'sg-0de00000000000105', kind: 'security-group' });
    // The api tier's group (acme-prod-api, sg-...103), not one api server's address: prod-api-2 is repaired too.
    expect(sg.fix!.command).toBe(`aws ec2 authorize-security-group-ingress --group-id sg-0de00000000000105 --ip-permissions '[{"IpProtocol":"tcp","FromPort":6379,"ToPort":6379,"UserIdGroupPairs":[{"GroupId":"sg-0de00000000000103"}]}]' --region us-east-1`);
    // acme-prod-data-acl rule 110 lets 6379-6380 in from 10.0.0.0/16: the ACL is not in the way for the prod source
    expect(byId(report, 'acl-inbound:tcp/6379').status).toBe('pass');
  });

  it('R5: prod-cache on the port its group opens (6380) is reached from its own VPC by an api server', async () => {
    const { model } = await openSnapshot();
    const report = checked(model, 'i-0de0000000000010a');
    expect(report.ports).toEqual([{ protocol: 'tcp', port: 6380 }]);
    const same = byId(report, 'from-same-vpc:tcp/6380');
    expect(same.status).toBe('pass');
    // the representative is a client the group admits: an instance of acme-prod-api (prod-api-1)
    expect(same.flow!.from).toBe('eni-0de00000000000105');
    // a private machine and the internet: failing by design
    expect(byId(report, 'from-internet:tcp/6380')).toMatchObject({ status: 'fail', byDesign: true });
  });

  it('F4 blackhole: shared-services subnets route 0.0.0.0/0 to a deleted NAT gateway', async () => {
    const { model } = await openSnapshot();
    const report = checked(model, 'i-0de00000000000203', { port: 22 });
    expect(byId(report, 'internet-route')).toMatchObject({ status: 'fail', component: { id: 'rtb-0de00000000000203', kind: 'route-table' } });
    expect(byId(report, 'blackhole-routes')).toMatchObject({ status: 'fail', component: { id: 'rtb-0de00000000000203' } });
    expect(byId(report, 'blackhole-routes').detail).toContain('0.0.0.0/0');
  });

  it('a target that is not a machine of the snapshot is bad input', async () => {
    const { model } = await openSnapshot();
    expect(() => diagnose(model, 'i-nothere')).toThrow(InputError);
    expect(() => diagnose(model, 'internet')).toThrow(InputError);
    expect(() => diagnose(model, 'i-0de00000000000102', { port: 70000 })).toThrow(InputError);
  });
});

describe('diagnose on small networks', () => {
  const allAllow: AclRule = { n: 100, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' };

  it('an ACL that lets out only 32768-65535 passes the default client port 49152 but is a warning: 1024-32767 are refused', () => {
    // acl-pub outbound: tcp 32768-65535 and the VPC; web admits tcp 443 from anywhere
    const model = twoSubnetVpc({
      webGroup: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }],
      publicAcl: { outbound: [{ n: 100, action: 'allow', protocol: '6', ports: [32768, 65535] }, { n: 110, action: 'allow', protocol: '-1', cidr: '10.0.0.0/16' }], inbound: [allAllow] },
    }).build();
    const report = checked(model, 'i-web');
    expect(byId(report, 'from-internet:tcp/443').status).toBe('pass');
    const ephemeral = byId(report, 'acl-outbound-ephemeral:tcp:the internet');
    expect(ephemeral).toMatchObject({ status: 'warn', component: { id: 'acl-pub', kind: 'network-acl' } });
    expect(ephemeral.detail).toContain('refuses tcp 1024-32767');
    expect(report.firstFailure).toBeNull();
    expect(report.summary).toMatch(/every check passes\. 1 warning to read\./);
  });

  it("the client's own subnet ACL counts too: web's subnet lets replies in on 32768-65535 only, a warning on the client side", () => {
    // acl-pub inbound: tcp 32768-65535 from anywhere, nothing else; web (10.0.1.10) -> app tcp 443 is reachable with source port 49152
    const model = twoSubnetVpc({ publicAcl: { inbound: [{ n: 100, action: 'allow', protocol: '6', ports: [32768, 65535] }] } }).build();
    const report = checked(model, 'i-app', { port: 443 });
    const same = byId(report, 'from-same-vpc:tcp/443');
    expect(same).toMatchObject({ status: 'pass', flow: { from: 'eni-web' } });
    const client = byId(report, 'client-acl-inbound-ephemeral:tcp:eni-web (same VPC)');
    expect(client).toMatchObject({ status: 'warn', component: { id: 'acl-pub', kind: 'network-acl' } });
    expect(client.detail).toContain('refuses tcp 1024-32767');
    expect(client.fix!.command).toContain('--ingress');
  });

  it('without --port and with no port opened by its groups: 22, 80 and 443', () => {
    const model = twoSubnetVpc({ webGroup: [{ protocol: '-1', cidr: '10.0.0.0/16' }] }).build();
    const report = checked(model, 'i-web');
    expect(report.ports).toEqual([22, 80, 443].map((port) => ({ protocol: 'tcp', port })));
    expect(report.portsFrom).toBe('default');
  });
});
