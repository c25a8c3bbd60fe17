import { describe, expect, it } from 'vitest';
import { parseTagSelector, selectInstances } from '../../../shared/api/intents/tag-selector.js';
import type { Instance } from '../../../shared/model/types.js';

function instance(id: string, tags: Record<string, string>): Instance {
  return {
    id,
    tags,
    name: tags.Name,
    account: '111122223333',
    region: 'eu-west-1',
    state: 'running',
    instanceType: 't3.micro',
    vpcId: 'vpc-1',
    subnetId: 'subnet-1',
    availabilityZone: 'eu-west-1a',
    networkInterfaceIds: [`eni-${id.slice(2)}`],
    primaryNetworkInterfaceId: `eni-${id.slice(2)}`,
  };
}

const fleet = [
  instance('i-03', { Name: 'web-2', env: 'prod' }),
  instance('i-01', { Name: 'web-1', env: 'prod' }),
  instance('i-02', { Name: 'db-1', env: 'prod', backup: '' }),
  instance('i-04', { Name: 'web-1.staging', env: 'staging' }),
  instance('i-05', { Name: 'Web-3', env: 'prod' }),
  instance('i-06', { name: 'web-4' }),
];

function ids(selector: string): string[] {
  return selectInstances(parseTagSelector(selector)!, fleet).map((match) => match.id);
}

describe('tag selectors', () => {
  it('match a value exactly, sorted by instance id', () => {
    expect(ids('tag:env=prod')).toEqual(['i-01', 'i-02', 'i-03', 'i-05']);
    expect(ids('tag:Name=db-1')).toEqual(['i-02']);
  });

  it('treat * and ? as globs over the whole value, case-sensitively', () => {
    // "Web-3" differs in case; "web-1.staging" matches web-* too
    expect(ids('tag:Name=web-*')).toEqual(['i-01', 'i-03', 'i-04']);
    expect(ids('tag:Name=web-?')).toEqual(['i-01', 'i-03']);
    expect(ids('tag:Name=*.staging')).toEqual(['i-04']);
  });

  it('take regex characters in the value literally', () => {
    // "." must not match any character: "web-1.staging" is matched, "web-1xstaging" would not be
    expect(ids('tag:Name=web-1.staging')).toEqual(['i-04']);
    expect(ids('tag:Name=web-1+staging')).toEqual([]);
  });

  it('match a key whatever its value when no value is given, empty values included', () => {
    expect(ids('tag:backup')).toEqual(['i-02']);
    expect(ids('tag:backup=')).toEqual(['i-02']);
  });

  it('compare keys exactly (the lowercase "name" key is another tag)', () => {
    expect(ids('tag:name=web-*')).toEqual(['i-06']);
    expect(ids('tag:Name=web-4')).toEqual([]);
  });

  it('split at the first "=" so that values may contain "="', () => {
    const selector = parseTagSelector('tag:aws:cloudformation:stack-name=a=b')!;
    expect(selector.key).toBe('aws:cloudformation:stack-name');
    expect(selector.valuePattern!.test('a=b')).toBe(true);
  });

  it('refuse malformed selectors', () => {
    expect(parseTagSelector('tag:')).toBeUndefined();
    expect(parseTagSelector('tag:=web')).toBeUndefined();
    expect(parseTagSelector('tag:Na*e=web')).toBeUndefined();
    expect(parseTagSelector('Name=web')).toBeUndefined();
  });
});

describe('account selectors (a snapshot of several accounts)', () => {
  const accounts = [
    { ...instance('i-11', { role: 'web' }), account: '012345678901' },
    { ...instance('i-12', { role: 'db' }), account: '012345678901' },
    { ...instance('i-21', { role: 'web' }), account: '210987654321' },
  ];
  const pick = (selector: string) => selectInstances(parseTagSelector(selector)!, accounts).map((match) => match.id);

  it('account:ID alone is every instance of that account, its leading zero kept', () => {
    expect(pick('account:012345678901')).toEqual(['i-11', 'i-12']);
  });

  it('account:ID,tag:KEY=VALUE needs both', () => {
    expect(pick('account:012345678901,tag:role=web')).toEqual(['i-11']);
    expect(pick('account:210987654321,tag:role=db')).toEqual([]);
  });

  it('refuses an account id that is not 12 digits, and a second part that is not a tag', () => {
    for (const text of ['account:12345678901', 'account:', 'account:012345678901,role=web', 'account:012345678901,tag:']) expect(parseTagSelector(text)).toBeUndefined();
  });
});
