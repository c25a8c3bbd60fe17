// The flow log reader against AWS's own definitions and examples: the
// "Flow log records" page (available fields, default format, `-`) and the
// "Flow log record examples" page (accepted and rejected traffic, NODATA and
// SKIPDATA, the ping whose reply the network ACL rejects, the TCP flag
// sequence, the version-5 service, traffic path and flow direction example).
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-records-examples.html
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT, FLOW_LOG_FIELDS, formatFields } from '../../../shared/api/flowlogs/fields.js';
import { Interner } from '../../../shared/api/flowlogs/interner.js';
import { FlowLogParser, type BadLine } from '../../../shared/api/flowlogs/parser.js';
import { FlowLogReader, recordFields } from '../../../shared/api/flowlogs/reading.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Every record of `text` as field -> value, and the bad lines. */
function parse(text: string, format?: readonly string[], chunk = 0): { records: Record<string, string | number | null>[]; bad: BadLine[]; warnings: string[] } {
  const interner = new Interner();
  const records: Record<string, string | number | null>[] = [];
  const bad: BadLine[] = [];
  const warnings: string[] = [];
  const parser: FlowLogParser = new FlowLogParser('test.log', interner, { record: (view) => records.push(recordFields(view, parser.format, interner.texts)), badLine: (b) => bad.push(b), warning: (w) => warnings.push(w) }, format);
  const data = bytes(text);
  if (chunk > 0) for (let i = 0; i < data.length; i += chunk) parser.push(data.subarray(i, i + chunk));
  else parser.push(data);
  parser.end();
  return { records, bad, warnings };
}

function read(files: Record<string, string>) {
  const reader = new FlowLogReader();
  for (const [name, text] of Object.entries(files)) {
    const parser = reader.file(name);
    parser.push(bytes(text));
    parser.end();
  }
  return reader.result();
}

describe('the fields AWS defines', () => {
  it('the default format is the 14 version-2 fields in the page\'s order', () => {
    expect(DEFAULT_FORMAT).toEqual(['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status']);
  });

  it('knows every field of versions 2 to 5, with the version that introduced it', () => {
    const byVersion = (v: number) => FLOW_LOG_FIELDS.filter((f) => f.version === v).map((f) => f.name);
    expect(byVersion(3)).toEqual(['vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr']);
    expect(byVersion(4)).toEqual(['region', 'az-id', 'sublocation-type', 'sublocation-id']);
    expect(byVersion(5)).toEqual(['pkt-src-aws-service', 'pkt-dst-aws-service', 'flow-direction', 'traffic-path']);
  });

  it('reads a header line and a LogFormat, and takes no line of ids for a header', () => {
    expect(formatFields('version interface-id srcaddr')).toEqual(['version', 'interface-id', 'srcaddr']);
    expect(formatFields('${version} ${interface-id} ${srcaddr}')).toEqual(['version', 'interface-id', 'srcaddr']);
    expect(formatFields('i-01234567890123456 eni-1235b8ca123456789 10.0.1.5')).toBeUndefined();
    expect(formatFields('- eni-1235b8ca123456789 10.0.1.5 10.0.0.220')).toBeUndefined();
  });
});

describe('the default format (AWS examples "Accepted and rejected traffic")', () => {
  it('reads SSH accepted and RDP rejected, every field', () => {
    const { records, bad } = parse(
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n' +
        '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK\n',
    );
    expect(bad).toEqual([]);
    expect(records).toEqual([
      { version: 2, 'account-id': '123456789010', 'interface-id': 'eni-1235b8ca123456789', srcaddr: '172.31.16.139', dstaddr: '172.31.16.21', srcport: 20641, dstport: 22, protocol: 6, packets: 20, bytes: 4249, start: 1418530010, end: 1418530070, action: 'ACCEPT', 'log-status': 'OK' },
      { version: 2, 'account-id': '123456789010', 'interface-id': 'eni-1235b8ca123456789', srcaddr: '172.31.9.69', dstaddr: '172.31.9.12', srcport: 49761, dstport: 3389, protocol: 6, packets: 20, bytes: 4249, start: 1418530010, end: 1418530070, action: 'REJECT', 'log-status': 'OK' },
    ]);
  });

  it('reads the IPv6 example', () => {
    const { records } = parse('2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK\n');
    expect(records[0]).toMatchObject({ srcaddr: '2001:db8:1234:a100:8d6e:3477:df66:f105', dstaddr: '2001:db8:1234:a102:3304:8879:34cf:4071', dstport: 22, bytes: 8855 });
  });

  it('reads the same records whatever the chunks (a line split across reads)', () => {
    const text = '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\r\n2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK';
    const whole = parse(text);
    expect(whole.records).toHaveLength(2);
    for (const size of [1, 3, 7, 64]) expect(parse(text, undefined, size).records).toEqual(whole.records);
  });

  it('takes packets and bytes past 2^32', () => {
    const { records } = parse('2 123456789010 eni-1235b8ca123456789 10.0.0.1 10.0.0.2 40000 443 6 5000000000 9007199254740 1418530010 1418530070 ACCEPT OK\n');
    expect(records[0]).toMatchObject({ packets: 5000000000, bytes: 9007199254740 });
  });
});

