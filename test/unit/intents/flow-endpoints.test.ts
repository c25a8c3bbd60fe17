import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIntents } from '../../../shared/api/intents.js';
import { checkFlows } from '../../../shared/api/intents/check-flows.js';
import { createEndpointExpander } from '../../../shared/api/intents/flow-endpoints.js';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import type { NetworkModel } from '../../../shared/model/types.js';

let model: NetworkModel;

beforeAll(async () => {
  model = (await openSnapshot(path.resolve(__dirname, '../../fixtures/intents/tagged-instances.json'))).model;
});

describe('flow endpoints', () => {
  it('pass plain endpoints through untouched, for analyze to resolve', () => {
    const expand = createEndpointExpander(model);
    expect(expand('internet', 'x')).toEqual(['internet']);
    expect(expand('i-0nope', 'x')).toEqual(['i-0nope']);
  });

  it('expand a selector to each matching instance that has a network interface', () => {
    const expand = createEndpointExpander(model);
    // web-9 (i-0gone) matches but is terminated and has no ENI
    expect(expand('tag:Name=web-*', 'x')).toEqual(['i-0web1', 'i-0web2']);
    expect(expand('tag:env=prod', 'x')).toEqual(['i-0db', 'i-0web1', 'i-0web2']);
    expect(expand('tag:env', 'x')).toEqual(['i-0bastion', 'i-0db', 'i-0web1', 'i-0web2']);
  });

  it('refuse selectors that select nothing usable', () => {
    const expand = createEndpointExpander(model);
    expect(() => expand('tag:Name=api-*', 'intents.yaml: flows[4].to')).toThrow('intents.yaml: flows[4].to: "tag:Name=api-*" matches no instance in the snapshot');
    expect(() => expand('tag:Name=web-9', 'intents.yaml: flows[0].from')).toThrow(
      'intents.yaml: flows[0].from: "tag:Name=web-9" matches only instances without a network interface',
    );
  });
});

describe('flows over selectors', () => {
  it('a selector on both sides gives every pair of different instances', () => {
    const document = parseIntents('flows:\n  - {from: "tag:Name=web-*", to: "tag:env=prod", port: 443, expect: unreachable}\n', 'intents.yaml');
    // web-1, web-2 (web-9 has no ENI) x db-1, web-1, web-2, without web-1 -> web-1 and web-2 -> web-2
    expect(checkFlows(model, document.flows, 'intents.yaml').map((result) => `${result.query.from}>${result.query.to}`)).toEqual([
      'i-0web1>i-0db',
      'i-0web1>i-0web2',
      'i-0web2>i-0db',
      'i-0web2>i-0web1',
    ]);
  });

  it('refuses selectors that leave no pair at all, rather than passing with nothing checked', () => {
    const document = parseIntents('flows:\n  - {from: "tag:Name=bastion", to: "tag:env=ops", port: 22, expect: reachable}\n', 'intents.yaml');
    expect(() => checkFlows(model, document.flows, 'intents.yaml')).toThrow('intents.yaml: flows[0]: the selectors match only one instance on both sides: no flow to check');
  });
});
