// The layered checklist for "why can't this instance be reached", bottom up:
// the first layer that fails is the answer.
import type { CheckStatus, DiagnoseCheck, DiagnoseLayer, DiagnoseReport } from '../../../shared/api/diagnose-types.js';
import type { Fix } from '../../../shared/api/analysis-types.js';
import { fixTrial } from '../edits/tried-fixes.js';
import { CopyButton } from './CopyButton.js';
import { shownName } from '../display.js';

const STATUS_CLASS: Record<CheckStatus, string> = { pass: 'ok', fail: 'bad', warn: 'warn', unknown: 'warn' };
const STATUS_ICON: Record<string, string> = { ok: '✓', bad: '✗', warn: '?' };

/** given on the map (not in the report): try a check's fix, as the drop card does */
interface TryProps {
  onTry?: ((fix: Fix) => void) | undefined;
  trying?: boolean | undefined;
}

function Checks({ items, onTry, trying }: { items: DiagnoseCheck[] } & TryProps) {
  return (
    <ol className="checklist">
      {items.map((item) => {
        const cls = STATUS_CLASS[item.status];
        return (
          <li key={item.id} className={`check ${cls}`} data-status={item.status}>
            <span className="mark">{STATUS_ICON[cls]}</span>
            <div>
              <div className="title">{item.title}</div>
              {item.detail && <div className="detail">{item.detail}</div>}
              {item.fix?.text && <div className="fix-text">Fix: {item.fix.text}</div>}
              {item.fix?.command && (
                <div className="command"><pre>{item.fix.command}</pre><CopyButton text={item.fix.command} /></div>
              )}
              {item.fix && onTry && fixTrial(item.fix) && (
                <button type="button" className="btn primary small try-check-fix" disabled={trying} onClick={() => onTry(item.fix!)} data-testid="diagnose-try-fix">
                  {fixTrial(item.fix)!.whole ? 'Try the whole repair' : 'Try this fix'}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

const LAYER_TITLES: Record<DiagnoseLayer, string> = {
  state: '1 · Platform and state',
  addressing: '2 · Topology and addressing',
  routing: '3 · Routing',
  filtering: '4 · Filtering',
  sources: '5 · Who can reach it',
  'load-balancer': '6 · Load balancer',
};

const SOURCE_KINDS: Record<string, string> = {
  'from-internet': 'from the internet',
  'from-peered-vpc': 'from peered VPCs',
  'from-transit-gateway': 'over the transit gateway',
  'from-own-vpc': 'from its own VPC',
};

/** the layer a trace's drop belongs to, by the kind of the component that drops it */
function layerOfDrop(kind: string): DiagnoseLayer {
  if (kind === 'security-group' || kind === 'network-acl') return 'filtering';
  if (kind === 'internet-gateway') return 'addressing';
  if (kind === 'eni') return 'state';
  if (kind === 'load-balancer' || kind === 'target-group') return 'load-balancer';
  return 'routing';
}

/** every failing layer, per kind of source: the sources' traces by where they drop, the other checks for every source */
function failuresBySource(checks: DiagnoseCheck[]): [string, string[]][] {
  const groups = new Map<string, Set<string>>();
  const add = (source: string, what: string) => groups.set(source, (groups.get(source) ?? new Set()).add(what));
  for (const check of checks) {
    if ((check.status !== 'fail' && check.status !== 'unknown') || check.byDesign) continue;
    if (check.flow) {
      const kind = check.id.split(':')[0] ?? check.id;
      const where = check.flow.blocked ? `${LAYER_TITLES[layerOfDrop(check.flow.blocked.kind)].replace(/^\d+ · /, '')} (${check.flow.blocked.id})` : check.title;
      add(SOURCE_KINDS[kind] ?? kind.replace(/-/g, ' '), where);
    } else add('for every source', `${LAYER_TITLES[check.layer].replace(/^\d+ · /, '')}: ${check.title}`);
  }
  return [...groups].map(([source, what]) => [source, [...what]]);
}

export function DiagnosePanel({ result, onFocus, onTry, trying }: { result: DiagnoseReport; onFocus?: (id: string) => void } & TryProps) {
  const { target, checks, summary, firstFailure, warnings } = result;
  const layers = [...new Set(checks.map((check) => check.layer))];
  return (
    <section className="diagnose" data-testid="diagnose">
      <button type="button" className="btn link target" data-testid="diagnose-target-line" onClick={() => onFocus?.(target.instance ?? target.eni)}>
        {shownName(target.name ?? target.instance ?? target.eni)} · {target.privateIp}
        {/* an IPv6 address is global: no public address beside it */}
        {target.family === 'ipv6' ? ' · over IPv6' : target.publicIp ? ` · ${target.publicIp}` : ''}
      </button>
      <p className={`summary ${firstFailure ? 'bad' : 'ok'}`} data-testid="diagnose-summary">{summary}</p>
      {failuresBySource(checks).length > 0 && (
        <ul className="failures" data-testid="diagnose-failures">
          {failuresBySource(checks).map(([source, what]) => (
            <li key={source} data-source={source}><strong>{source}</strong>: {what.join('; ')}</li>
          ))}
        </ul>
      )}
      {layers.map((layer) => (
        <div key={layer} className="layer">
          <h4>{LAYER_TITLES[layer]}</h4>
          <Checks items={checks.filter((check) => check.layer === layer)} onTry={onTry} trying={trying} />
        </div>
      ))}
      {warnings.length > 0 && (
        <ul className="warnings">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>
      )}
    </section>
  );
}