describe('NODATA, SKIPDATA and "-" (AWS examples "No data and skipped records")', () => {
  const nodata = '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA\n';
  const skipdata = '2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA\n';

  it('reads "-" as no value', () => {
    expect(parse(nodata).records[0]).toEqual({ version: 2, 'account-id': '123456789010', 'interface-id': 'eni-1235b8ca123456789', srcaddr: null, dstaddr: null, srcport: null, dstport: null, protocol: null, packets: null, bytes: null, start: 1431280876, end: 1431280934, action: null, 'log-status': 'NODATA' });
  });

  it('counts NODATA and SKIPDATA windows per interface, makes no conversation of them, and warns that SKIPDATA means missing traffic', () => {
    const result = read({ 'a.log': nodata + nodata + skipdata });
    expect(result.conversations).toEqual([]);
    expect(result.noData).toEqual([{ interfaceId: 'eni-1235b8ca123456789', windows: 2 }]);
    expect(result.skipData).toEqual([{ interfaceId: 'eni-11111111aaaaaaaaa', windows: 1 }]);
    expect(result.warnings.some((w) => w.includes('eni-11111111aaaaaaaaa') && w.includes('SKIPDATA') && w.includes('missing'))).toBe(true);
    expect(result.badLines.count).toBe(0);
  });
});

describe('custom formats, self-described by their header', () => {
  it('reads every field of versions 2-5 in AWS\'s version-5 example order (service, traffic path, flow direction)', () => {
    const header = 'version srcaddr dstaddr srcport dstport protocol start end type packets bytes account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status';
    const { records, bad } = parse(
      `${header}\n` +
        '5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK\n' +
        '5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8 egress OK\n',
    );
    expect(bad).toEqual([]);
    expect(records[1]).toEqual({
      version: 5, srcaddr: '10.0.0.71', dstaddr: '52.95.128.179', srcport: 34210, dstport: 80, protocol: 6, start: 1616729292, end: 1616729349, type: 'IPv4', packets: 7, bytes: 471,
      'account-id': '123456789012', 'vpc-id': 'vpc-abcdefab012345678', 'subnet-id': 'subnet-aaaaaaaa012345678', 'instance-id': 'i-0c50d5961bcb2d47b', 'interface-id': 'eni-1235b8ca123456789',
      region: 'ap-southeast-2', 'az-id': 'apse2-az3', 'sublocation-type': null, 'sublocation-id': null, action: 'ACCEPT', 'tcp-flags': 3, 'pkt-srcaddr': '10.0.0.71', 'pkt-dstaddr': '52.95.128.179',
      'pkt-src-aws-service': null, 'pkt-dst-aws-service': 'S3', 'traffic-path': 8, 'flow-direction': 'egress', 'log-status': 'OK',
    });
    expect(records[0]).toMatchObject({ 'pkt-src-aws-service': 'S3', 'traffic-path': null, 'flow-direction': 'ingress', 'tcp-flags': 19 });
    expect(Object.keys(records[1]!).sort()).toEqual(FLOW_LOG_FIELDS.map((f) => f.name).sort());
  });

  it('groups the version-5 example into one conversation: the instance asked S3 on port 80, egress, through an internet gateway', () => {
    const text = 'version srcaddr dstaddr srcport dstport protocol packets bytes interface-id action pkt-srcaddr pkt-dstaddr traffic-path flow-direction log-status\n' +
      '5 52.95.128.179 10.0.0.71 80 34210 6 14 15044 eni-1235b8ca123456789 ACCEPT 52.95.128.179 10.0.0.71 - ingress OK\n' +
      '5 10.0.0.71 52.95.128.179 34210 80 6 7 471 eni-1235b8ca123456789 ACCEPT 10.0.0.71 52.95.128.179 8 egress OK\n';
    const [c, ...rest] = read({ 'v5.log': text }).conversations;
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ interfaceId: 'eni-1235b8ca123456789', direction: 'egress', client: '10.0.0.71', server: '52.95.128.179', protocol: 6, port: 80, clientPort: 34210, trafficPath: 8 });
    expect(c!.forward.accepted).toEqual({ records: 1, packets: 7, bytes: 471 });
    expect(c!.return.accepted).toEqual({ records: 1, packets: 14, bytes: 15044 });
  });

  it('uses pkt-srcaddr and pkt-dstaddr for the ends (AWS example "Traffic through a NAT gateway")', () => {
    const text = 'instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr protocol srcport dstport action\n- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5 6 40000 443 ACCEPT\n';
    const [c] = read({ 'nat.log': text }).conversations;
    expect(c).toMatchObject({ client: '10.0.1.5', server: '203.0.113.5', port: 443 });
  });

  it('reads the TCP flag sequence example (fields in another order), replies on their conversation\'s return leg', () => {
    const text = 'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status\n' +
      '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK\n' +
      '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7 1566848875 1566848933 ACCEPT 18 OK\n' +
      '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43418 5001 52.213.180.42 10.0.0.62 6 100701 70 1566848875 1566848933 ACCEPT 2 OK\n' +
      '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43638  10.0.0.62 52.213.180.42 6 967 14 1566933133 1566933193 ACCEPT 19 OK\n';
    const result = read({ 'flags.log': text });
    expect(result.badLines.count).toBe(0);
    expect(result.conversations).toHaveLength(1);
    const [c] = result.conversations;
    // bytes come before packets in this format
    expect(c).toMatchObject({ client: '52.213.180.42', server: '10.0.0.62', port: 5001, clientPort: 43416, accountId: '123456789010', firstStart: 1566848875, lastEnd: 1566933193 });
    expect(c!.forward.accepted).toEqual({ records: 2, packets: 78, bytes: 101269 });
    expect(c!.return.accepted).toEqual({ records: 2, packets: 21, bytes: 1343 });
    expect(result.window).toEqual({ start: 1566848875, end: 1566933193 });
  });

  it('warns about a field it does not know and skips its column', () => {
    const { records, warnings } = parse('version ecs-cluster-name interface-id action\n7 my-cluster eni-1 ACCEPT\n');
    expect(records).toEqual([{ version: 7, 'interface-id': 'eni-1', action: 'ACCEPT' }]);
    expect(warnings.join()).toContain('ecs-cluster-name');
  });

  it('a file without a header uses the format given (a CloudWatch flow log\'s LogFormat)', () => {
    const { records } = parse('eni-1 10.0.0.1 REJECT\n', ['interface-id', 'srcaddr', 'action']);
    expect(records).toEqual([{ 'interface-id': 'eni-1', srcaddr: '10.0.0.1', action: 'REJECT' }]);
  });
});

