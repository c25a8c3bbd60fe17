// The IPv6 oracle (oracle6.ts) and the engine on a dual-stack network written
// by hand (hand-network-ipv6.ts). Each expected answer is reasoned from the
// JSON and the AWS rule in the comment, never taken from a run; both the
// oracle and the engine must give it.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/api/errors.js';
import { buildModel } from '../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../shared/aws/raw.js';
import { analyzeFlow } from '../../shared/engine/analyze.js';
import { oracleAnalyze, OracleInputError, type OracleFlow } from './oracle.js';
import { dualStackNetwork } from './hand-network-ipv6.js';

const net = dualStackNetwork();
const { model } = buildModel(net as RawSnapshot);

/** "reachable", or "kind id CODE leg" of the blocking component; the oracle's and the engine's must be the same. */
function answers(flow: OracleFlow): { oracle: string; engine: string } {
  const o = oracleAnalyze(net, flow);
  const e = analyzeFlow(model, { ...flow });
  const text = (b: { kind: string; id: string; code: string; direction: string } | null) => (b ? `${b.kind} ${b.id} ${b.code} ${b.direction}` : 'reachable');
  return { oracle: text(o.blocked), engine: text(e.blocked) };
}

const both = (expected: string) => ({ oracle: expected, engine: expected });
const ipv6 = (from: string, to: string, protocol: string, port?: number): OracleFlow => ({ from, to, protocol, family: 'ipv6', ...(port === undefined ? {} : { port }) });

