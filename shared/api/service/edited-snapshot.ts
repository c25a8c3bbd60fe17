// A snapshot with edits over it: the change sets a user applied (`--apply`,
// a fix tried on the map), piled up in order. The opened snapshot is never
// modified; the edited model is the opened one with what the edits touched
// rebuilt (shared/aws/changes/overlay.ts), so that trying a fix is cheap.
import { applyChangeSet, ChangeSetError } from '../../aws/changes/apply.js';
import { modelWithChanges } from '../../aws/changes/overlay.js';
import { buildModel } from '../../aws/build-model.js';
import type { RawSnapshot } from '../../aws/raw.js';
import { CHANGE_SET_FORMAT, type ChangeSet, type Edit } from '../../model/change-set.js';
import { InputError } from '../../model/errors.js';
import type { NetworkModel } from '../../model/types.js';

export interface AppliedSource {
  /** where the edits came from: a file, "fix of ...", "map" */
  readonly source: string;
  readonly count: number;
}

export interface EditedSnapshot {
  readonly model: NetworkModel;
  readonly raw: RawSnapshot;
  readonly edits: readonly Edit[];
  readonly sources: readonly AppliedSource[];
}

/** The snapshot as opened: no edits. */
export function unedited(model: NetworkModel, raw: RawSnapshot): EditedSnapshot {
  return { model, raw, edits: [], sources: [] };
}

/**
 * `base` (the snapshot as opened) with `edits` applied in order. The whole
 * list is applied to the opened snapshot each time, so that undoing an edit
 * is applying one fewer, and every edit is checked in the state AWS would
 * meet it in.
 */
export function withEdits(base: EditedSnapshot, edits: readonly Edit[], sources: readonly AppliedSource[]): EditedSnapshot {
  if (edits.length === 0) return { ...base, edits: [], sources: [] };
  const applied = applyChangeSet(base.raw, { format: CHANGE_SET_FORMAT, changes: edits });
  // Transit gateway and peering edits touch what is built from several records at once: those build the model anew.
  const model = modelWithChanges(base.model, applied) ?? buildModel(applied.raw, { hash: base.model.meta.hash }).model;
  return { model, raw: applied.raw, edits, sources };
}

export function addChanges(base: EditedSnapshot, current: EditedSnapshot, changeSet: ChangeSet, source: string): EditedSnapshot {
  if (changeSet.changes.length === 0) throw new InputError(`${source}: the change set holds no edits`);
  const earlier = current.edits.length;
  try {
    return withEdits(base, [...current.edits, ...changeSet.changes], [...current.sources, { source, count: changeSet.changes.length }]);
  } catch (error) {
    // Numbered within this change set, as its author wrote it, not within the pile.
    if (error instanceof ChangeSetError && error.index >= earlier) throw new InputError(`${source}: changes[${error.index - earlier}] (${error.edit.action}): ${error.problem}`);
    throw error;
  }
}

/** The last `count` change sets taken back (all of them when count is undefined). */
export function undoChanges(base: EditedSnapshot, current: EditedSnapshot, count?: number): EditedSnapshot {
  const keep = count === undefined ? 0 : Math.max(0, current.sources.length - count);
  const sources = current.sources.slice(0, keep);
  const edits = current.edits.slice(0, sources.reduce((sum, s) => sum + s.count, 0));
  return withEdits(base, edits, sources);
}

/** The sentence every answer on an edited snapshot carries. */
export function editedNote(current: EditedSnapshot): string | undefined {
  if (current.edits.length === 0) return undefined;
  const n = current.edits.length;
  const from = current.sources.map((s) => s.source).join(', ');
  return `This answer is on the snapshot with ${n} edit${n === 1 ? '' : 's'} applied (${from}); the snapshot itself is unchanged.`;
}

export function currentChangeSet(current: EditedSnapshot): ChangeSet | null {
  if (current.edits.length === 0) return null;
  return { format: CHANGE_SET_FORMAT, description: current.sources.map((s) => s.source).join(', '), changes: current.edits };
}
