// `reachmap snapshot` warnings: one line per API, region and code, however
// many resources a refused per-resource call was made for.
import { describe, expect, it } from 'vitest';
import { warningLines } from '../../../cli/commands/snapshot.js';
import type { RawError } from '../../../shared/aws/raw.js';

const denied = (resourceId: string): RawError => ({
  account: '111122223333',
  region: 'us-east-1',
  api: 'DescribeTargetHealth',
  code: 'AccessDenied',
  message: 'User is not authorized to perform: DescribeTargetHealth',
  key: 'TargetHealthDescriptions',
  resourceId,
});

describe('snapshot warnings', () => {
  it('gathers a per-resource refusal into one line that counts the resources', () => {
    const lines = warningLines([denied('arn:tg/a'), denied('arn:tg/b'), denied('arn:tg/c')]);
    expect(lines).toEqual([
      'warning: DescribeTargetHealth in us-east-1 for 3 resources (arn:tg/a and others) refused: AccessDenied: User is not authorized to perform: DescribeTargetHealth',
    ]);
  });

  it('keeps regions, APIs and codes apart, names a single resource, and says a timeout gave no answer', () => {
    const lines = warningLines([
      denied('arn:tg/a'),
      { ...denied('arn:tg/x'), region: 'eu-west-1' },
      { account: '111122223333', region: 'us-east-1', api: 'DescribeVpcEndpoints', code: 'TimeoutError', message: 'no answer in time, asked 8 times', key: 'VpcEndpoints' },
      { account: '111122223333', region: 'us-east-1', api: 'DescribeVpcEndpoints', code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.', key: 'VpcEndpoints' },
    ]);
    expect(lines).toEqual([
      'warning: DescribeTargetHealth in us-east-1 for arn:tg/a refused: AccessDenied: User is not authorized to perform: DescribeTargetHealth',
      'warning: DescribeTargetHealth in eu-west-1 for arn:tg/x refused: AccessDenied: User is not authorized to perform: DescribeTargetHealth',
      'warning: DescribeVpcEndpoints in us-east-1 gave no answer: TimeoutError: no answer in time, asked 8 times',
      'warning: DescribeVpcEndpoints in us-east-1 refused: UnauthorizedOperation: You are not authorized to perform this operation.',
    ]);
  });
});
