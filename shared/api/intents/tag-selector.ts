// Selectors stand for every instance they match. By tag: `tag:env=prod`,
// `tag:Name=web-*` (the value is a glob: * any run of characters, ? one),
// `tag:backup` (the key is present, whatever its value); tags are matched
// case-sensitively, as AWS stores them. By account: `account:012345678901`
// (every instance of that account, in a snapshot of several), or
// `account:012345678901,tag:role=web` (both must hold).
import type { Instance } from '../../model/types.js';

export interface TagSelector {
  /** undefined: any account */
  account: string | undefined;
  /** undefined: any tags (an account selector alone) */
  key: string | undefined;
  /** undefined: any value */
  valuePattern: RegExp | undefined;
}

const PREFIX = 'tag:';
const ACCOUNT_PREFIX = 'account:';
const ACCOUNT_ID = /^\d{12}$/;

export const SELECTOR_FORMS = 'tag:KEY=VALUE (VALUE may use * and ?), account:ACCOUNT_ID, or account:ACCOUNT_ID,tag:KEY=VALUE';

export function isTagSelector(text: string): boolean {
  return text.startsWith(PREFIX) || text.startsWith(ACCOUNT_PREFIX);
}

function parseTag(text: string): { key: string; valuePattern: RegExp | undefined } | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const body = text.slice(PREFIX.length);
  const equals = body.indexOf('=');
  const key = equals < 0 ? body : body.slice(0, equals);
  if (key.length === 0 || /[*?]/.test(key)) return undefined;
  if (equals < 0) return { key, valuePattern: undefined };
  return { key, valuePattern: globToRegExp(body.slice(equals + 1)) };
}

/** undefined when the text is not a well-formed selector */
export function parseTagSelector(text: string): TagSelector | undefined {
  if (!text.startsWith(ACCOUNT_PREFIX)) {
    const tag = parseTag(text);
    return tag && { account: undefined, ...tag };
  }
  const comma = text.indexOf(',');
  const account = text.slice(ACCOUNT_PREFIX.length, comma < 0 ? undefined : comma);
  if (!ACCOUNT_ID.test(account)) return undefined;
  if (comma < 0) return { account, key: undefined, valuePattern: undefined };
  const tag = parseTag(text.slice(comma + 1));
  return tag && { account, ...tag };
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
  if (selector.account !== undefined && instance.account !== selector.account) return false;
  if (selector.key === undefined) return true;
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
