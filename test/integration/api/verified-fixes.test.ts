// Fixes an expert would sign off, on the demo's planted faults
// (assets/demo/README.md). Expectations are written from the demo's data and
// from AWS's rules: which group AWS lets a rule name, that ACL replies go to
// ephemeral ports of real clients, that a private subnet gets a NAT gateway,
// not the internet gateway. Each fix is also applied and the flow traced again.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import type { ReachmapService } from '../../../shared/api/service/service.js';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';

let service: ReachmapService;

beforeAll(async () => {
  service = await createNodeReachmapService();
  await service.openSnapshot();
});

async function analyze(from: string, to: string, port: number, extra: { clientCidr?: string } = {}): Promise<AnalyzeResult> {
  return service.analyze({ from, to, protocol: 'tcp', port, ...extra });
}

/** The flow after the fix's change set is made (through the service, as --apply does), and the edit undone. */
async function afterApplying(result: AnalyzeResult, from: string, to: string, port: number, extra: { clientCidr?: string } = {}): Promise<AnalyzeResult> {
  const changes = result.blocked!.fix!.repair?.changes ?? result.blocked!.fix!.changes!;
  await service.applyChanges(changes, 'test');
  try {
    return await analyze(from, to, port, extra);
  } finally {
    await service.undoChanges();
  }
}

describe('F1: the cache group admits the api tier by its group, not one address', () => {
  it('names acme-prod-api (sg-...103), repairs prod-api-1 and prod-api-2, and mentions the 6380 near miss', async () => {
    const result = await analyze('i-0de00000000000105', 'i-0de0000000000010a', 6379);
    expect(result.blocked).toMatchObject({ id: 'sg-0de00000000000105', code: 'ENI_SG_RULES_MISMATCH' });
    const fix = result.blocked!.fix!;
    expect(fix.changes!.changes).toEqual([
      { action: 'AuthorizeSecurityGroupIngress', GroupId: 'sg-0de00000000000105', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: 'sg-0de00000000000103' }] }] },
    ]);
    expect(fix.command).not.toContain('/32');
    // acme-prod-cache allows tcp 6380 from the api group: the rule the author meant, one port off.
    expect(result.blocked!.nearMisses).toContain('acme-prod-cache (sg-0de00000000000105) allows tcp port 6380 from acme-prod-api (sg-0de00000000000103); the flow is tcp port 6379 from 10.0.10.11 (another port).');
    // prod-api-2 (us-east-1b) is repaired too; prod-api-3 is stopped, so only two flows of the tier are.
    expect(fix.repair).toMatchObject({ steps: 1, verdict: 'reachable', flowsRepaired: 2 });
    expect(fix.text).toContain('After this, i-0de00000000000105 -> i-0de0000000000010a tcp/6379 is reachable.');
    expect((await afterApplying(result, 'i-0de00000000000106', 'i-0de0000000000010a', 6379)).verdict).toBe('reachable');
  });
});

describe('F2: the return rule opens the ephemeral ports to real clients, never to the stand-in', () => {
  it('admits 1024-65535 to 0.0.0.0/0 by default, and to --client-cidr when given', async () => {
    const result = await analyze('internet', 'i-0de00000000000301', 443);
    expect(result.blocked).toMatchObject({ id: 'acl-0de00000000000302', code: 'SUBNET_ACL_RESTRICTION', direction: 'return' });
    const edit = result.blocked!.fix!.changes!.changes[0]!;
    // acme-analytics-public-acl outbound holds 100, 110, 120: the new entry goes after them.
    expect(edit).toEqual({ action: 'CreateNetworkAclEntry', NetworkAclId: 'acl-0de00000000000302', RuleNumber: 130, Egress: true, Protocol: 'tcp', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } });
    expect(JSON.stringify(result.blocked!.fix)).not.toContain('198.51.100.1');
    // The entry is subnet-wide: the fix names the interface it opens, the dashboard, whose group admits 443 from the internet.
    expect(result.blocked!.fix!.text).toContain('analytics-dashboard (eni-0de00000000000301)');
    expect(result.blocked!.fix!.repair).toMatchObject({ verdict: 'reachable', steps: 1 });

    const named = await analyze('internet', 'i-0de00000000000301', 443, { clientCidr: '203.0.113.0/24' });
    expect(named.resolved.from.ip).toBe('203.0.113.1');
    expect(named.blocked!.fix!.changes!.changes[0]).toMatchObject({ CidrBlock: '203.0.113.0/24', PortRange: { From: 1024, To: 65535 } });
    expect((await afterApplying(named, 'internet', 'i-0de00000000000301', 443, { clientCidr: '203.0.113.0/24' })).verdict).toBe('reachable');
  });
});

