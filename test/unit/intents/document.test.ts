import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { parseIntents } from '../../../shared/api/intents.js';

function errorOf(text: string, file = 'intents.yaml'): string {
  try {
    parseIntents(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the document to be refused');
}

describe('parseIntents: valid documents', () => {
  it('reads flows with their defaults and exposure rules from YAML', () => {
    const document = parseIntents(
      [
        'flows:',
        '  - name: web serves https',
        '    from: internet',
        '    to: tag:Name=web-*',
        '    port: 443',
        '    expect: reachable',
        '  - from: i-0aaa',
        '    to: 10.0.2.15',
        '    protocol: icmp',
        '    expect: unreachable',
        '  - from: i-0aaa',
        '    to: i-0bbb',
        '    protocol: 17',
        '    port: 53',
        '    sourcePort: 5353',
        '    expect: reachable',
        'exposure:',
        '  allow:',
        '    - to: tag:env=prod',
        '      ports: [443, "8000-8100"]',
        '      from: [203.0.113.0/24, pl-0abc]',
        '    - to: eni-0ccc',
        '      protocol: icmp',
        '  otherwise: deny',
      ].join('\n'),
      'intents.yaml',
    );
    expect(document.flows).toEqual([
      { index: 0, name: 'web serves https', from: 'internet', to: 'tag:Name=web-*', protocol: 'tcp', port: 443, sourcePort: undefined, expect: 'reachable' },
      { index: 1, name: undefined, from: 'i-0aaa', to: '10.0.2.15', protocol: 'icmp', port: undefined, sourcePort: undefined, expect: 'unreachable' },
      { index: 2, name: undefined, from: 'i-0aaa', to: 'i-0bbb', protocol: 'udp', port: 53, sourcePort: 5353, expect: 'reachable' },
    ]);
    expect(document.exposure).toEqual({
      otherwise: 'deny',
      allow: [
        { index: 0, to: 'tag:env=prod', protocol: 'tcp', ports: [{ from: 443, to: 443 }, { from: 8000, to: 8100 }], from: ['203.0.113.0/24', 'pl-0abc'] },
        { index: 1, to: 'eni-0ccc', protocol: 'icmp', ports: null, from: undefined },
      ],
    });
  });

  it('reads the same document written as JSON', () => {
    const document = parseIntents(
      JSON.stringify({ flows: [{ from: 'internet', to: 'i-0aaa', protocol: 'all', expect: 'unreachable' }], exposure: { allow: [] } }),
      'ci/intents.json',
    );
    expect(document.file).toBe('ci/intents.json');
    expect(document.flows[0]).toMatchObject({ protocol: 'all', port: undefined, expect: 'unreachable' });
    expect(document.exposure).toEqual({ allow: [], otherwise: 'deny' });
  });

  it('accepts a document with only an exposure section', () => {
    expect(parseIntents('exposure:\n  otherwise: deny\n', 'x.yaml').flows).toEqual([]);
  });
});

describe('parseIntents: bad documents name the intent and the field', () => {
  it('missing expect', () => {
    expect(errorOf('flows:\n  - {from: internet, to: i-1, port: 443, expect: reachable}\n  - {from: internet, to: i-1, port: 22}\n')).toBe(
      'intents.yaml: flows[1].expect: missing (reachable|unreachable)',
    );
  });

  it('an expectation that is neither reachable nor unreachable', () => {
    expect(errorOf('flows:\n  - {from: a, to: b, port: 1, expect: yes}\n')).toBe('intents.yaml: flows[0].expect: "yes" is not reachable|unreachable');
  });

  it('bad ports: out of range, not a number, missing for tcp, given for icmp', () => {
    expect(errorOf('flows:\n  - {from: a, to: b, port: 70000, expect: reachable}\n')).toBe('intents.yaml: flows[0].port: 70000 is not a port (an integer 1-65535)');
    expect(errorOf('flows:\n  - {from: a, to: b, port: 0, expect: reachable}\n')).toBe('intents.yaml: flows[0].port: 0 is not a port (an integer 1-65535)');
    expect(errorOf('flows:\n  - {from: a, to: b, port: https, expect: reachable}\n')).toBe('intents.yaml: flows[0].port: "https" is not a port (an integer 1-65535)');
    expect(errorOf('flows:\n  - {from: a, to: b, port: 44.5, expect: reachable}\n')).toBe('intents.yaml: flows[0].port: 44.5 is not a port (an integer 1-65535)');
    expect(errorOf('flows:\n  - {from: a, to: b, protocol: udp, expect: reachable}\n')).toBe('intents.yaml: flows[0].port: missing (required for udp)');
    expect(errorOf('flows:\n  - {from: a, to: b, protocol: icmp, port: 8, expect: reachable}\n')).toBe(
      'intents.yaml: flows[0].port: not allowed for protocol icmp (only tcp and udp have ports)',
    );
    expect(errorOf('flows:\n  - {from: a, to: b, port: 22, sourcePort: -1, expect: reachable}\n')).toBe('intents.yaml: flows[0].sourcePort: -1 is not a port (an integer 1-65535)');
  });

  it('missing or malformed endpoints, protocols and selectors', () => {
    expect(errorOf('flows:\n  - {from: a, port: 1, expect: reachable}\n')).toBe(
      'intents.yaml: flows[0].to: missing (an endpoint as `reachmap analyze` takes it, or a tag selector)',
    );
    expect(errorOf('flows:\n  - {from: "", to: b, port: 1, expect: reachable}\n')).toBe('intents.yaml: flows[0].from: is empty');
    expect(errorOf('flows:\n  - {from: a, to: "tag:=web", port: 1, expect: reachable}\n')).toBe(
      'intents.yaml: flows[0].to: "tag:=web" is not a tag selector (tag:KEY=VALUE, VALUE may use * and ?)',
    );
    expect(errorOf('flows:\n  - {from: a, to: "account:12345", port: 1, expect: reachable}\n')).toBe(
      'intents.yaml: flows[0].to: "account:12345" is not an account selector (tag:KEY=VALUE (VALUE may use * and ?), account:ACCOUNT_ID, or account:ACCOUNT_ID,tag:KEY=VALUE; an account id is 12 digits)',
    );
    // a bare account id is a YAML number, whose leading zero is gone: refused, saying why
    expect(errorOf('flows:\n  - {from: a, to: 012345678901, port: 1, expect: reachable}\n')).toMatch(
      /^intents\.yaml: flows\[0\]\.to: 12345678901 is a number, not an endpoint \(an account id must be written account:ACCOUNT_ID, as a string; YAML drops a number's leading zeros\)$/,
    );
    expect(errorOf('flows:\n  - {from: a, to: b, protocol: http, port: 80, expect: reachable}\n')).toBe(
      'intents.yaml: flows[0].protocol: "http" is not a protocol (tcp, udp, icmp, all or a number 0-255)',
    );
    expect(errorOf('flows:\n  - {from: a, to: b, protocol: 300, expect: reachable}\n')).toBe(
      'intents.yaml: flows[0].protocol: 300 is not a protocol (tcp, udp, icmp, all or a number 0-255)',
    );
  });

  it('a misspelt field is refused rather than ignored', () => {
    expect(errorOf('flows:\n  - {from: a, to: b, port: 1, expects: reachable}\n')).toBe('intents.yaml: flows[0]: unknown field "expects"');
    expect(errorOf('flow:\n  - {from: a, to: b, port: 1, expect: reachable}\n')).toBe('intents.yaml: unknown field "flow"');
  });

  it('bad exposure rules', () => {
    expect(errorOf('exposure:\n  allow:\n    - {to: i-1}\n')).toBe('intents.yaml: exposure.allow[0].ports: missing (required for tcp; write "1-65535" for every port)');
    expect(errorOf('exposure:\n  allow:\n    - {to: i-1, ports: [22, "90-80"]}\n')).toBe(
      'intents.yaml: exposure.allow[0].ports[1]: "90-80" is not a port range (A-B with 1 <= A <= B <= 65535)',
    );
    expect(errorOf('exposure:\n  allow:\n    - {to: i-1, ports: [22], from: [0.0.0.0/0, 10.0.0.0/33]}\n')).toBe(
      'intents.yaml: exposure.allow[0].from[1]: "10.0.0.0/33" is not an IPv4 or IPv6 CIDR or a prefix-list id',
    );
    expect(errorOf('exposure:\n  allow: []\n  otherwise: allow\n')).toBe(
      'intents.yaml: exposure.otherwise: "allow" is not supported (only "deny": nothing else may be reachable from the internet)',
    );
  });

  it('documents that are not intents at all', () => {
    expect(errorOf('')).toBe('intents.yaml: is empty (expected `flows` and/or `exposure`)');
    expect(errorOf('- a\n- b\n')).toBe('intents.yaml: the document must be a mapping with `flows` and/or `exposure`');
    expect(errorOf('flows: []\n')).toBe('intents.yaml: no intents: give a list of `flows` and/or an `exposure` section');
    expect(errorOf('flows: 3\n')).toBe('intents.yaml: flows: 3 is not a list');
    expect(errorOf('flows: []\nflows: []\n')).toBe('intents.yaml: not valid YAML: Map keys must be unique at line 2, column 1');
    expect(errorOf('{"flows": [', 'x.json')).toMatch(/^x\.json: not valid JSON: /);
  });
});
