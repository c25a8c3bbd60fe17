// What the snapshot could not read (its `errors`): data behind such an entry
// is unknown, so every check that needs it answers `unknown`.
import type { CollectionError, NetworkModel, Placement } from '../model/types.js';

const byModel = new WeakMap<NetworkModel, Map<string, CollectionError[]>>();

function errorsByScope(model: NetworkModel): Map<string, CollectionError[]> {
  let index = byModel.get(model);
  if (!index) {
    index = new Map();
    for (const error of model.errors) {
      // region "*": the whole account could not be read (its role could not be assumed)
      const scope = error.region === '*' ? `${error.account}/*` : `${error.account}/${error.region}/${error.key ?? error.api.replace(/^(Describe|Get|Search)/, '')}`;
      index.set(scope, [...(index.get(scope) ?? []), error]);
    }
    byModel.set(model, index);
  }
  return index;
}

/**
 * The error that left `key` (a snapshot key such as "NetworkAcls") unread for
 * this placement, if any; one scoped to another resource id does not count.
 */
export function unreadable(model: NetworkModel, where: Placement, key: string, resourceId?: string): CollectionError | undefined {
  if (model.errors.length === 0) return undefined;
  const index = errorsByScope(model);
  const errors = index.get(`${where.account}/${where.region}/${key}`) ?? index.get(`${where.account}/*`);
  return errors?.find((error) => error.resourceId === undefined || resourceId === undefined || error.resourceId === resourceId);
}

export function describeError(error: CollectionError): string {
  return `${error.api} failed for account ${error.account}, region ${error.region} (${error.code})`;
}
