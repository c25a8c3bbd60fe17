// What the inspector says about a node the snapshot references but does not
// hold (the API has nothing to inspect): who owns it, when an account the
// snapshot could not read or did not collect does, and how to get it.
import type { Inspection } from '../../../shared/api/inspect-types.js';
import type { GraphNode } from '../../../shared/api/reachmap-api.js';

export function missingInspection(node: GraphNode | undefined): Inspection | null {
  if (!node || node.kind !== 'missing') return null;
  const account = typeof node.data?.account === 'string' ? node.data.account : null;
  const facts = node.data?.notCollected === true && account
    ? [
        { label: 'account', value: account },
        { label: 'not collected', value: `account ${account} is not in this snapshot (not collected, or its role could not be assumed: see the snapshot's errors); collect it with --profile or --org-role` },
      ]
    : [{ label: 'not in the snapshot', value: 'referenced by a resource of the snapshot, but not described in it' }];
  return { id: node.id, kind: 'missing', name: node.name, facts, tags: {}, tables: [], related: [] };
}
