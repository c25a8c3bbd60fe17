// The fields of a VPC flow log record, as AWS's "Flow log records" page lists
// them (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html,
// "Available fields"), with the version that introduced each. The default
// format is the version-2 fields in this order; a custom format names any of
// them in any order, and S3 delivery writes those names as the first line.

/** How the parser reads a field's text. A `-` is "not applicable or could not be computed" for every kind. */
export type FieldKind =
  /** a non-negative integer: version, ports, protocol, tcp-flags, traffic-path */
  | 'integer'
  /** a count that may pass 2^31: packets, bytes */
  | 'count'
  /** Unix seconds: start, end */
  | 'time'
  /** an IPv4 or IPv6 address */
  | 'address'
  /** ACCEPT | REJECT */
  | 'action'
  /** OK | NODATA | SKIPDATA */
  | 'status'
  /** ingress | egress */
  | 'direction'
  /** any other text: ids, account, region, type, service names */
  | 'text';

export interface FieldDefinition {
  readonly name: string;
  readonly version: 2 | 3 | 4 | 5;
  readonly kind: FieldKind;
}

export const FLOW_LOG_FIELDS: readonly FieldDefinition[] = [
  { name: 'version', version: 2, kind: 'integer' },
  { name: 'account-id', version: 2, kind: 'text' },
  { name: 'interface-id', version: 2, kind: 'text' },
  { name: 'srcaddr', version: 2, kind: 'address' },
  { name: 'dstaddr', version: 2, kind: 'address' },
  { name: 'srcport', version: 2, kind: 'integer' },
  { name: 'dstport', version: 2, kind: 'integer' },
  { name: 'protocol', version: 2, kind: 'integer' },
  { name: 'packets', version: 2, kind: 'count' },
  { name: 'bytes', version: 2, kind: 'count' },
  { name: 'start', version: 2, kind: 'time' },
  { name: 'end', version: 2, kind: 'time' },
  { name: 'action', version: 2, kind: 'action' },
  { name: 'log-status', version: 2, kind: 'status' },
  { name: 'vpc-id', version: 3, kind: 'text' },
  { name: 'subnet-id', version: 3, kind: 'text' },
  { name: 'instance-id', version: 3, kind: 'text' },
  { name: 'tcp-flags', version: 3, kind: 'integer' },
  { name: 'type', version: 3, kind: 'text' },
  { name: 'pkt-srcaddr', version: 3, kind: 'address' },
  { name: 'pkt-dstaddr', version: 3, kind: 'address' },
  { name: 'region', version: 4, kind: 'text' },
  { name: 'az-id', version: 4, kind: 'text' },
  { name: 'sublocation-type', version: 4, kind: 'text' },
  { name: 'sublocation-id', version: 4, kind: 'text' },
  { name: 'pkt-src-aws-service', version: 5, kind: 'text' },
  { name: 'pkt-dst-aws-service', version: 5, kind: 'text' },
  { name: 'flow-direction', version: 5, kind: 'direction' },
  { name: 'traffic-path', version: 5, kind: 'integer' },
];

export type FieldName = (typeof FLOW_LOG_FIELDS)[number]['name'];

/** The default format: every version-2 field, in the table's order. */
export const DEFAULT_FORMAT: readonly string[] = FLOW_LOG_FIELDS.filter((field) => field.version === 2).map((field) => field.name);

const BY_NAME = new Map(FLOW_LOG_FIELDS.map((field, index) => [field.name, { field, index }]));

/** The field's position in FLOW_LOG_FIELDS, or -1 for a name this version of Reachmap does not know. */
export function fieldIndex(name: string): number {
  return BY_NAME.get(name)?.index ?? -1;
}

/** traffic-path values (egress only): what AWS's page says each number means. */
export const TRAFFIC_PATHS: Readonly<Record<number, string>> = {
  1: 'through another resource in the same VPC',
  2: 'through an internet gateway or a gateway VPC endpoint',
  3: 'through a virtual private gateway',
  4: 'through an intra-region VPC peering connection',
  5: 'through an inter-region VPC peering connection',
  6: 'through a local gateway',
  7: 'through a gateway VPC endpoint (Nitro-based instances only)',
  8: 'through an internet gateway (Nitro-based instances only)',
};

/**
 * The field names of a format: a header line ("version account-id ...") or a
 * flow log's LogFormat ("${version} ${account-id} ..."). Undefined when a
 * word is neither, so that a data line is never taken for a header.
 */
export function formatFields(text: string): string[] | undefined {
  const words = text.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return undefined;
  const names: string[] = [];
  for (const word of words) {
    const match = /^\$\{([a-z0-9-]+)\}$/.exec(word) ?? /^([a-z][a-z0-9-]*)$/.exec(word);
    if (!match) return undefined;
    names.push(match[1]!);
  }
  // a data line of ids ("i-0abc eni-0abc ...") is name-shaped too: a header names mostly fields we know
  const known = names.filter((name) => BY_NAME.has(name)).length;
  return known > 0 && known * 2 >= names.length ? names : undefined;
}
