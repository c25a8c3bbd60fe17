// The exposure audit's broken list over IPv6 (issue 17): a service the
// filters let in from the internet over IPv6 whose reply cannot get back is
// "public and open, but broken", as on IPv4. Expectations written from AWS's
// rules: an internet gateway delivers IPv6 into its VPC whatever the subnet's
// routes, the reply follows the subnet's IPv6 routes and outbound ACL entries.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { dualStackWeb } from '../../fixtures/engine/dual-stack-web.js';
import { allowAll, type AclRule } from '../../fixtures/engine/network.js';

const schemaOf = (name: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('exposure.schema.json'));

const web = (ipv6Routes: [string, string][], outbound?: AclRule[]) => dualStackWeb(ipv6Routes, outbound).build();

describe('exposure over IPv6: the broken list', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html: the subnet needs the route ::/0 to the internet gateway for IPv6 internet traffic
  it('SSH admitted from ::/0 but no IPv6 route back: not exposed, broken at the route table on the return leg', () => {
    const report = exposureOf(web([]));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.exposed.filter((e) => e.family === 'ipv6')).toEqual([]);
    const broken = report.broken!.filter((e) => e.family === 'ipv6');
    expect(broken.map((e) => [e.eni, e.publicIp])).toEqual([['eni-web', '2600:1f18:a:1::10']]);
    expect(broken[0]!.services.map((s) => [s.protocol, s.ports, s.sources, s.blocked.id, s.blocked.code, s.blocked.direction])).toEqual([
      ['tcp', [{ from: 22, to: 22 }], ['::/0'], 'rtb-pub', 'NO_ROUTE_TO_DESTINATION', 'return'],
    ]);
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: the ACL's outbound IPv6 entries judge the reply
  it('an ACL that lets the request in but no IPv6 reply out: broken at the ACL on the return leg', () => {
    const report = exposureOf(web([['::/0', 'igw-a']], allowAll));
    const broken = report.broken!.filter((e) => e.family === 'ipv6');
    expect(broken[0]!.services.map((s) => [s.blocked.id, s.blocked.code, s.blocked.direction])).toEqual([['acl-pub', 'SUBNET_ACL_RESTRICTION', 'return']]);
    // with the route and the reply allowed, it is exposed, not broken
    const fine = exposureOf(web([['::/0', 'igw-a']]));
    expect(fine.broken!.filter((e) => e.family === 'ipv6')).toEqual([]);
    expect(fine.exposed.filter((e) => e.family === 'ipv6').map((e) => e.eni)).toEqual(['eni-web']);
  });
});
