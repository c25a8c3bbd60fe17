// The answer to "why": the component that drops the flow, the rule that
// decided, and the smallest fix, with its AWS CLI command ready to copy and,
// when the fix carries its change set, a button that tries it on the map.
import type { Blocked } from '../../../shared/api/analysis-types.js';
import { fixTrial } from '../edits/tried-fixes.js';
import { shownName } from '../display.js';
import { CopyButton } from './CopyButton.js';
import { KIND_SHORT, ruleLines } from './format.js';

export interface DropCardProps {
  blocked: Blocked;
  onFocus(id: string): void;
  /** given on the map (not in the report): apply the fix's change set and trace again */
  onTry?: (() => void) | undefined;
  trying?: boolean;
  tryError?: string | null;
}

export function DropCard({ blocked, onFocus, onTry, trying = false, tryError = null }: DropCardProps) {
  const trial = fixTrial(blocked.fix);
  return (
    <section className="drop-card" data-testid="drop-card">
      <header>
        <span className="code" data-testid="drop-code">{blocked.code}</span>
        <span className="leg">{blocked.direction === 'return' ? 'on the return path' : 'on the way there'}</span>
      </header>
      <button type="button" className="btn link component" onClick={() => onFocus(blocked.id)} data-testid="drop-component">
        {KIND_SHORT[blocked.kind] ?? blocked.kind} {blocked.name ? <><strong>{shownName(blocked.name)}</strong> <span className="mono">{blocked.id}</span></> : <strong>{blocked.id}</strong>}
      </button>
      <p className="detail" data-testid="drop-detail">{blocked.detail}</p>
      {ruleLines(blocked.rule).length > 0 && (
        <ul className="rule">
          {ruleLines(blocked.rule).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {blocked.fix ? (
        <div className="fix" data-testid="drop-fix">
          <h4>Fix</h4>
          <p>{blocked.fix.text}</p>
          <div className="command">
            <pre data-testid="fix-command">{blocked.fix.command}</pre>
            <CopyButton text={blocked.fix.command} />
          </div>
          {trial && onTry && (
            <div className="try-fix">
              <button type="button" className="btn primary small" disabled={trying} onClick={onTry} data-testid="try-fix"
                title="apply this fix to a copy of the snapshot and trace again; AWS is not touched, and Undo takes it back">
                {trying ? 'Trying…' : trial.whole ? 'Try the whole repair' : 'Try this fix'}
              </button>
              {trial.outcome && <span className="muted try-outcome">{trial.outcome}</span>}
            </div>
          )}
          {tryError && <p className="error-text" data-testid="try-fix-error">{tryError}</p>}
        </div>
      ) : (
        <p className="fix none">No single change lets this flow through here.</p>
      )}
    </section>
  );
}
