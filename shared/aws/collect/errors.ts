import { InputError } from '../../model/errors.js';

/** The collection could not produce a snapshot (every call failed, no region, endpoint unreachable). */
export class CollectError extends InputError {
  override readonly name: string = 'CollectError';
}

/** The caller cancelled the collection through its AbortSignal. */
export class CollectCancelledError extends Error {
  override readonly name: string = 'CollectCancelledError';
  constructor() {
    super('collection cancelled');
  }
}

/** The code a call records in `errors` when it got no answer in time (after the SDK's retries). */
export const TIMEOUT_CODE = 'TimeoutError';
