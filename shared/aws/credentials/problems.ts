// Credential failures as one line the user can act on, instead of an SDK
// stack trace. The SDK's own messages are matched loosely: they differ
// between providers (environment, shared files, SSO, assume-role, process).
import { InputError } from '../../model/errors.js';

/** The credentials are missing, expired or rejected: the user must fix them, nothing else is wrong. */
export class CredentialsError extends InputError {
  override readonly name: string = 'CredentialsError';
}

/** Error codes with which AWS refuses credentials themselves (not a permission). */
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const REJECTED_CODES = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, code, Code } = error as { name?: unknown; code?: unknown; Code?: unknown };
    for (const candidate of [Code, code, name]) if (typeof candidate === 'string' && candidate) return candidate;
  }
  return 'Error';
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

/** The user-facing line for a credential failure, or undefined when `error` is something else. */
export function credentialProblem(error: unknown, profile: string): string | undefined {
  const code = errorCode(error);
  const message = errorMessage(error);
  const flag = profile === 'default' ? '' : ` --profile ${profile}`;
  const which = `profile ${profile}`;
  if (/sso session .*(expired|invalid)|token (is|has) expired|sso.*token.*(expired|refresh)/i.test(message)) {
    return `The AWS SSO session of ${which} has expired: run \`aws sso login${flag}\``;
  }
  if (EXPIRED_CODES.has(code) || /security token included in the request is expired/i.test(message)) {
    return `The AWS credentials of ${which} have expired: run \`aws sso login${flag}\` (or renew them) and try again`;
  }
  if (REJECTED_CODES.has(code)) {
    return `AWS rejected the credentials of ${which} (${code}): check them with \`aws sts get-caller-identity${flag}\``;
  }
  if (/profile .* could not be found|could not resolve credentials using profile/i.test(message)) {
    return `AWS profile ${profile} was not found in the AWS config or credentials file (see \`reachmap profiles\`)`;
  }
  if (code === 'CredentialsProviderError' || /could not load credentials|unable to load credentials/i.test(message)) {
    return `No AWS credentials found for ${which}: run \`aws configure${flag}\` or \`aws sso login${flag}\``;
  }
  return undefined;
}
