import { it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { allowedBetween } from '../../../shared/engine/allowed-between.js';
it('probe', async () => {
  const { model } = await openSnapshot();
  const r = exposureOf(model);
  for (const e of r.exposed) console.log(e.eni, e.name, JSON.stringify(e.services.map(s => [s.protocol, s.ports, s.sources, s.example])));
  console.log(r.warnings);
  const a = allowedBetween(model, 'internet', 'i-0de00000000000102');
  console.log(JSON.stringify(a.reachable), JSON.stringify(a.unknown), a.traces);
  const b = allowedBetween(model, 'i-0de00000000000105', 'i-0de0000000000010a');
  console.log(JSON.stringify(b.reachable), b.traces);
});
