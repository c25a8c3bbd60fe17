// Validation checks addresses with regular expressions (fast on big
// snapshots); the model parses them with ipaddr.js. Both must accept exactly
// the same texts, or a value could pass validation and then fail to parse.
import { describe, expect, it } from 'vitest';
import { parseRegionObject } from '../../../shared/aws/validate.js';
import { parseCidr, parseIpv4 } from '../../../shared/model/ipv4.js';

const addresses = ['0.0.0.0', '10.0.0.1', '255.255.255.255', '256.0.0.1', '010.0.0.1', '1.2.3', '1.2.3.4.5', '1.2.3.04', ' 1.2.3.4', '1.2.3.4 ', '1..3.4', '', 'a.b.c.d', '1.2.3.-1', '199.9.9.99'];
const prefixes = ['0', '8', '08', '16', '24', '29', '30', '32', '33', '40', '100', '', '-1', '1.5'];

function validates(region: object): boolean {
  try {
    parseRegionObject(region, { file: 'f', path: '' });
    return true;
  } catch {
    return false;
  }
}

describe('address validation agrees with the model parser', () => {
  it('IPv4 addresses', () => {
    for (const text of addresses) {
      const region = { Addresses: [{ PublicIp: text }] };
      expect(validates(region), JSON.stringify(text)).toBe(parseIpv4(text) !== undefined);
    }
  });

  it('IPv4 CIDRs', () => {
    for (const address of addresses) {
      for (const prefix of prefixes) {
        const text = `${address}/${prefix}`;
        expect(validates({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: text }] }), text).toBe(parseCidr(text) !== undefined);
      }
    }
    expect(validates({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0' }] })).toBe(false);
  });
});