describe('IPv6 oracle and engine on the hand-written dual-stack network', () => {
  // VPC User Guide, "Enable internet access using an internet gateway": IPv6 needs no translation, the IGW carries it both ways
  it('i-web reaches the internet over IPv6 through igw-a with no public address involved, and the reply comes back through igw-a', () => {
    expect(answers(ipv6('i-web', 'internet', 'tcp', 443))).toEqual(both('reachable'));
  });

  it('the internet reaches i-web on 443 over IPv6: acl-a rule 80 is an IPv4 entry and does not judge IPv6; 101 allows', () => {
    expect(answers(ipv6('internet', 'i-web', 'tcp', 443))).toEqual(both('reachable'));
  });

  // VPC User Guide, "Network ACL rules": IPv4 and IPv6 entries share one numbering but each matches its own family
  it('the same question over IPv4 meets rule 80 (deny tcp 443 from 0.0.0.0/0)', () => {
    expect(answers({ from: 'internet', to: 'i-web', protocol: 'tcp', port: 443 })).toEqual(both('network-acl acl-a SUBNET_ACL_RESTRICTION forward'));
  });

  it('IPv6 on 22 from the internet meets rule 90 (deny IPv6 tcp 22) before 101', () => {
    expect(answers(ipv6('internet', 'i-web', 'tcp', 22))).toEqual(both('network-acl acl-a SUBNET_ACL_RESTRICTION forward'));
  });

  // VPC User Guide, "Security group rules": Ipv6Ranges admit IPv6 peers only
  it('IPv4 on 22 from the internet passes the ACL but sg-web admits 22 from ::/0 only', () => {
    expect(answers({ from: 'internet', to: 'i-web', protocol: 'tcp', port: 22 })).toEqual(both('security-group sg-web ENI_SG_RULES_MISMATCH forward'));
  });

  // RFC 4443: an IPv6 echo is ICMPv6 (protocol 58), type 128, replied with 129
  it('ping over IPv6: sg-web\'s icmpv6 rule admits the echo request, the echo reply comes back', () => {
    expect(answers(ipv6('internet', 'i-web', 'icmp'))).toEqual(both('reachable'));
  });

  it('ping over IPv6 to i-db: sg-db\'s rule is for protocol icmp (1), which never matches ICMPv6', () => {
    expect(answers(ipv6('internet', 'i-db', 'icmp'))).toEqual(both('security-group sg-db ENI_SG_RULES_MISMATCH forward'));
  });

  // VPC User Guide, "Enable outbound IPv6 traffic using an egress-only internet gateway"
  it('i-db goes out through eigw-a, and the reply is let back in through it', () => {
    expect(answers(ipv6('i-db', 'internet', 'tcp', 443))).toEqual(both('reachable'));
  });

  it('vpc-b has only eigw-b: a connection started from the internet is refused there (EIGW_INBOUND_CONNECTION)', () => {
    expect(answers(ipv6('internet', 'i-b', 'tcp', 22))).toEqual(both('egress-only-internet-gateway eigw-b EIGW_INBOUND_CONNECTION forward'));
  });

  it('i-db to i-b over the internet: out through eigw-a (no route to vpc-b but ::/0), refused at eigw-b', () => {
    expect(answers(ipv6('i-db', 'i-b', 'tcp', 22))).toEqual(both('egress-only-internet-gateway eigw-b EIGW_INBOUND_CONNECTION forward'));
  });

  it('the internet reaches i-db on 443 through igw-a, but rtb-priv sends the reply to eigw-a, which did not see it start: unknown', () => {
    expect(answers(ipv6('internet', 'i-db', 'tcp', 443))).toEqual(both('egress-only-internet-gateway eigw-a UNSUPPORTED_COMPONENT return'));
  });

  // VPC User Guide, "VPC peering": IPv6 crosses a peering to the peer VPC's IPv6 blocks, routes on both sides
  it('i-web to i-b on 22 over pcx-ab; vpc-b has no ACL in the snapshot (AWS default: allow all)', () => {
    expect(answers(ipv6('i-web', 'i-b', 'tcp', 22))).toEqual(both('reachable'));
  });

  it('i-b to i-db on 5432 over pcx-ab: sg-db admits 5432 only from vpc-a\'s block', () => {
    expect(answers(ipv6('i-b', 'i-db', 'tcp', 5432))).toEqual(both('security-group sg-db ENI_SG_RULES_MISMATCH forward'));
  });

  // EC2 User Guide, "Assign prefixes to network interfaces": the delegated prefix's addresses are the ENI's
  it('an address of i-db\'s delegated prefix 2600:1f18:a:2:1::/80 reaches i-db', () => {
    expect(answers(ipv6('i-web', '2600:1f18:a:2:1::7', 'tcp', 5432))).toEqual(both('reachable'));
  });

  it('an address of subnet-priv that nobody holds: dropped in subnet-priv after its inbound ACL', () => {
    expect(answers(ipv6('i-web', '2600:1f18:a:2::99', 'tcp', 443))).toEqual(both('subnet subnet-priv NO_ROUTE_TO_DESTINATION forward'));
  });

  it('a unique local address (fd00::/8) is not routed on the internet', () => {
    expect(answers(ipv6('i-web', 'fd00::1', 'tcp', 443))).toEqual(both('internet internet NO_ROUTE_TO_DESTINATION forward'));
  });

  // VPC User Guide, "DNS64 and NAT64": 64:ff9b::/96 routed to a NAT gateway asks for NAT64, which is not modelled
  it('64:ff9b::a00:5 from i-db is routed to nat-a: NAT64 is UNSUPPORTED_COMPONENT', () => {
    expect(answers(ipv6('i-db', '64:ff9b::a00:5', 'tcp', 443))).toEqual(both('nat-gateway nat-a UNSUPPORTED_COMPONENT forward'));
  });

  // VPC User Guide, "Subnets for your VPC" (IPv6-only subnets); issue 17: an endpoint with one family uses it
  it('i-v6 in the IPv6-only subnet-v6 is asked about over IPv6 without --family: the internet reaches it on 443 through igw-a', () => {
    expect(answers({ from: 'internet', to: 'i-v6', protocol: 'tcp', port: 443 })).toEqual(both('reachable'));
  });

  it('i-v6 to i-db on 5432: within vpc-a over IPv6, sg-db admits vpc-a\'s block', () => {
    expect(answers({ from: 'i-v6', to: 'i-db', protocol: 'tcp', port: 5432 })).toEqual(both('reachable'));
  });

  it('bad input: an IPv4 question about i-v6, which has no IPv4 address', () => {
    const flow: OracleFlow = { from: 'internet', to: 'i-v6', protocol: 'tcp', port: 443, family: 'ipv4' };
    expect(() => oracleAnalyze(net, flow)).toThrow(OracleInputError);
    expect(() => analyzeFlow(model, { ...flow })).toThrow(InputError);
  });

  it('bad input: an instance without an IPv6 address on an IPv6 flow, and a literal of the other family', () => {
    for (const flow of [ipv6('i-plain', 'internet', 'tcp', 443), ipv6('internet', '10.0.1.10', 'tcp', 443), { from: 'i-web', to: '2600:1f18:a:2::20', protocol: 'tcp', port: 443, family: 'ipv4' as const }]) {
      expect(() => oracleAnalyze(net, flow), JSON.stringify(flow)).toThrow(OracleInputError);
      expect(() => analyzeFlow(model, { ...flow }), JSON.stringify(flow)).toThrow(InputError);
    }
  });
});