describe('the ping whose reply the network ACL rejects (AWS example "Security group and network ACL rules")', () => {
  it('is one conversation: the request accepted, its reply rejected on the return leg', () => {
    const text = '2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK\n' +
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 203.0.113.12 0 0 1 4 336 1432917094 1432917142 REJECT OK\n';
    const result = read({ 'ping.log': text });
    expect(result.conversations).toHaveLength(1);
    const [c] = result.conversations;
    expect(c).toMatchObject({ client: '203.0.113.12', server: '172.31.16.139', protocol: 1, port: null });
    expect(c!.forward).toEqual({ accepted: { records: 1, packets: 4, bytes: 336 }, rejected: { records: 0, packets: 0, bytes: 0 } });
    expect(c!.return).toEqual({ accepted: { records: 0, packets: 0, bytes: 0 }, rejected: { records: 1, packets: 4, bytes: 336 } });
    // the second line, as AWS's example writes it: ports 0 0, 4 packets, 336 bytes, 1432917094 to 1432917142
    expect(c!.records.returnRejected).toEqual([{ file: 'ping.log', line: 2, start: 1432917094, end: 1432917142, srcport: 0, dstport: 0, packets: 4, bytes: 336 }]);
  });
});

describe('bad lines', () => {
  it('are counted and reported with file and line, never fatal', () => {
    const good = '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';
    const text = [
      good,
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139',
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 MAYBE OK',
      '2 123456789010 eni-1235b8ca123456789 172.31.16.999 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
      '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 70000 6 20 4249 1418530010 1418530070 ACCEPT OK',
      '',
      `${good} extra`,
      good,
    ].join('\n');
    const { records, bad } = parse(text);
    expect(records).toHaveLength(2);
    expect(bad.map((b) => [b.file, b.line])).toEqual([['test.log', 2], ['test.log', 3], ['test.log', 4], ['test.log', 5], ['test.log', 7]]);
    expect(bad[0]!.reason).toBe('4 fields, the format has 14 (the default version-2 format)');
    expect(bad[1]!.reason).toContain('"MAYBE"');
    expect(bad[2]!.reason).toContain('"172.31.16.999"');
    expect(bad[3]!.reason).toContain('dstport');
    expect(bad[4]!.reason).toContain('more fields');
  });

  it('are summed over files, and the first is named in a warning', () => {
    const result = read({ 'a.log': 'garbage\n', 'b.log': '2 x\n' });
    expect(result.badLines.count).toBe(2);
    expect(result.files.map((f) => [f.path, f.badLines])).toEqual([['a.log', 1], ['b.log', 1]]);
    expect(result.warnings.join()).toContain('a.log line 1');
  });
});
