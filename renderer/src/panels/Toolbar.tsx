// Finding one's way: search, filters, collapse levels, zoom.
import { useMemo, useRef, useState } from 'react';
import { search, type SearchEntry } from '../search.js';
import { shownName } from '../display.js';
import { regionChoices, type PlaceOptions } from '../map/place-filter.js';

export interface FilterState {
  /** an account box's id (account:ID) or null: every account */
  account: string | null;
  /** a region's name or null: every region (with an account: that account's region) */
  region: string | null;
  vpc: string | null;
  hiddenKinds: Set<string>;
  tag: string;
}

interface Props {
  index: SearchEntry[];
  vpcs: { id: string; name: string }[];
  /** the accounts and their regions, for the account and region filters */
  places: PlaceOptions;
  filter: FilterState;
  /** how many nodes carry the filtered tag; null without a tag filter */
  tagMatches?: number | null;
  onFilter(filter: FilterState): void;
  onFound(id: string): void;
  onCollapse(level: 'subnets' | 'vpcs' | 'none'): void;
  onFit(): void;
  onZoom(factor: number): void;
}

const KIND_FILTERS: { label: string; kinds: string[] }[] = [
  { label: 'Instances', kinds: ['instance'] },
  { label: 'Other ENIs', kinds: ['eni'] },
  { label: 'Gateways', kinds: ['internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'transit-gateway', 'vpn-gateway', 'vpn-connection', 'peering', 'vpc-endpoint'] },
  { label: 'Load balancers', kinds: ['load-balancer'] },
];

export function Toolbar({ index, vpcs, places, filter, tagMatches = null, onFilter, onFound, onCollapse, onFit, onZoom }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  /** the close a blur schedules (a click on a result lands first): cancelled when the field is used again before it runs */
  const closing = useRef<number | null>(null);
  const keepOpen = () => {
    if (closing.current !== null) window.clearTimeout(closing.current);
    closing.current = null;
    setOpen(true);
  };
  const hits = useMemo(() => search(index, query, 10), [index, query]);
  const toggleKinds = (kinds: string[]) => {
    const hidden = new Set(filter.hiddenKinds);
    const shown = kinds.every((k) => !hidden.has(k));
    for (const k of kinds) {
      if (shown) hidden.add(k);
      else hidden.delete(k);
    }
    onFilter({ ...filter, hiddenKinds: hidden });
  };
  return (
    <div className="toolbar">
      <div className="search">
        <input
          value={query}
          placeholder="Search id, name, IP, CIDR, internet…"
          onChange={(e) => {
            setQuery(e.target.value);
            keepOpen();
          }}
          onFocus={keepOpen}
          onBlur={() => {
            closing.current = window.setTimeout(() => setOpen(false), 150);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits[0]) {
              onFound(hits[0].id);
              setOpen(false);
            }
          }}
          data-testid="search"
          spellCheck={false}
        />
        {open && query && (
          <ul className="search-results" data-testid="search-results">
            {hits.length === 0 && <li className="muted">No match</li>}
            {hits.map((hit) => (
              <li
                key={hit.id}
                onMouseDown={(e) => {
                  e.preventDefault();
                  onFound(hit.id);
                  setOpen(false);
                }}
                data-id={hit.id}
              >
                <span className="kind">{hit.kind}</span>
                <span className="name">{shownName(hit.name)}</span>
                <span className="mono">{hit.id !== hit.name ? shownName(hit.id) : ''}</span>
                {hit.hints[0] && <span className="hint">{hit.hints.join(' · ')}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {places.accounts.length > 1 && (
        <select value={filter.account ?? ''} title="Show one account" data-testid="filter-account"
          onChange={(e) => {
            const account = e.target.value || null;
            // a region the account does not have would leave the map empty: the account's choice wins
            const region = filter.region && regionChoices(places, account).includes(filter.region) ? filter.region : null;
            onFilter({ ...filter, account, region });
          }}>
          <option value="">All accounts</option>
          {places.accounts.map((a) => (
            <option key={a.id} value={a.id}>{shownName(a.name)}</option>
          ))}
        </select>
      )}
      {regionChoices(places, null).length > 1 && (
        <select value={filter.region ?? ''} onChange={(e) => onFilter({ ...filter, region: e.target.value || null })} title="Show one region" data-testid="filter-region">
          <option value="">All regions</option>
          {regionChoices(places, filter.account).map((r) => (
            <option key={r} value={r}>{shownName(r)}</option>
          ))}
        </select>
      )}
      <select value={filter.vpc ?? ''} onChange={(e) => onFilter({ ...filter, vpc: e.target.value || null })} title="Show one VPC" data-testid="filter-vpc">
        <option value="">All VPCs</option>
        {vpcs.map((vpc) => (
          <option key={vpc.id} value={vpc.id}>{shownName(vpc.name)}</option>
        ))}
      </select>
      <div className="chips">
        {KIND_FILTERS.map((f) => (
          <button key={f.label} type="button" className={`chip ${f.kinds.some((k) => filter.hiddenKinds.has(k)) ? 'off' : 'on'}`} onClick={() => toggleKinds(f.kinds)}>
            {f.label}
          </button>
        ))}
      </div>
      <input className="tag-filter" value={filter.tag} placeholder="tag key=value" onChange={(e) => onFilter({ ...filter, tag: e.target.value })} title="Dim what does not carry this tag" data-testid="tag-filter" />
      {tagMatches !== null && (
        <span className={`tag-count${tagMatches === 0 ? ' none' : ''}`} role="status" data-testid="tag-count">
          {tagMatches === 1 ? '1 match' : `${tagMatches} matches`}
        </span>
      )}
      <div className="spacer" />
      <div className="btn-group">
        <button type="button" className="btn small" onClick={() => onCollapse('vpcs')} title="Collapse every VPC">VPCs</button>
        <button type="button" className="btn small" onClick={() => onCollapse('subnets')} title="Collapse every subnet">Subnets</button>
        <button type="button" className="btn small" onClick={() => onCollapse('none')} title="Expand everything">All</button>
      </div>
      <div className="btn-group">
        <button type="button" className="btn small" onClick={() => onZoom(1 / 1.3)} title="Zoom out">−</button>
        <button type="button" className="btn small" onClick={() => onZoom(1.3)} title="Zoom in">+</button>
        <button type="button" className="btn small" onClick={onFit} title="Fit to screen" data-testid="fit">Fit</button>
      </div>
    </div>
  );
}
