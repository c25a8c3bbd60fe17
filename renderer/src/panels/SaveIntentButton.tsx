// "Save as intent": the analyzed flow becomes a line of an intents file
// (docs/intents.md) that `reachmap check` keeps testing in CI. The desktop app
// appends it to a file chosen in a save dialog; a browser cannot write files,
// so there it is copied, ready to paste under `flows:`.
import { useState } from 'react';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import { intentOfQuery, intentSnippet, type Expectation } from '../../../shared/api/intents/entry.js';
import { CopyButton } from './CopyButton.js';

interface DesktopSaveIntent {
  saveIntent(request: { flow: AnalyzeResult['query']; expect: Expectation; name?: string }): Promise<{ saved: boolean; fileName: string | null; intent: string | null }>;
}

function desktopSaveIntent(): DesktopSaveIntent | null {
  const bridge = window.reachmap as unknown as Partial<DesktopSaveIntent> | undefined;
  return bridge && typeof bridge.saveIntent === 'function' ? (bridge as DesktopSaveIntent) : null;
}

export function SaveIntentButton({ result }: { result: AnalyzeResult }) {
  // by default the intent pins what the flow does now; an unreachable flow may be saved as "should be reachable"
  const [expect, setExpect] = useState<Expectation>(result.verdict === 'unreachable' ? 'unreachable' : 'reachable');
  const [status, setStatus] = useState<string | null>(null);
  const desktop = desktopSaveIntent();

  async function save(bridge: DesktopSaveIntent) {
    setStatus(null);
    try {
      const answer = await bridge.saveIntent({ flow: result.query, expect });
      if (answer.saved) setStatus(`Added as ${answer.intent} to ${answer.fileName}`);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="save-intent" data-testid="save-intent">
      <label>
        Expect{' '}
        <select value={expect} onChange={(event) => setExpect(event.target.value as Expectation)} data-testid="save-intent-expect">
          <option value="reachable">reachable</option>
          <option value="unreachable">unreachable</option>
        </select>
      </label>{' '}
      {desktop ? (
        <button type="button" className="btn small" onClick={() => void save(desktop)} data-testid="save-intent-button">
          Save as intent…
        </button>
      ) : (
        <CopyButton text={intentSnippet(intentOfQuery(result.query, expect))} label="Copy as intent" />
      )}
      {status && <span className="save-intent-status" data-testid="save-intent-status"> {status}</span>}
    </div>
  );
}
