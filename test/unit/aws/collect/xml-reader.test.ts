// The plan reader against small hand-written answers: each rule it shares
// with the SDK's XmlShapeDeserializer (entities, CDATA, line breaks, empty
// elements, unknown elements, flattened members, timestamp formats), its
// errors, and real SDK schemas compiled by readPlanOf. Every expected value
// is written by hand from the XML, never recorded from the reader.
import { BundleInstance$, DescribeNetworkInterfaces$ } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancers$ } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { StaticStructureSchema } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import {
  readPlanOf,
  UnsupportedShapeError,
  type ListPlan,
  type MapPlan,
  type MemberPlan,
  type ReadPlan,
  type StructPlan,
  type TimestampFormat,
} from '../../../../shared/aws/collect/xml/plan.js';
import { readXmlAnswer, XmlAnswerError } from '../../../../shared/aws/collect/xml/reader.js';

const STRING: ReadPlan = { kind: 'string' };
const NUMBER: ReadPlan = { kind: 'number' };
const BOOLEAN: ReadPlan = { kind: 'boolean' };

function timestamp(format: TimestampFormat): ReadPlan {
  return { kind: 'timestamp', format };
}

function member(name: string, plan: ReadPlan, flat = false): MemberPlan {
  return { name, plan, flat };
}

/** A structure by XML element name. */
function struct(members: Record<string, MemberPlan>): StructPlan {
  return { kind: 'struct', members: new Map(Object.entries(members)) };
}

function list(itemTag: string, item: ReadPlan): ListPlan {
  return { kind: 'list', itemTag, item };
}

function map(value: ReadPlan, keyTag = 'key', valueTag = 'value'): MapPlan {
  return { kind: 'map', keyTag, valueTag, value };
}

/** One string member `s` under the root `<R>`. */
const ONE_STRING = struct({ s: member('S', STRING) });

function readS(inner: string): unknown {
  return readXmlAnswer(`<R><s>${inner}</s></R>`, ONE_STRING).S;
}

