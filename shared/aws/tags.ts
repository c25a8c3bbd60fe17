// AWS tags ([{Key, Value}]) -> a plain record, and the Name tag that labels resources.
import type { Tags } from '../model/types.js';

type RawTags = readonly { readonly Key: string; readonly Value?: string | null | undefined }[] | null | undefined;

export function tagsOf(...lists: RawTags[]): Tags {
  const out: Record<string, string> = {};
  for (const list of lists) for (const tag of list ?? []) out[tag.Key] = tag.Value ?? '';
  return out;
}

export function nameOf(tags: Tags): string | undefined {
  const name = tags.Name;
  return name === undefined || name === '' ? undefined : name;
}
