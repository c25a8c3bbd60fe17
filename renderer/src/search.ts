// Search over the map: ids, name tags, private and public addresses, CIDRs, and `internet`.
import type { GraphNode } from '../../shared/api/reachmap-api.js';
import { normalKind } from './map/kinds.js';

export interface SearchEntry {
  id: string;
  kind: string;
  name: string;
  /** what matched is shown beside the name (an address, a CIDR) */
  hints: string[];
  haystack: string;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

const SEARCHED_FIELDS = ['privateIps', 'privateIp', 'publicIp', 'ipv6Ips', 'cidr', 'cidrs', 'ipv6Cidrs', 'instanceId', 'primaryNetworkInterfaceId'];

export function buildSearchIndex(nodes: GraphNode[]): SearchEntry[] {
  return nodes.map((node) => {
    const data = node.data ?? {};
    const hints = SEARCHED_FIELDS.flatMap((field) => strings(data[field]));
    const tags = data.tags && typeof data.tags === 'object' ? Object.values(data.tags as Record<string, unknown>).flatMap(strings) : [];
    return {
      id: node.id,
      kind: normalKind(node.kind),
      name: node.name,
      hints,
      haystack: [node.id, node.name, ...hints, ...tags].join(' ').toLowerCase(),
    };
  });
}

const KIND_RANK: Record<string, number> = { instance: 0, eni: 1, internet: 2 };

export function search(index: SearchEntry[], query: string, limit = 12): SearchEntry[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits = index.filter((entry) => words.every((word) => entry.haystack.includes(word)));
  const exact = (entry: SearchEntry) => (entry.id.toLowerCase() === words[0] || entry.hints.includes(words[0]!) ? 0 : 1);
  return hits
    .sort((a, b) => exact(a) - exact(b) || (KIND_RANK[a.kind] ?? 5) - (KIND_RANK[b.kind] ?? 5) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
