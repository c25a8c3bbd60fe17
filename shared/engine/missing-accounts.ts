// Accounts a path may lead into that the snapshot does not hold: not
// collected at all, or recorded in `errors` with region "*" (its role could
// not be assumed). What such an account owns is unknown, so a path that
// reaches it ends `unknown` (UNKNOWN_RESOURCE), naming the account and the
// component, never "no route" or "no subnet covers it".
import type { NetworkModel } from '../model/types.js';

const byModel = new WeakMap<NetworkModel, { collected: Set<string>; unreadable: Set<string> }>();

/**
 * The snapshot's accounts, and the owners named inside an account that is
 * only a folder name: Batfish's samples keep accounts under made-up names
 * (accounts/123456789012/) whose VPCs name their real owner. An account none
 * of whose VPCs names it as owner is such an alias, and its VPCs' owners count
 * as collected.
 */
function accountsOf(model: NetworkModel): { collected: Set<string>; unreadable: Set<string> } {
  let known = byModel.get(model);
  if (!known) {
    const unreadable = new Set(model.errors.filter((error) => error.region === '*').map((error) => error.account));
    const collected = new Set(model.meta.accounts.filter((account) => !unreadable.has(account)));
    const ownsAVpc = new Set<string>();
    for (const vpc of model.vpcs.values()) if (vpc.ownerId === vpc.account) ownsAVpc.add(vpc.account);
    for (const vpc of model.vpcs.values()) {
      if (vpc.ownerId !== undefined && !ownsAVpc.has(vpc.account) && !unreadable.has(vpc.ownerId)) collected.add(vpc.ownerId);
    }
    known = { collected, unreadable };
    byModel.set(model, known);
  }
  return known;
}

/**
 * True when `account` names an account whose resources the snapshot cannot
 * hold. A snapshot whose own accounts have no id (a folder without the
 * accounts/ layout is account "unknown") cannot tell: false there.
 */
export function accountMissing(model: NetworkModel, account: string | undefined): boolean {
  if (account === undefined || account === '') return false;
  const { collected, unreadable } = accountsOf(model);
  if (unreadable.has(account)) return true;
  if (collected.has('unknown') || collected.size === 0) return false;
  return !collected.has(account);
}

/** "tgw-rtb-1 of account 111122223333 is not in this snapshot; collect it with --profile or --org-role" */
export function notCollected(model: NetworkModel, id: string, account: string): string {
  const why = accountsOf(model).unreadable.has(account) ? ' (its role could not be assumed: see the snapshot\'s errors)' : '';
  return `${id} of account ${account} is not in this snapshot${why}; collect it with --profile or --org-role`;
}