describe('readXmlAnswer: text', () => {
  it('decodes the five XML entities and numeric references, decimal and hex', () => {
    expect(readS('a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;')).toBe('a&b <c> "d" \'e\'');
    expect(readS('&#65;&#66;&#x43;&#x64;')).toBe('ABCd');
  });

  it('drops named entities XML does not define, as the SDK does', () => {
    expect(readS('a&nbsp;b&copy;c')).toBe('abc');
  });

  it('decodes once: an escaped entity stays an entity', () => {
    expect(readS('&amp;lt;&amp;#65;')).toBe('&lt;&#65;');
  });

  it('leaves an ampersand that starts no reference as it is', () => {
    expect(readS('R & co &x &#; &#x;')).toBe('R & co &x &#; &#x;');
  });

  it('keeps CDATA verbatim: no entity decoding, markup characters as text', () => {
    expect(readS('<![CDATA[<b>x</b> &amp; y]]>')).toBe('<b>x</b> &amp; y');
    expect(readS('before <![CDATA[inside]]> after')).toBe('before inside after');
    expect(readS(' <![CDATA[ x ]]> ')).toBe('  x  ');
  });

  it('skips comments and processing instructions inside text', () => {
    expect(readS('a<!-- note -->b<?pi x?>c')).toBe('abc');
    expect(readS('a<!-- <s>not text</s> -->b')).toBe('ab');
  });

  it('reads \\r\\n and a lone \\r as \\n, in text and in CDATA', () => {
    expect(readS('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    expect(readS('<![CDATA[x\r\ny]]>')).toBe('x\ny');
  });

  it('keeps a carriage return written as a character reference: line breaks are normalized before references are decoded', () => {
    // AWS escapes a carriage return as &#xD; (a description typed with a Windows line break)
    expect(readS('x&#13;y')).toBe('x\ry');
    expect(readS('x&#xD;&#xA;y')).toBe('x\r\ny');
    expect(readS('&#xD;')).toBe('\r');
    expect(readS('a\r\n&#xD;b')).toBe('a\n\rb');
  });

  it('reads whitespace-only text that contains a line break as empty', () => {
    expect(readS('\n')).toBe('');
    expect(readS('  \n\t  ')).toBe('');
    expect(readS('\r\n')).toBe('');
    expect(readS('&#10;')).toBe('');
  });

  it('keeps whitespace-only text without a line break, and spaces around text', () => {
    expect(readS('   ')).toBe('   ');
    expect(readS('  padded  ')).toBe('  padded  ');
    expect(readS('\n x \n')).toBe('\n x \n');
  });

  it('keeps text that is not ASCII', () => {
    expect(readS('é ü 日本')).toBe('é ü 日本');
  });
});

describe('readXmlAnswer: scalars', () => {
  const plan = struct({ n: member('N', NUMBER), b: member('B', BOOLEAN) });

  it('reads numbers with Number()', () => {
    expect(readXmlAnswer('<R><n>42</n></R>', plan)).toEqual({ N: 42 });
    expect(readXmlAnswer('<R><n>-1.5</n></R>', plan)).toEqual({ N: -1.5 });
    expect(readXmlAnswer('<R><n>1e3</n></R>', plan)).toEqual({ N: 1000 });
    expect(readXmlAnswer('<R><n> 7 </n></R>', plan)).toEqual({ N: 7 });
    expect(readXmlAnswer('<R><n>abc</n></R>', plan).N).toBeNaN();
  });

  it('reads booleans as true only for "true", in any case', () => {
    expect(readXmlAnswer('<R><b>true</b></R>', plan)).toEqual({ B: true });
    expect(readXmlAnswer('<R><b>TRUE</b></R>', plan)).toEqual({ B: true });
    expect(readXmlAnswer('<R><b>false</b></R>', plan)).toEqual({ B: false });
    expect(readXmlAnswer('<R><b>1</b></R>', plan)).toEqual({ B: false });
  });
});

describe('readXmlAnswer: empty elements', () => {
  const plan = struct({
    s: member('S', STRING),
    n: member('N', NUMBER),
    b: member('B', BOOLEAN),
    l: member('L', list('item', STRING)),
    st: member('St', struct({ a: member('A', STRING) })),
    m: member('M', map(STRING)),
  });
  const everyEmpty = { S: '', N: 0, B: false, L: [], St: {}, M: {} };

  it('reads <x></x> as the empty value of its kind ("" , 0, false, [], {}, {})', () => {
    expect(readXmlAnswer('<R><s></s><n></n><b></b><l></l><st></st><m></m></R>', plan)).toEqual(everyEmpty);
  });

  it('reads <x/> the same', () => {
    expect(readXmlAnswer('<R><s/><n/><b/><l/><st/><m/></R>', plan)).toEqual(everyEmpty);
    expect(readXmlAnswer('<R><s /><n\t/><b\n/><l /><st /><m /></R>', plan)).toEqual(everyEmpty);
  });

  it('reads an element holding only line breaks and indentation as empty too', () => {
    expect(readXmlAnswer('<R><s>\n</s><n>\n  </n><l>\n  </l><st>\n</st><m>\n</m></R>', plan)).toEqual({
      S: '',
      N: 0,
      L: [],
      St: {},
      M: {},
    });
  });

  it('leaves out members that are not in the answer (no undefined keys)', () => {
    const answer = readXmlAnswer('<R><s>x</s></R>', plan);
    expect(answer).toEqual({ S: 'x' });
    expect(Object.keys(answer)).toEqual(['S']);
  });
});

describe('readXmlAnswer: structures and unknown elements', () => {
  it('maps element names to member names and reads nested structures', () => {
    const plan = struct({
      vpcId: member('VpcId', STRING),
      state: member('State', struct({ code: member('Code', STRING), reason: member('Reason', STRING) })),
    });
    expect(readXmlAnswer('<R><vpcId>vpc-1</vpcId><state><code>active</code></state></R>', plan)).toEqual({
      VpcId: 'vpc-1',
      State: { Code: 'active' },
    });
  });

  it('skips unknown elements whatever they hold, nested elements of the same name included', () => {
    const plan = struct({ s: member('S', STRING), n: member('N', NUMBER) });
    const xml =
      '<R><x><x>deep</x><s>not mine</s><x><x/></x></x><s>mine</s>' +
      '<future a="1"/><future><n>9</n></future><n>2</n></R>';
    expect(readXmlAnswer(xml, plan)).toEqual({ S: 'mine', N: 2 });
  });

  it('skips elements inside a scalar: its value is its text', () => {
    expect(readS('t<i>u</i>')).toBe('t');
  });

  it('passes over text, comments and CDATA between the members of a structure', () => {
    const plan = struct({ a: member('A', STRING), b: member('B', STRING) });
    expect(readXmlAnswer('<R>stray<!-- c --><a>1</a><![CDATA[x]]>\n  <b>2</b>tail</R>', plan)).toEqual({ A: '1', B: '2' });
  });

  it('reads a recursive structure to any depth', () => {
    const node: StructPlan = { kind: 'struct', members: new Map() };
    node.members.set('name', member('Name', STRING));
    node.members.set('child', member('Child', node));
    expect(readXmlAnswer('<R><name>a</name><child><name>b</name><child><name>c</name></child></child></R>', node)).toEqual({
      Name: 'a',
      Child: { Name: 'b', Child: { Name: 'c' } },
    });
  });
});

describe('readXmlAnswer: lists', () => {
  it('reads the items of a wrapped list by their item name and skips other elements in it', () => {
    const plan = struct({ groupSet: member('Groups', list('item', STRING)) });
    expect(readXmlAnswer('<R><groupSet><item>a</item><other>q</other><item/><item>c</item></groupSet></R>', plan)).toEqual({
      Groups: ['a', '', 'c'],
    });
  });

  it('reads a list of structures, an empty item as {}', () => {
    const plan = struct({ tagSet: member('Tags', list('item', struct({ key: member('Key', STRING), value: member('Value', STRING) }))) });
    const xml = '<R><tagSet>\n  <item><key>Name</key><value>web</value></item>\n  <item/>\n  <item><key>k</key><value/></item>\n</tagSet></R>';
    expect(readXmlAnswer(xml, plan)).toEqual({ Tags: [{ Key: 'Name', Value: 'web' }, {}, { Key: 'k', Value: '' }] });
  });

  it('reads lists of numbers and of lists', () => {
    const plan = struct({ ports: member('Ports', list('member', NUMBER)), grid: member('Grid', list('row', list('cell', STRING))) });
    const xml = '<R><ports><member>22</member><member/></ports><grid><row><cell>a</cell><cell>b</cell></row><row/></grid></R>';
    expect(readXmlAnswer(xml, plan)).toEqual({ Ports: [22, 0], Grid: [['a', 'b'], []] });
  });

  it('reads a flattened list: every occurrence of the member element is one item, wherever it is', () => {
    const plan = struct({ Item: member('Items', list('member', STRING), true), s: member('S', STRING) });
    expect(readXmlAnswer('<R><Item>a</Item><s>k</s><Item/><Item>c</Item></R>', plan)).toEqual({ Items: ['a', '', 'c'], S: 'k' });
    expect(readXmlAnswer('<R><Item>only</Item></R>', plan)).toEqual({ Items: ['only'] });
  });

  it('reads a flattened list of structures', () => {
    const plan = struct({ Rule: member('Rules', list('member', struct({ Port: member('Port', NUMBER) })), true) });
    expect(readXmlAnswer('<R><Rule><Port>80</Port></Rule><Rule/><Rule><Port>443</Port></Rule></R>', plan)).toEqual({
      Rules: [{ Port: 80 }, {}, { Port: 443 }],
    });
  });
});

describe('readXmlAnswer: maps', () => {
  it('reads <entry><key/><value/></entry> pairs', () => {
    const plan = struct({ m: member('M', map(STRING)) });
    const xml = '<R><m><entry><key>k1</key><value>v1</value></entry><entry><key>a&amp;b</key><value/></entry><x/></m></R>';
    expect(readXmlAnswer(xml, plan)).toEqual({ M: { k1: 'v1', 'a&b': '' } });
  });

  it('reads key and value elements by their own names, and structure values', () => {
    const plan = struct({ m: member('M', map(struct({ n: member('N', NUMBER) }), 'Name', 'Value')) });
    const xml = '<R><m><entry><Value><n>1</n></Value><Name>one</Name></entry><entry><Name>two</Name><Value><n>2</n></Value></entry></m></R>';
    expect(readXmlAnswer(xml, plan)).toEqual({ M: { one: { N: 1 }, two: { N: 2 } } });
  });

  it('reads a flattened map: every occurrence of the member element is one entry', () => {
    const plan = struct({ Attr: member('Attrs', map(STRING, 'Name', 'Value'), true), s: member('S', STRING) });
    const xml = '<R><Attr><Name>a</Name><Value>1</Value></Attr><s>x</s><Attr><Name>b</Name><Value>2</Value></Attr></R>';
    expect(readXmlAnswer(xml, plan)).toEqual({ Attrs: { a: '1', b: '2' }, S: 'x' });
  });

  it('keeps a key named __proto__ as an own key, not as the prototype', () => {
    const plan = struct({ m: member('M', map(STRING)) });
    const answer = readXmlAnswer('<R><m><entry><key>__proto__</key><value>v</value></entry></m></R>', plan);
    const m = answer.M as Record<string, unknown>;
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(m, '__proto__')?.value).toBe('v');
  });
});

describe('readXmlAnswer: document and start tags', () => {
  it('passes over the XML declaration, comments, a DOCTYPE and the root attributes', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- generated -->\n<!DOCTYPE R>\n<R xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\n  <s>v</s>\n</R>\n';
    expect(readXmlAnswer(xml, ONE_STRING)).toEqual({ S: 'v' });
  });

  it('reads a self-closing root as {}', () => {
    expect(readXmlAnswer('<R/>', ONE_STRING)).toEqual({});
    expect(readXmlAnswer('<?xml version="1.0"?><R xmlns="urn:x" />', ONE_STRING)).toEqual({});
  });

  it('finds the end of a start tag past a ">" inside an attribute value', () => {
    expect(readXmlAnswer('<R><s a="x>y">v</s></R>', ONE_STRING)).toEqual({ S: 'v' });
    expect(readXmlAnswer("<R><s a='1>2' b=\"3>4\">v</s></R>", ONE_STRING)).toEqual({ S: 'v' });
  });

  it('does not take "/>" inside an attribute value for a self-closing tag, nor miss a real one after it', () => {
    expect(readXmlAnswer('<R><s a="/>">v</s></R>', ONE_STRING)).toEqual({ S: 'v' });
    const two = struct({ s: member('S', STRING), t: member('T', STRING) });
    expect(readXmlAnswer('<R><s a="x>"/><t>w</t></R>', two)).toEqual({ S: '', T: 'w' });
  });

  it('accepts whitespace before the ">" of an end tag', () => {
    expect(readXmlAnswer('<R><s>v</s ></R >', ONE_STRING)).toEqual({ S: 'v' });
  });
});

