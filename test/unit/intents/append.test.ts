// "Save as intent": the analyzed flow (real engine, demo network) appended to
// YAML and JSON intents files, the files' own comments kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { parseIntents } from '../../../shared/api/intents.js';
import { appendFlowIntent, intentOfAnalysis, intentSnippet, type FlowIntentEntry } from '../../../shared/api/intents/append.js';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import type { NetworkModel } from '../../../shared/model/types.js';

let model: NetworkModel;
beforeAll(async () => {
  model = (await openSnapshot()).model;
});

const cacheFlow: FlowIntentEntry = { name: 'API uses the cache', from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6380, expect: 'reachable' };

describe('intentOfAnalysis', () => {
  it('pins an analyzed flow to its verdict, leaving out the default source port', () => {
    // R5 of the demo: prod-api-1 -> prod-cache tcp 6380 is reachable
    const result = analyzeFlow(model, { from: 'i-0de00000000000105', to: 'i-0de0000000000010a', protocol: 'tcp', port: 6380 });
    expect(intentOfAnalysis(result, { name: ' API uses the cache ' })).toEqual(cacheFlow);
    expect(Object.keys(intentOfAnalysis(result, { name: 'n' }))).toEqual(['name', 'from', 'to', 'protocol', 'port', 'expect']);
  });

  it('keeps a chosen source port and has no port for icmp; the expectation may be given', () => {
    const icmp = analyzeFlow(model, { from: 'i-0de00000000000105', to: 'internet', protocol: 'icmp', sourcePort: 1234 });
    expect(intentOfAnalysis(icmp, { expect: 'unreachable' })).toEqual({ from: 'i-0de00000000000105', to: 'internet', protocol: 'icmp', sourcePort: 1234, expect: 'unreachable' });
  });

  it('asks for the expectation when the verdict is unknown', () => {
    const unknown = { ...analyzeFlow(model, { from: 'internet', to: 'i-0de00000000000102', port: 443 }), verdict: 'unknown' as const };
    expect(() => intentOfAnalysis(unknown)).toThrow(InputError);
  });
});

describe('intentSnippet', () => {
  it('is a list item to paste under flows:, names with quotes and colons included', () => {
    const awkward = { ...cacheFlow, name: 'cache: "hot" path, 6380' };
    const pasted = `# mine\nflows:\n${intentSnippet(awkward)}\n${intentSnippet(cacheFlow)}\n`;
    expect(parseIntents(pasted, 'intents.yaml').flows.map((flow) => flow.name)).toEqual(['cache: "hot" path, 6380', 'API uses the cache']);
  });
});

describe('appendFlowIntent', () => {
  it('starts a new YAML file', () => {
    const text = appendFlowIntent(undefined, 'intents.yaml', cacheFlow);
    expect(parseIntents(text, 'intents.yaml').flows).toEqual([{ index: 0, sourcePort: undefined, ...cacheFlow }]);
  });

  it('appends to an existing YAML file, keeping its comments, its other flows and its exposure section', () => {
    const before = ['# Acme network tests', 'flows:', '  # the web tier', '  - {from: internet, to: i-0de00000000000102, port: 443, expect: reachable}', 'exposure:', '  allow: []', ''].join('\n');
    const after = appendFlowIntent(before, 'intents.yaml', cacheFlow);
    expect(after).toContain('# Acme network tests');
    expect(after).toContain('# the web tier');
    const document = parseIntents(after, 'intents.yaml');
    expect(document.flows.map((flow) => [flow.to, flow.port])).toEqual([
      ['i-0de00000000000102', 443],
      ['i-0de0000000000010a', 6380],
    ]);
    expect(document.exposure).toEqual({ allow: [], otherwise: 'deny' });
  });

  it('adds a flows list to a file that has only exposure rules', () => {
    const after = appendFlowIntent('exposure:\n  allow: []\n', 'intents.yml', cacheFlow);
    expect(parseIntents(after, 'intents.yml').flows).toHaveLength(1);
  });

  it('appends to a JSON file as JSON', () => {
    const after = appendFlowIntent('{"flows": [{"from": "internet", "to": "i-0de00000000000102", "port": 443, "expect": "reachable"}]}', 'ci/intents.json', cacheFlow);
    expect(JSON.parse(after).flows[1]).toEqual(cacheFlow);
    expect(appendFlowIntent('', 'new.json', cacheFlow)).toBe(`${JSON.stringify({ flows: [cacheFlow] }, null, 2)}\n`);
  });

  it('refuses to touch a file that is not a valid intents document', () => {
    expect(() => appendFlowIntent('flows:\n  - {from: a, to: b, port: 99999, expect: reachable}\n', 'intents.yaml', cacheFlow)).toThrow(
      'intents.yaml: flows[0].port: 99999 is not a port (an integer 1-65535)',
    );
    expect(() => appendFlowIntent('flows: 3\n', 'intents.yaml', cacheFlow)).toThrow('intents.yaml: flows: is not a list');
    expect(() => appendFlowIntent('flows: [\n', 'intents.yaml', cacheFlow)).toThrow(/^intents\.yaml: not valid YAML: /);
    expect(() => appendFlowIntent('[1, 2]', 'intents.json', cacheFlow)).toThrow('intents.json: the document must be a mapping');
  });
});
