// The bar over the map while the snapshot has edits tried on it: how many,
// and Undo, Undo all, Save change set and Copy AWS CLI script. Answers on
// screen are on the edited snapshot until every edit is undone.
import { CopyButton } from '../panels/CopyButton.js';
import { shownName } from '../display.js';

export interface EditsBarProps {
  /** the pile as the service names it, oldest first */
  sources: readonly string[];
  /** edits in the pile (a change set may hold several) */
  editCount: number;
  script: string;
  busy: boolean;
  status: string | null;
  onUndo(count?: number): void;
  onSave(): void;
}

export function EditsBar({ sources, editCount, script, busy, status, onUndo, onSave }: EditsBarProps) {
  const n = sources.length;
  const last = sources[n - 1] ?? '';
  return (
    <div className="edits-bar" role="status" data-testid="edits-bar" data-count={n}>
      <span className="edits-badge">edited</span>
      <span className="edits-text" title={sources.map((s, i) => `${i + 1}. ${shownName(s)}`).join('\n')}>
        <strong data-testid="edits-count">
          {n} {n === 1 ? 'fix' : 'fixes'} tried
        </strong>{' '}
        ({editCount} {editCount === 1 ? 'edit' : 'edits'}): the map shows the snapshot with them applied, not as it is. Last: <em>{shownName(last)}</em>
      </span>
      <span className="edits-actions">
        <button type="button" className="btn small" disabled={busy} onClick={() => onUndo(1)} data-testid="edits-undo" title="take back the last fix tried">Undo</button>
        {n > 1 && <button type="button" className="btn small" disabled={busy} onClick={() => onUndo()} data-testid="edits-undo-all" title="back to the snapshot as it was opened">Undo all</button>}
        <button type="button" className="btn small" disabled={busy} onClick={onSave} data-testid="edits-save" title="the edits as a reachmap-changes/1 file, for reachmap … --apply FILE">Save change set</button>
        <span data-testid="edits-copy" data-script={script}>
          <CopyButton text={script} label="Copy AWS CLI script" />
        </span>
      </span>
      {status && <span className="muted edits-status" data-testid="edits-status">{status}</span>}
    </div>
  );
}