describe('readXmlAnswer: malformed answers', () => {
  it('throws XmlAnswerError for a mismatched end tag', () => {
    expect(() => readXmlAnswer('<R><s>v</t></R>', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<R><s>v</s></Q>', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<R><s>v</ss></R>', ONE_STRING)).toThrow(XmlAnswerError);
    // same length, same first and last character: the whole name is compared
    expect(() => readXmlAnswer('<R><s>v</s></Rxxt>'.replace('<R>', '<Root>'), ONE_STRING)).toThrow(XmlAnswerError);
    const items = struct({ l: member('L', list('item', STRING)) });
    expect(() => readXmlAnswer('<R><l><item>1</itxm></l></R>', items)).toThrow(XmlAnswerError);
    const nested = struct({ st: member('St', struct({ a: member('A', STRING) })) });
    expect(() => readXmlAnswer('<R><st><a>1</a></R></st>', nested)).toThrow(XmlAnswerError);
  });

  it('names its error XmlAnswerError: the code a refused call gets in the snapshot\'s errors', () => {
    expect(() => readXmlAnswer('<R><s>v</t></R>', ONE_STRING)).toThrow(expect.objectContaining({ name: 'XmlAnswerError' }));
  });

  it('throws XmlAnswerError for unclosed elements, comments and CDATA', () => {
    expect(() => readXmlAnswer('<R><s>text', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<R><s>v</s>', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<R><s', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<R><!-- never closed <s>v</s></R>', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<R><s><![CDATA[never closed</s></R>', ONE_STRING)).toThrow(XmlAnswerError);
  });

  it('throws XmlAnswerError when there is no root element', () => {
    expect(() => readXmlAnswer('', ONE_STRING)).toThrow(XmlAnswerError);
    expect(() => readXmlAnswer('<?xml version="1.0"?>\n', ONE_STRING)).toThrow(XmlAnswerError);
  });
});

