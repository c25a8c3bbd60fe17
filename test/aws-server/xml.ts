// Serializes describe-API JSON into the XML that AWS's Query-family protocols
// answer with, walking the botocore shape so that every element name comes
// from the model (locationName, list member names, flattening).
import { shapeOf, type MemberRef, type ServiceModel } from './service-model.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** EC2 names list items `item`; the plain Query protocol names them `member`. */
function defaultListItemName(model: ServiceModel): string {
  return model.metadata.protocol === 'ec2' ? 'item' : 'member';
}

function scalarText(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(value as string | number);
      return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
    }
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : value === 'true' || value === 'false' ? value : undefined;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        ? String(value)
        : undefined;
    case 'blob':
      return Buffer.from(String(value)).toString('base64');
    default:
      return typeof value === 'object' ? undefined : String(value);
  }
}

/**
 * The XML of each structure already serialized, by object, shape and element
 * name: the served snapshot does not change, and a benchmark must measure the
 * collector, not the test server re-serializing the same 10k ENIs.
 */
const structureCache = new WeakMap<object, Map<string, string>>();

/** The XML of one value of the shape `ref` under the element `name`; '' when the value does not fit the shape. */
export function serializeValue(model: ServiceModel, ref: MemberRef, name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return '';
      const cacheKey = `${ref.shape} ${name}`;
      let cached = structureCache.get(value);
      const hit = cached?.get(cacheKey);
      if (hit !== undefined) return hit;
      const xml = `<${name}>${serializeMembers(model, ref.shape, value as Record<string, unknown>)}</${name}>`;
      if (!cached) structureCache.set(value, (cached = new Map()));
      cached.set(cacheKey, xml);
      return xml;
    }
    case 'list': {
      if (!Array.isArray(value) || !shape.member) return '';
      const member = shape.member;
      if (shape.flattened || ref.flattened) {
        return value.map((item) => serializeValue(model, member, name, item)).join('');
      }
      const itemName = member.locationName ?? defaultListItemName(model);
      return `<${name}>${value.map((item) => serializeValue(model, member, itemName, item)).join('')}</${name}>`;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value) || !shape.key || !shape.value) return '';
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([key, item]) =>
          `${serializeValue(model, shape.key!, keyName, key)}${serializeValue(model, shape.value!, valueName, item)}`,
      );
      if (shape.flattened || ref.flattened) return entries.map((entry) => `<${name}>${entry}</${name}>`).join('');
      return `<${name}>${entries.map((entry) => `<entry>${entry}</entry>`).join('')}</${name}>`;
    }
    default: {
      const text = scalarText(shape.type, value);
      return text === undefined ? '' : `<${name}>${escapeXml(text)}</${name}>`;
    }
  }
}

/** The members of a structure value, in model order; JSON keys the model does not know are left out. */
export function serializeMembers(model: ServiceModel, shapeName: string, value: Readonly<Record<string, unknown>>): string {
  const shape = shapeOf(model, { shape: shapeName });
  let out = '';
  for (const [memberName, member] of Object.entries(shape.members ?? {})) {
    out += serializeValue(model, member, member.locationName ?? memberName, value[memberName]);
  }
  return out;
}
