// Questions about what the snapshot could not read.
import type { NetworkModel } from './types.js';

/** True when the snapshot's `errors` say that `key` (e.g. "NetworkAcls") could not be read for this account and region. */
export function isUnreadable(model: NetworkModel, account: string, region: string, key: string): boolean {
  return model.errors.some((error) => error.account === account && error.region === region && error.key === key);
}