describe('readXmlAnswer: AWS Query result element', () => {
  const plan = struct({ LoadBalancerName: member('LoadBalancerName', STRING), NextMarker: member('NextMarker', STRING) });

  it('reads the members inside <XResult> and nothing from ResponseMetadata or beside it', () => {
    const xml =
      '<?xml version="1.0"?>\n<XResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">\n' +
      '  <NextMarker>outside</NextMarker>\n' +
      '  <XResult>\n    <LoadBalancerName>web</LoadBalancerName>\n    <NextMarker>m2</NextMarker>\n  </XResult>\n' +
      '  <ResponseMetadata><RequestId>5f0e1ca2-0000-4d1e-9c6b-000000000000</RequestId></ResponseMetadata>\n</XResponse>';
    expect(readXmlAnswer(xml, plan, 'XResult')).toEqual({ LoadBalancerName: 'web', NextMarker: 'm2' });
  });

  it('reads an answer without the result element as {}', () => {
    const xml = '<XResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></XResponse>';
    expect(readXmlAnswer(xml, plan, 'XResult')).toEqual({});
    expect(readXmlAnswer('<XResponse/>', plan, 'XResult')).toEqual({});
    expect(readXmlAnswer('<XResponse><XResult/></XResponse>', plan, 'XResult')).toEqual({});
  });
});

