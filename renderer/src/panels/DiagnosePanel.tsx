// The layered checklist for "why can't this instance be reached", bottom up:
// the first layer that fails is the answer.
import { CopyButton } from './CopyButton.js';

type Loose = Record<string, unknown>;

function asList(value: unknown): Loose[] {
  return Array.isArray(value) ? value.filter((v): v is Loose => typeof v === 'object' && v !== null) : [];
}

function text(item: Loose, keys: string[]): string | undefined {
  for (const key of keys) if (typeof item[key] === 'string' && item[key] !== '') return item[key] as string;
  return undefined;
}

function statusOf(item: Loose): string {
  const status = text(item, ['status', 'result', 'verdict', 'outcome']);
  if (status) return status.toLowerCase();
  if (typeof item.ok === 'boolean') return item.ok ? 'pass' : 'fail';
  if (typeof item.passed === 'boolean') return item.passed ? 'pass' : 'fail';
  return 'info';
}

const STATUS_CLASS: Record<string, string> = { pass: 'ok', ok: 'ok', passed: 'ok', fail: 'bad', failed: 'bad', error: 'bad', warn: 'warn', warning: 'warn', unknown: 'warn', skip: 'muted', skipped: 'muted' };
const STATUS_ICON: Record<string, string> = { ok: '✓', bad: '✗', warn: '?', muted: '–', info: '•' };

function Checks({ items }: { items: Loose[] }) {
  return (
    <ol className="checklist">
      {items.map((item, i) => {
        const status = statusOf(item);
        const cls = STATUS_CLASS[status] ?? 'info';
        const fix = item.fix && typeof item.fix === 'object' ? (item.fix as { text?: string; command?: string }) : null;
        const nested = asList(item.checks ?? item.findings ?? item.items);
        return (
          <li key={i} className={`check ${cls}`} data-status={status}>
            <span className="mark">{STATUS_ICON[cls]}</span>
            <div>
              <div className="title">{text(item, ['title', 'name', 'check', 'id']) ?? `check ${i + 1}`}</div>
              {text(item, ['detail', 'message', 'details', 'summary', 'explanation']) && (
                <div className="detail">{text(item, ['detail', 'message', 'details', 'summary', 'explanation'])}</div>
              )}
              {fix?.text && <div className="fix-text">Fix: {fix.text}</div>}
              {fix?.command && (
                <div className="command"><pre>{fix.command}</pre><CopyButton text={fix.command} /></div>
              )}
              {nested.length > 0 && <Checks items={nested} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

const LAYER_TITLES: Record<string, string> = {
  state: '1 · Platform and state',
  addressing: '2 · Topology and addressing',
  routing: '3 · Routing',
  filtering: '4 · Filtering',
  sources: '5 · Who can reach it',
};

export function DiagnosePanel({ result, onFocus }: { result: unknown; onFocus?: (id: string) => void }) {
  const root = (typeof result === 'object' && result !== null ? result : {}) as Loose;
  const items = asList(root.layers ?? root.checks ?? root.steps ?? root.findings);
  const summary = text(root, ['summary', 'verdict', 'conclusion', 'answer']);
  const target = (root.target ?? null) as Loose | null;
  const layers = [...new Set(items.map((item) => text(item, ['layer']) ?? ''))];
  const failing = root.firstFailure as Loose | null | undefined;
  return (
    <section className="diagnose" data-testid="diagnose">
      {target && (
        <button type="button" className="btn link target" onClick={() => onFocus?.(String(target.instance ?? target.eni))}>
          {String(target.name ?? target.instance ?? target.eni)} · {String(target.privateIp ?? '')}
          {target.publicIp ? ` · ${String(target.publicIp)}` : ''}
        </button>
      )}
      {summary && <p className={`summary ${failing ? 'bad' : 'ok'}`} data-testid="diagnose-summary">{summary}</p>}
      {items.length === 0 && <pre className="raw">{JSON.stringify(result, null, 2)}</pre>}
      {layers.map((layer) => (
        <div key={layer} className="layer">
          {layer && <h4>{LAYER_TITLES[layer] ?? layer}</h4>}
          <Checks items={items.filter((item) => (text(item, ['layer']) ?? '') === layer)} />
        </div>
      ))}
      {Array.isArray(root.warnings) && root.warnings.length > 0 && (
        <ul className="warnings">{(root.warnings as string[]).map((w) => <li key={w}>{w}</li>)}</ul>
      )}
    </section>
  );
}
