// The SDK's own error texts (copied from @aws-sdk/credential-provider-* and
// from AWS error responses) turned into the one line a user can act on.
import { describe, expect, it } from 'vitest';
import { credentialProblem } from '../../../../shared/aws/credentials/problems.js';

function sdkError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('credentialProblem', () => {
  it('recognises an expired SSO session (legacy and sso-session profiles)', () => {
    const legacy = sdkError(
      'CredentialsProviderError',
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
    );
    expect(credentialProblem(legacy, 'prod')).toBe('The AWS SSO session of profile prod has expired: run `aws sso login --profile prod`');
    const token = sdkError(
      'TokenProviderError',
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    );
    expect(credentialProblem(token, 'default')).toBe('The AWS SSO session of profile default has expired: run `aws sso login`');
  });

  it('recognises expired session credentials by AWS error code', () => {
    const expired = sdkError('ExpiredToken', 'The security token included in the request is expired');
    expect(credentialProblem(expired, 'ci')).toBe(
      'The AWS credentials of profile ci have expired: run `aws sso login --profile ci` (or renew them) and try again',
    );
  });

  it('recognises credentials that AWS rejects', () => {
    const rejected = sdkError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    expect(credentialProblem(rejected, 'ci')).toBe(
      'AWS rejected the credentials of profile ci (InvalidClientTokenId): check them with `aws sts get-caller-identity --profile ci`',
    );
  });

  it('leaves other errors alone', () => {
    expect(credentialProblem(sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.'), 'ci')).toBeUndefined();
    expect(credentialProblem(new Error('connect ECONNREFUSED 127.0.0.1:9'), 'ci')).toBeUndefined();
  });
});