describe('readXmlAnswer: timestamps as ISO-8601 text', () => {
  const plan = struct({ t: member('T', timestamp(5)), h: member('H', timestamp(6)), e: member('E', timestamp(7)) });
  const read = (tag: 't' | 'h' | 'e', text: string): unknown => readXmlAnswer(`<R><${tag}>${text}</${tag}></R>`, plan);

  it('reads date-time (format 5) in UTC and with an offset', () => {
    expect(read('t', '2026-09-14T08:30:11Z')).toEqual({ T: '2026-09-14T08:30:11.000Z' });
    expect(read('t', '2026-09-14T08:30:11.000Z')).toEqual({ T: '2026-09-14T08:30:11.000Z' });
    // 08:30:11 at +02:00 is 06:30:11 UTC; at -05:30 it is 14:00:11 UTC
    expect(read('t', '2026-09-14T08:30:11+02:00')).toEqual({ T: '2026-09-14T06:30:11.000Z' });
    expect(read('t', '2026-09-14T08:30:11-05:30')).toEqual({ T: '2026-09-14T14:00:11.000Z' });
    expect(read('t', '2026-09-14T08:30:11.25Z')).toEqual({ T: '2026-09-14T08:30:11.250Z' });
  });

  it('reads http-date (format 6)', () => {
    // 14 September 2026 is a Monday
    expect(read('h', 'Mon, 14 Sep 2026 08:30:11 GMT')).toEqual({ H: '2026-09-14T08:30:11.000Z' });
  });

  it('reads epoch seconds (format 7), fractions included', () => {
    // 2026-01-01 is 20454 days after 1970-01-01 (56 years, 14 leap days); 14 September is day 256 after it:
    // (20454 + 256) * 86400 + 8 * 3600 + 30 * 60 + 11 = 1789374611
    expect(read('e', '1789374611')).toEqual({ E: '2026-09-14T08:30:11.000Z' });
    expect(read('e', '1789374611.25')).toEqual({ E: '2026-09-14T08:30:11.250Z' });
    expect(read('e', '0')).toEqual({ E: '1970-01-01T00:00:00.000Z' });
  });

  it('reads timestamps in lists', () => {
    const times = struct({ times: member('Times', list('item', timestamp(5))) });
    expect(readXmlAnswer('<R><times><item>2026-09-14T08:30:11Z</item><item>2026-09-14T08:30:12Z</item></times></R>', times)).toEqual({
      Times: ['2026-09-14T08:30:11.000Z', '2026-09-14T08:30:12.000Z'],
    });
  });
});

