// The answer to "why": the component that drops the flow, the rule that
// decided, and the smallest fix, with its AWS CLI command ready to copy.
import type { Blocked } from '../../../shared/api/analysis-types.js';
import { CopyButton } from './CopyButton.js';
import { KIND_SHORT, ruleLines } from './format.js';

export function DropCard({ blocked, onFocus }: { blocked: Blocked; onFocus(id: string): void }) {
  return (
    <section className="drop-card" data-testid="drop-card">
      <header>
        <span className="code" data-testid="drop-code">{blocked.code}</span>
        <span className="leg">{blocked.direction === 'return' ? 'on the return path' : 'on the way there'}</span>
      </header>
      <button type="button" className="btn link component" onClick={() => onFocus(blocked.id)} data-testid="drop-component">
        {KIND_SHORT[blocked.kind] ?? blocked.kind} <strong>{blocked.id}</strong>
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
        </div>
      ) : (
        <p className="fix none">No single change lets this flow through here.</p>
      )}
    </section>
  );
}
