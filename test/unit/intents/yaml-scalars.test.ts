// Intents files are read with js-yaml for speed (fast-yaml.ts) and with `yaml`
// where the two could differ. Either way a scalar means what YAML 1.2's core
// schema says, as it did when `yaml` alone read the files: these are the
// spellings where js-yaml's own schema (or YAML 1.1) would read otherwise.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { parseIntents } from '../../../shared/api/intents.js';
import { readPlainYaml } from '../../../shared/api/intents/fast-yaml.js';

function flowWith(field: string, value: string): string {
  return `flows:\n  - name: n\n    from: i-0aaa\n    to: i-0bbb\n    ${field}: ${value}\n    expect: reachable\n`;
}

function errorOf(text: string): string {
  try {
    parseIntents(text, 'intents.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the document to be refused');
}

describe('intents YAML scalars (YAML 1.2 core schema)', () => {
  it('reads decimal ports with a leading zero or a sign, 0o octal and 0x hex as numbers', () => {
    // 1.2 core: [-+]?[0-9]+ is decimal (0800 = 800, not an octal error); 0o673 = 6*64+7*8+3 = 443; 0x1BB = 443
    expect(parseIntents(flowWith('port', '0800'), 'i.yaml').flows[0]!.port).toBe(800);
    expect(parseIntents(flowWith('port', '+443'), 'i.yaml').flows[0]!.port).toBe(443);
    expect(parseIntents(flowWith('port', '0o673'), 'i.yaml').flows[0]!.port).toBe(443);
    expect(parseIntents(flowWith('port', '0x1BB'), 'i.yaml').flows[0]!.port).toBe(443);
    expect(parseIntents(flowWith('port', '443.0'), 'i.yaml').flows[0]!.port).toBe(443);
  });

  it('leaves 0b binary, signed hex/octal and 1_000 as strings, so they are not ports', () => {
    // js-yaml's default schema would read 0b101 as 5, -0x1 as -1 and -0o7 as -7; 1.2 core has none of these
    expect(errorOf(flowWith('port', '0b101'))).toBe('intents.yaml: flows[0].port: "0b101" is not a port (an integer 1-65535)');
    expect(errorOf(flowWith('port', '-0x1'))).toBe('intents.yaml: flows[0].port: "-0x1" is not a port (an integer 1-65535)');
    expect(errorOf(flowWith('port', '1_000'))).toBe('intents.yaml: flows[0].port: "1_000" is not a port (an integer 1-65535)');
  });

  it('keeps yes/on (YAML 1.1 booleans), dates and CIDRs as strings', () => {
    expect(parseIntents(flowWith('port', '22').replace('name: n', 'name: yes'), 'i.yaml').flows[0]!.name).toBe('yes');
    expect(parseIntents(flowWith('port', '22').replace('name: n', 'name: 2024-01-01'), 'i.yaml').flows[0]!.name).toBe('2024-01-01');
    const document = parseIntents('exposure:\n  allow:\n    - to: i-0aaa\n      ports: [443]\n      from: [10.0.0.0/8]\n', 'i.yaml');
    expect(document.exposure!.allow[0]!.from).toEqual(['10.0.0.0/8']);
  });

  it('leaves what the readers could take differently to `yaml`: tags, anchors, %YAML 1.1, explicit keys, unknown keys', () => {
    expect(readPlainYaml('flows: !!seq []\n')).toBeUndefined();
    expect(readPlainYaml('flows: &a []\n')).toBeUndefined();
    expect(readPlainYaml('%YAML 1.1\n---\nflows: []\n')).toBeUndefined();
    expect(readPlainYaml('? [flows]\n: []\n')).toBeUndefined();
    expect(readPlainYaml('~: 1\n')).toBeUndefined();
    expect(readPlainYaml('flows: []\nflows: []\n')).toBeUndefined();
    expect(readPlainYaml('flows:\n  - {from: a, to: b, port: 0x1BB}\n')).toEqual({ value: { flows: [{ from: 'a', to: 'b', port: 443 }] } });
    // under %YAML 1.1 `yes` is true, so the name is refused as not a string
    expect(errorOf('%YAML 1.1\n---\n' + flowWith('port', '22').replace('name: n', 'name: yes'))).toBe('intents.yaml: flows[0].name: true is not a string');
  });
});
