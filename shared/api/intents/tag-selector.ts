// Tag selectors stand for every instance carrying a tag: `tag:env=prod`,
// `tag:Name=web-*` (the value is a glob: * any run of characters, ? one),
// `tag:backup` (the key is present, whatever its value). Tags are matched
// case-sensitively, as AWS stores them.
import type { Instance } from '../../model/types.js';

export interface TagSelector {
  key: string;
  /** undefined: any value */
  valuePattern: RegExp | undefined;
}

const PREFIX = 'tag:';

export function isTagSelector(text: string): boolean {
  return text.startsWith(PREFIX);
}

/** undefined when the text is not a well-formed selector */
export function parseTagSelector(text: string): TagSelector | undefined {
  if (!isTagSelector(text)) return undefined;
  const body = text.slice(PREFIX.length);
  const equals = body.indexOf('=');
  const key = equals < 0 ? body : body.slice(0, equals);
  if (key.length === 0 || /[*?]/.test(key)) return undefined;
  if (equals < 0) return { key, valuePattern: undefined };
  return { key, valuePattern: globToRegExp(body.slice(equals + 1)) };
}

function globToRegExp(glob: string): RegExp {
  const source = Array.from(glob, (char) => {
    if (char === '*') return '.*';
    if (char === '?') return '.';
    return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(`^${source}$`, 's');
}

export function selectorMatches(selector: TagSelector, instance: Instance): boolean {
  const value = instance.tags[selector.key];
  if (value === undefined) return false;
  return selector.valuePattern === undefined || selector.valuePattern.test(value);
}

/** The matching instances, sorted by id so that results come out in a stable order. */
export function selectInstances(selector: TagSelector, instances: Iterable<Instance>): Instance[] {
  const matches: Instance[] = [];
  for (const instance of instances) if (selectorMatches(selector, instance)) matches.push(instance);
  return matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
