// Every hop, in the order checked; hovering one lights its node on the map, and back.
import type { Hop, Leg } from '../../../shared/api/analysis-types.js';
import { ACTION_CLASS, KIND_SHORT, ruleLines } from './format.js';
import { shownName } from '../display.js';

export interface HopRef {
  leg: 'forward' | 'return';
  index: number;
}

interface Props {
  forward: Leg;
  back: Leg | null;
  highlighted: ReadonlySet<string>;
  onHover(hop: HopRef | null): void;
  onSelect(hop: Hop): void;
}

function LegList({ leg, name, title, highlighted, onHover, onSelect }: { leg: Leg; name: HopRef['leg']; title: string } & Omit<Props, 'forward' | 'back'>) {
  return (
    <div className={`leg leg-${name}`}>
      <h4>
        {title} <span className={leg.delivered ? 'pill ok' : 'pill bad'}>{leg.delivered ? 'delivered' : 'dropped'}</span>
      </h4>
      <ol className="hops" data-testid={`hops-${name}`}>
        {leg.hops.map((hop, index) => {
          const key = `${name}:${index}`;
          const lines = ruleLines(hop.rule);
          return (
            <li
              key={key}
              className={`hop ${highlighted.has(key) ? 'hl' : ''} ${ACTION_CLASS[hop.action] ?? ''}`}
              onMouseEnter={() => onHover({ leg: name, index })}
              onMouseLeave={() => onHover(null)}
              onClick={() => onSelect(hop)}
              data-hop-id={hop.id}
            >
              <span className="kind">{KIND_SHORT[hop.kind] ?? hop.kind}</span>
              <span className="body">
                {hop.name ? (
                  <span className="id"><strong className="name" data-testid="hop-name">{shownName(hop.name)}</strong> <span className="mono sub">{hop.id}</span></span>
                ) : (
                  <span className="id">{hop.id}</span>
                )}
                <span className="dir">{hop.direction}</span>
                <span className={`pill ${ACTION_CLASS[hop.action] ?? ''}`}>{hop.action}</span>
                {hop.code && <span className="pill code">{hop.code}</span>}
                <span className="detail">{hop.detail}</span>
                {lines.length > 0 && <span className="rule">{lines.join(' · ')}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function HopList(props: Props) {
  return (
    <div className="hop-list">
      <LegList leg={props.forward} name="forward" title="Forward path" {...props} />
      {props.back && <LegList leg={props.back} name="return" title="Return path" {...props} />}
    </div>
  );
}
