// A flow's `from`/`to`: an endpoint exactly as `reachmap analyze` takes it, or
// a tag selector standing for every matching instance that has a network
// interface (a terminated instance has none and cannot be an endpoint).
import type { Instance, NetworkModel } from '../../model/types.js';
import { InputError } from '../errors.js';
import { isTagSelector, parseTagSelector, selectInstances, SELECTOR_FORMS } from './tag-selector.js';

/** the instances a selector matches; InputError when none does (an intent that tests nothing must not pass silently) */
export function matchingInstances(model: NetworkModel, selectorText: string, where: string): Instance[] {
  const selector = parseTagSelector(selectorText);
  if (!selector) throw new InputError(`${where}: "${selectorText}" is not a selector (${SELECTOR_FORMS})`);
  const instances = selectInstances(selector, model.instances.values());
  if (instances.length === 0) throw new InputError(`${where}: "${selectorText}" matches no instance in the snapshot`);
  return instances;
}

/** Expands endpoints to the endpoint strings `analyze` takes; each selector is expanded once per check. */
export function createEndpointExpander(model: NetworkModel): (text: string, where: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (text, where) => {
    if (!isTagSelector(text)) return [text];
    let ids = cache.get(text);
    if (!ids) {
      ids = matchingInstances(model, text, where)
        .filter((instance) => instance.networkInterfaceIds.length > 0)
        .map((instance) => instance.id);
      if (ids.length === 0) throw new InputError(`${where}: "${text}" matches only instances without a network interface`);
      cache.set(text, ids);
    }
    return ids;
  };
}
