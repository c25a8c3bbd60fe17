// An endpoint: typed (id, name, address, `internet`) with suggestions from the
// map, or picked by clicking a node after pressing the target button.
import { useMemo, useState } from 'react';
import { search, type SearchEntry } from '../search.js';
import { shownName } from '../display.js';

interface Props {
  label: string;
  value: string;
  index: SearchEntry[];
  picking: boolean;
  testId: string;
  onChange(value: string): void;
  onPick(): void;
}

export function EndpointField({ label, value, index, picking, testId, onChange, onPick }: Props) {
  const [open, setOpen] = useState(false);
  const hits = useMemo(() => (open ? search(index, value, 8).filter((e) => e.kind !== 'account' && e.kind !== 'region' && e.kind !== 'az') : []), [index, value, open]);
  return (
    <label className="field endpoint">
      <span className="field-label">{label}</span>
      <div className="endpoint-row">
        <input
          value={value}
          placeholder="i-…, eni-…, 10.0.1.5, internet"
          onChange={(e) => {
            onChange(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          data-testid={testId}
          spellCheck={false}
        />
        <button type="button" className={`btn icon ${picking ? 'active' : ''}`} title="Pick on the map" onClick={onPick}>
          <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
            <circle cx="8" cy="8" r="5" />
            <path d="M8 1v3M8 12v3M1 8h3M12 8h3" />
          </svg>
        </button>
      </div>
      {hits.length > 0 && (
        <ul className="suggestions">
          {hits.map((hit) => (
            <li
              key={hit.id}
              onMouseDown={(e) => {
                e.preventDefault();
                onChange(hit.id);
                setOpen(false);
              }}
            >
              <span className="kind">{hit.kind}</span> {hit.name !== hit.id ? `${shownName(hit.name)} · ` : ''}
              <span className="mono">{shownName(hit.id)}</span> {hit.hints[0] && <span className="hint">{hit.hints[0]}</span>}
            </li>
          ))}
        </ul>
      )}
    </label>
  );
}
