// The shape of a comparison of two snapshots, component by component (the
// `changes` and `notCompared` of `reachmap diff --json`,
// docs/schemas/diff.schema.json). Browser-safe: types only.

/** what happened to a component between the old snapshot and the new one */
export type ComponentChangeKind = 'added' | 'removed' | 'modified';

/** what one edit is about */
export type EditSubject =
  | 'rule'
  | 'acl-entry'
  | 'route'
  | 'association'
  | 'tag'
  | 'name'
  | 'state'
  | 'member'
  | 'field';

/** One edit of a modified component, in words and as data. */
export interface ComponentEdit {
  subject: EditSubject;
  change: 'added' | 'removed' | 'changed';
  /** where in the describe record, e.g. "IpPermissions", "Entries", "Routes", "Tags.Name", "State.Name" */
  path: string;
  /** the value before (null when added) and after (null when removed) */
  before: unknown;
  after: unknown;
  /** one sentence: "ingress tcp 22 from 0.0.0.0/0 added" */
  text: string;
}

export interface ComponentChange {
  change: ComponentChangeKind;
  /** the map's kind: "security-group", "network-acl", "route-table", "eni", "instance", ... */
  kind: string;
  /** the describe list it came from, e.g. "SecurityGroups" */
  key: string;
  id: string;
  /** its Name tag (or group, load balancer, prefix list name) on the newer side that has one; null when none */
  name: string | null;
  account: string;
  region: string;
  /** the edits of a modified component, in record order; empty for added and removed ones */
  edits: ComponentEdit[];
  /** one line: "security group sg-0abc (web): 1 rule added, 1 removed" */
  text: string;
}

/** What could not be compared, because one side does not hold it readably; never reported as a deletion. */
export interface NotCompared {
  account: string;
  /** null: the whole account */
  region: string | null;
  /** null: the whole region (or account) */
  key: string | null;
  /** set when only one resource's data was unreadable */
  resourceId: string | null;
  /** "only in the old snapshot", "missing from the new snapshot", "unreadable in the old snapshot (UnauthorizedOperation)" */
  reason: string;
}

export interface ComponentDiff {
  changes: ComponentChange[];
  notCompared: NotCompared[];
  /** components compared on both sides (how much the "nothing changed" covers) */
  compared: number;
}
