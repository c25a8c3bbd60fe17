// docs/schemas/changes.schema.json, made from the change-set schema the code
// checks with (shared/model/change-set.ts), so that the two cannot drift:
// `node --import tsx scripts/change-set-schema.ts` writes it, and a test fails
// while the file and this output differ.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CHANGE_SET_FORMAT, EDIT_SCHEMAS } from '../shared/model/change-set.js';

export function changeSetJsonSchema(): string {
  const edits = Object.values(EDIT_SCHEMAS) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]];
  const document = z.object({
    format: z.literal(CHANGE_SET_FORMAT),
    description: z.string().optional().describe('what the edits are for, in words'),
    changes: z.array(z.union(edits)).describe('edits, each an EC2 call with the parameters AWS takes; applied in order'),
  });
  const schema = {
    $id: 'https://reachmap.invalid/schemas/changes.schema.json',
    title: 'reachmap change set',
    description:
      'Edits to a snapshot, as `reachmap ... --apply FILE` takes them and as blocked.fix.changes carries them. A resource the set creates has an id of the form <prefix>-new-N (nat-new-1) that later edits use. Checks beyond this schema: exactly one route target, at least one peer per permission.',
    ...z.toJSONSchema(document, { unrepresentable: 'any' }),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  writeFileSync(path.resolve(path.dirname(here), '../docs/schemas/changes.schema.json'), changeSetJsonSchema());
}