describe('readPlanOf with the SDK schemas', () => {
  /** The output schema of a static operation schema: [9, namespace, name, traits, input, output]. */
  function outputPlan(operation: readonly unknown[]): StructPlan {
    const plan = readPlanOf(operation[5] as Parameters<typeof readPlanOf>[0]);
    expect(plan.kind).toBe('struct');
    return plan as StructPlan;
  }

  it('reads an EC2 DescribeNetworkInterfaces answer into describe-API JSON', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>7c0f6c1e-2b55-4c1f-9a57-0d7f3a3b9c11</requestId>
    <networkInterfaceSet>
        <item>
            <networkInterfaceId>eni-0a1b2c3d4e5f60718</networkInterfaceId>
            <subnetId>subnet-0123456789abcdef0</subnetId>
            <vpcId>vpc-0fedcba9876543210</vpcId>
            <availabilityZone>eu-west-1a</availabilityZone>
            <description>web &amp; api tier</description>
            <ownerId>123456789012</ownerId>
            <requesterManaged>false</requesterManaged>
            <status>in-use</status>
            <macAddress>02:1a:2b:3c:4d:5e</macAddress>
            <privateIpAddress>10.0.1.17</privateIpAddress>
            <privateDnsName>ip-10-0-1-17.eu-west-1.compute.internal</privateDnsName>
            <sourceDestCheck>true</sourceDestCheck>
            <groupSet>
                <item>
                    <groupId>sg-0aaa1111bbbb2222c</groupId>
                    <groupName>web</groupName>
                </item>
                <item>
                    <groupId>sg-0ddd3333eeee4444f</groupId>
                    <groupName>ssh from office</groupName>
                </item>
            </groupSet>
            <attachment>
                <attachmentId>eni-attach-0123456789abcdef0</attachmentId>
                <instanceId>i-0123456789abcdef0</instanceId>
                <instanceOwnerId>123456789012</instanceOwnerId>
                <deviceIndex>1</deviceIndex>
                <networkCardIndex>0</networkCardIndex>
                <status>attached</status>
                <attachTime>2026-09-14T08:30:11.000Z</attachTime>
                <deleteOnTermination>true</deleteOnTermination>
            </attachment>
            <association>
                <publicIp>203.0.113.25</publicIp>
                <publicDnsName/>
                <ipOwnerId>amazon</ipOwnerId>
            </association>
            <tagSet>
                <item>
                    <key>Name</key>
                    <value>web-1</value>
                </item>
                <item>
                    <key>empty</key>
                    <value/>
                </item>
            </tagSet>
            <privateIpAddressesSet>
                <item>
                    <privateIpAddress>10.0.1.17</privateIpAddress>
                    <primary>true</primary>
                </item>
            </privateIpAddressesSet>
            <ipv6AddressesSet/>
            <interfaceType>interface</interfaceType>
            <aMemberOfTomorrow><item>x</item></aMemberOfTomorrow>
        </item>
        <item>
            <networkInterfaceId>eni-0f0e0d0c0b0a09080</networkInterfaceId>
            <status>available</status>
            <groupSet/>
            <tagSet>
            </tagSet>
        </item>
    </networkInterfaceSet>
    <nextToken>eyJ2IjoiMiIsImMiOiJ0b2tlbiJ9</nextToken>
</DescribeNetworkInterfacesResponse>`;
    expect(readXmlAnswer(xml, outputPlan(DescribeNetworkInterfaces$))).toEqual({
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
          SubnetId: 'subnet-0123456789abcdef0',
          VpcId: 'vpc-0fedcba9876543210',
          AvailabilityZone: 'eu-west-1a',
          Description: 'web & api tier',
          OwnerId: '123456789012',
          RequesterManaged: false,
          Status: 'in-use',
          MacAddress: '02:1a:2b:3c:4d:5e',
          PrivateIpAddress: '10.0.1.17',
          PrivateDnsName: 'ip-10-0-1-17.eu-west-1.compute.internal',
          SourceDestCheck: true,
          Groups: [
            { GroupId: 'sg-0aaa1111bbbb2222c', GroupName: 'web' },
            { GroupId: 'sg-0ddd3333eeee4444f', GroupName: 'ssh from office' },
          ],
          Attachment: {
            AttachmentId: 'eni-attach-0123456789abcdef0',
            InstanceId: 'i-0123456789abcdef0',
            InstanceOwnerId: '123456789012',
            DeviceIndex: 1,
            NetworkCardIndex: 0,
            Status: 'attached',
            AttachTime: '2026-09-14T08:30:11.000Z',
            DeleteOnTermination: true,
          },
          Association: { PublicIp: '203.0.113.25', PublicDnsName: '', IpOwnerId: 'amazon' },
          TagSet: [
            { Key: 'Name', Value: 'web-1' },
            { Key: 'empty', Value: '' },
          ],
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.17', Primary: true }],
          Ipv6Addresses: [],
          InterfaceType: 'interface',
        },
        { NetworkInterfaceId: 'eni-0f0e0d0c0b0a09080', Status: 'available', Groups: [], TagSet: [] },
      ],
      NextToken: 'eyJ2IjoiMiIsImMiOiJ0b2tlbiJ9',
    });
  });

  it('reads an ELBv2 DescribeLoadBalancers answer inside its result element', () => {
    const xml = `<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
  <DescribeLoadBalancersResult>
    <LoadBalancers>
      <member>
        <LoadBalancerArn>arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188</LoadBalancerArn>
        <Scheme>internet-facing</Scheme>
        <LoadBalancerName>web</LoadBalancerName>
        <VpcId>vpc-0fedcba9876543210</VpcId>
        <CanonicalHostedZoneId>Z32O12XQLNTSW2</CanonicalHostedZoneId>
        <CreatedTime>2026-09-14T08:30:11.420Z</CreatedTime>
        <AvailabilityZones>
          <member>
            <SubnetId>subnet-0123456789abcdef0</SubnetId>
            <ZoneName>eu-west-1a</ZoneName>
            <LoadBalancerAddresses/>
          </member>
          <member>
            <SubnetId>subnet-0fedcba9876543210</SubnetId>
            <ZoneName>eu-west-1b</ZoneName>
          </member>
        </AvailabilityZones>
        <SecurityGroups>
          <member>sg-0aaa1111bbbb2222c</member>
        </SecurityGroups>
        <DNSName>web-1234567890.eu-west-1.elb.amazonaws.com</DNSName>
        <State>
          <Code>active</Code>
        </State>
        <Type>application</Type>
        <IpAddressType>ipv4</IpAddressType>
      </member>
    </LoadBalancers>
    <NextMarker>bWFya2VyLTE=</NextMarker>
  </DescribeLoadBalancersResult>
  <ResponseMetadata>
    <RequestId>5f0e1ca2-8a4b-4d1e-9c6b-2b1d0e7f3a44</RequestId>
  </ResponseMetadata>
</DescribeLoadBalancersResponse>`;
    expect(readXmlAnswer(xml, outputPlan(DescribeLoadBalancers$), 'DescribeLoadBalancersResult')).toEqual({
      LoadBalancers: [
        {
          LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
          Scheme: 'internet-facing',
          LoadBalancerName: 'web',
          VpcId: 'vpc-0fedcba9876543210',
          CanonicalHostedZoneId: 'Z32O12XQLNTSW2',
          CreatedTime: '2026-09-14T08:30:11.420Z',
          AvailabilityZones: [
            { SubnetId: 'subnet-0123456789abcdef0', ZoneName: 'eu-west-1a', LoadBalancerAddresses: [] },
            { SubnetId: 'subnet-0fedcba9876543210', ZoneName: 'eu-west-1b' },
          ],
          SecurityGroups: ['sg-0aaa1111bbbb2222c'],
          DNSName: 'web-1234567890.eu-west-1.elb.amazonaws.com',
          State: { Code: 'active' },
          Type: 'application',
          IpAddressType: 'ipv4',
        },
      ],
      NextMarker: 'bWFya2VyLTE=',
    });
  });

  it('compiles xmlName, xmlFlattened and timestamp formats from a hand-built static schema', () => {
    const schema: StaticStructureSchema = [
      3,
      'test',
      'Answer',
      0,
      ['Items', 'Attributes', 'Created', 'Seen', 'Count'],
      [
        [[1, 'test', 'ItemList', 0, 0], { xmlFlattened: 1, xmlName: 'item' }],
        [[2, 'test', 'AttributeMap', 0, [0, { xmlName: 'Name' }], [0, { xmlName: 'Value' }]], { xmlName: 'attributeSet' }],
        [4, { xmlName: 'createdAt' }],
        7,
        1,
      ],
    ];
    const xml =
      '<R><item>a</item><attributeSet><entry><Name>k</Name><Value>v</Value></entry></attributeSet>' +
      '<item>b</item><createdAt>2026-09-14T08:30:11Z</createdAt><Seen>1789374611</Seen><Count>3</Count><Items>not mine</Items></R>';
    expect(readXmlAnswer(xml, readPlanOf(schema) as StructPlan)).toEqual({
      Items: ['a', 'b'],
      Attributes: { k: 'v' },
      Created: '2026-09-14T08:30:11.000Z',
      Seen: '2026-09-14T08:30:11.000Z',
      Count: 3,
    });
  });

  it('throws UnsupportedShapeError for an SDK output that holds a blob (BundleInstance: S3Storage.UploadPolicy)', () => {
    expect(() => readPlanOf(BundleInstance$[5])).toThrow(UnsupportedShapeError);
    // and again: a shape that failed is not left half-compiled
    expect(() => readPlanOf(BundleInstance$[5])).toThrow(UnsupportedShapeError);
  });

  it('throws UnsupportedShapeError for blobs, big numbers, documents and media-typed strings, however deep', () => {
    const unsupported: [string, StaticStructureSchema][] = [
      ['blob', [3, 'test', 'WithBlob', 0, ['Data'], [21]]],
      ['big integer', [3, 'test', 'WithBigInteger', 0, ['N'], [17]]],
      ['big decimal', [3, 'test', 'WithBigDecimal', 0, ['N'], [19]]],
      ['document', [3, 'test', 'WithDocument', 0, ['D'], [15]]],
      ['media-typed string', [3, 'test', 'WithJson', 0, ['J'], [[0, 'test', 'Json', { mediaType: 'application/json' }, 0]]]],
      ['blob in a list', [3, 'test', 'WithBlobList', 0, ['L'], [[1, 'test', 'BlobList', 0, 21]]]],
      ['blob in a map', [3, 'test', 'WithBlobMap', 0, ['M'], [[2, 'test', 'BlobMap', 0, 0, 21]]]],
      ['blob in a nested structure', [3, 'test', 'Outer', 0, ['Inner'], [[3, 'test', 'Inner', 0, ['Data'], [21]]]]],
    ];
    for (const [what, schema] of unsupported) {
      expect(() => readPlanOf(schema), what).toThrow(UnsupportedShapeError);
    }
  });

  it('leaves no half-compiled structure behind: a shape that reaches an unsupported one stays unsupported, whichever is compiled first', () => {
    // Parent { Child: Child, Data: blob }, Child { Parent: Parent }: compiling Parent meets Child (which refers back to
    // Parent) before the blob; Child must not be remembered as readable with a Parent that lacks Data
    const parent: StaticStructureSchema = [3, 'test', 'Parent', 0, ['Child', 'Data'], [() => child, 21]];
    const child: StaticStructureSchema = [3, 'test', 'Child', 0, ['Parent'], [() => parent]];
    expect(() => readPlanOf(parent)).toThrow(UnsupportedShapeError);
    expect(() => readPlanOf(child)).toThrow(UnsupportedShapeError);
  });
});