describe('F4: a blackholed NAT route gets a new NAT gateway in a public subnet, never the internet gateway', () => {
  it('creates the NAT gateway in shared-public-a, then points the private table at it; the private servers stay private', async () => {
    const result = await analyze('i-0de00000000000203', 'internet', 443);
    expect(result.blocked).toMatchObject({ id: 'rtb-0de00000000000203', code: 'BAD_STATE_ROUTE' });
    const fix = result.blocked!.fix!;
    // shared-services has one public subnet (shared-public-a, routed to its internet gateway), in us-east-1a.
    expect(fix.changes!.changes).toEqual([
      { action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: 'subnet-0de00000000000211' },
      { action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000203', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-new-1' },
    ]);
    // acme-shared-private serves us-east-1a and 1b: the cross-zone cost of one NAT gateway is named.
    expect(fix.text).toContain('also serves us-east-1b');
    // The script allocates the Elastic IP and captures the new ids in quoted variables; no <placeholder>.
    expect(fix.script!.split('\n')).toEqual([
      'EIPALLOC_NAT_NEW_1=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text --region us-east-1)',
      'NAT_NEW_1=$(aws ec2 create-nat-gateway --subnet-id subnet-0de00000000000211 --allocation-id "$EIPALLOC_NAT_NEW_1" --query NatGateway.NatGatewayId --output text --region us-east-1)',
      'aws ec2 wait nat-gateway-available --nat-gateway-ids "$NAT_NEW_1" --region us-east-1',
      'aws ec2 replace-route --route-table-id rtb-0de00000000000203 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT_NEW_1" --region us-east-1',
    ]);
    expect(fix.repair).toMatchObject({ verdict: 'reachable', steps: 1 });
    const after = await afterApplying(result, 'i-0de00000000000203', 'internet', 443);
    expect(after.verdict).toBe('reachable');
    expect(after.forward.hops.some((hop) => hop.kind === 'nat-gateway' && hop.id === 'nat-new-1')).toBe(true);
    // Nobody in shared-services became reachable from the internet.
    await service.applyChanges(fix.changes!, 'test');
    try {
      const exposed = (await service.exposure()).exposed.map((e) => e.eni);
      expect(exposed.filter((eni) => eni.startsWith('eni-0de000000000002'))).toEqual([]);
    } finally {
      await service.undoChanges();
    }
  });
});

describe('the same gap gets the same fix from trace and diagnose', () => {
  it('F1 on prod-cache: diagnose admits the api tier by its group, as the trace from prod-api-1 does', async () => {
    const traced = await analyze('i-0de00000000000105', 'i-0de0000000000010a', 6379);
    const report = await service.diagnose('i-0de0000000000010a', { port: 6379 });
    const check = report.checks.find((c) => c.id === 'security-groups:tcp/6379')!;
    expect(check.fix!.changes).toEqual(traced.blocked!.fix!.changes);
  });

  it('F7 transit gateway zone gap: a private subnet of prod in us-east-1b, whoever sends', async () => {
    // prod's subnets in us-east-1b: prod-public-b (routes to the internet gateway), prod-app-b and prod-data-b (both /24, private): prod-app-b by id.
    const expected = [{ action: 'ModifyTransitGatewayVpcAttachment', TransitGatewayAttachmentId: 'tgw-attach-0de00000000000101', AddSubnetIds: ['subnet-0de00000000000114'] }];
    const fromApi = await analyze('i-0de00000000000106', 'i-0de00000000000204', 443);
    expect(fromApi.blocked!.fix!.changes!.changes).toEqual(expected);
    // prod-web-3 sends from the public subnet prod-public-b: the attachment still gains the private subnet.
    const fromWeb = await analyze('i-0de00000000000104', 'i-0de00000000000204', 443);
    expect(fromWeb.blocked).toMatchObject({ code: 'TGW_ROUTE_AZ_RESTRICTION' });
    expect(fromWeb.blocked!.fix!.changes!.changes).toEqual(expected);
  });
});

describe('chained repairs', () => {
  it('prod-bastion -> prod-db-primary tcp 443: the data ACL, then the db group, in one repair of two steps', async () => {
    // acme-prod-data-acl admits only 5432, 6379-6380 and 9100 in; acme-prod-db admits only 5432 and 22.
    const result = await analyze('i-0de00000000000101', 'i-0de00000000000108', 443);
    expect(result.blocked).toMatchObject({ id: 'acl-0de00000000000104', code: 'SUBNET_ACL_RESTRICTION' });
    const repair = result.blocked!.fix!.repair!;
    expect(repair.steps).toBe(2);
    expect(repair.changes.changes.map((c) => c.action)).toEqual(['CreateNetworkAclEntry', 'AuthorizeSecurityGroupIngress']);
    expect(result.blocked!.fix!.text).toContain('still drops at security-group sg-0de00000000000104');
    expect(repair.outcome.startsWith('After these 2 changes, i-0de00000000000101 -> i-0de00000000000108 tcp/443 is reachable. The steps: 1. Add inbound rule')).toBe(true);
    // the second step's words are in the outcome too: what it opens is said
    expect(repair.outcome).toContain('2. Add an inbound rule to acme-prod-db (sg-0de00000000000104)');
    expect((await afterApplying(result, 'i-0de00000000000101', 'i-0de00000000000108', 443)).verdict).toBe('reachable');
  });
});
