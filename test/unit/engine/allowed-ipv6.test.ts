// `allowed` per family (issue 17): every trace of the answer runs over the
// family asked (--family, or a literal address's). Expectations written from
// the demo (assets/demo/README.md, F11): acme-prod-status admits tcp 443 from
// 0.0.0.0/0 and ::/0 and tcp 22 from ::/0 only; prod-edge-a routes both
// families to the internet gateway and its default ACL allows all of both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { allowedBetween } from '../../../shared/engine/allowed-between.js';
import { InputError } from '../../../shared/model/errors.js';
import type { NetworkModel } from '../../../shared/model/types.js';

const schemaOf = (name: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('allowed.schema.json'));

let demo: NetworkModel;
beforeAll(async () => {
  demo = (await openSnapshot()).model;
});

describe('allowed over IPv6', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html: an IPv4 rule admits IPv4 only, an IPv6 rule (Ipv6Ranges) IPv6 only
  it('--family ipv6 from the internet to prod-status: tcp 22 and 443 (its ::/0 rules); over IPv4 only 443', () => {
    const ipv6 = allowedBetween(demo, 'internet', 'i-0de0000000000010d', { family: 'ipv6' });
    expect(validate(ipv6), JSON.stringify(validate.errors)).toBe(true);
    expect(ipv6.to).toMatchObject({ id: 'eni-0de0000000000010d', ip: '2600:1f18:4de0:119::10' });
    expect(ipv6.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 22, to: 22 }, { from: 443, to: 443 }] }]);
    const ipv4 = allowedBetween(demo, 'internet', 'i-0de0000000000010d');
    expect(ipv4.reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 443, to: 443 }] }]);
  });

  it('an IPv6 address at one end decides the family; contradicting --family is bad input', () => {
    expect(allowedBetween(demo, 'internet', '2600:1f18:4de0:119::10').reachable).toEqual([{ protocol: 'tcp', ports: [{ from: 22, to: 22 }, { from: 443, to: 443 }] }]);
    expect(() => allowedBetween(demo, 'internet', '2600:1f18:4de0:119::10', { family: 'ipv4' })).toThrow(InputError);
  });
});
