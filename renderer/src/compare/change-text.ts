// The words of a comparison in the panel and the report: a change's heading,
// an edit's before and after, a flip's badge. Browser-safe; every value from
// the snapshots goes through the one sanitiser.
import type { ComponentChange, ComponentEdit, FlowFlip } from '../../../shared/api/diff/types.js';
import { shownName, shownText } from '../display.js';

export const SIGN: Record<ComponentChange['change'], string> = { added: '+', removed: '−', modified: '~' };

export function kindWords(kind: string): string {
  if (kind === 'eni') return 'ENI';
  if (kind === 'tgw-attachment') return 'TGW attachment';
  if (kind === 'tgw-route-table') return 'TGW route table';
  return kind.replace(/-/g, ' ');
}

export function changeHeading(change: ComponentChange): string {
  return `${kindWords(change.kind)} ${change.name ? `${shownName(change.name)} (${shownText(change.id)})` : shownText(change.id)}`;
}

function ports(from: unknown, to: unknown): string {
  if (from === null || from === undefined) return '';
  return from === to || to === null || to === undefined ? ` ${String(from)}` : ` ${String(from)}-${String(to)}`;
}

/** one side of an edit: a rule, an ACL entry, a route, or the value as it is */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return shownText(String(value));
  const v = value as Record<string, unknown>;
  if ('peer' in v && 'direction' in v) return shownText(`${String(v.direction)} ${v.protocol === 'all' ? 'all traffic' : `${String(v.protocol)}${ports(v.fromPort, v.toPort)}`} ${v.direction === 'ingress' ? 'from' : 'to'} ${String(v.peer)}`);
  if ('number' in v && 'action' in v) return shownText(`#${String(v.number)} ${String(v.action)} ${v.protocol === 'all' ? 'all traffic' : `${String(v.protocol)}${ports(v.fromPort, v.toPort)}`} ${String(v.cidr)}`);
  if ('destination' in v && 'target' in v) return shownText(`${String(v.destination)} → ${String(v.target)}${v.state === 'active' ? '' : ` (${String(v.state)})`}`);
  const json = JSON.stringify(value);
  return shownText(json.length > 200 ? `${json.slice(0, 199)}…` : json);
}

/** what the edit is about, shown beside its before and after */
export function editWhat(edit: ComponentEdit): string {
  if (edit.subject === 'rule') return edit.change === 'added' ? 'rule added' : edit.change === 'removed' ? 'rule removed' : 'rule changed';
  if (edit.subject === 'acl-entry') return `ACL entry ${edit.change}`;
  if (edit.subject === 'route') return edit.change === 'changed' ? 'route changed' : `route ${edit.change}`;
  return shownText(edit.path);
}

export function flipBadge(flip: FlowFlip): string {
  return flip.effect === 'broke' ? 'broke' : flip.effect === 'fixed' ? 'fixed' : flip.effect === 'unchanged' ? 'same' : 'changed';
}
