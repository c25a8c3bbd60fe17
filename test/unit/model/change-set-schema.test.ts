// The published schema of change sets is the one the code checks with, and
// the change sets fixes carry satisfy it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { changeSetJsonSchema } from '../../../scripts/change-set-schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const published = readFileSync(path.join(repoRoot, 'docs/schemas/changes.schema.json'), 'utf8');

describe('docs/schemas/changes.schema.json', () => {
  it('is what scripts/change-set-schema.ts makes from the code (regenerate it after changing an edit kind)', () => {
    expect(published).toBe(changeSetJsonSchema());
  });

  it('accepts a change set written by hand and refuses a bad one', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(published) as object);
    const good = {
      format: 'reachmap-changes/1',
      changes: [
        { action: 'CreateNatGateway', NewId: 'nat-new-1', SubnetId: 'subnet-0de00000000000211' },
        { action: 'ReplaceRoute', RouteTableId: 'rtb-0de00000000000203', DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-new-1' },
      ],
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...good, changes: [{ action: 'DeleteRoute', RouteTableId: 'rtb-1', DestinationCidrBlock: '10.0.0.0/33' }] })).toBe(false);
    expect(validate({ ...good, changes: [{ action: 'StartInstances', InstanceIds: ['i-1 $(reboot)'] }] })).toBe(false);
  });
});
