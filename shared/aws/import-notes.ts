// What the import noticed: warnings for the user and references to resources
// absent from the snapshot, which the engine later answers `unknown` for.
import type { MissingReference } from '../model/types.js';

/** Beyond this many, missing references are summarised in one line. */
const MAX_LISTED_MISSING = 20;

export class ImportNotes {
  readonly missingReferences: MissingReference[] = [];
  private readonly warnings: string[] = [];
  private readonly grouped = new Map<string, string[]>();

  warn(text: string): void {
    this.warnings.push(text);
  }

  /** Many similar notes (IPv6 rules, say) become one warning listing where they occur. */
  warnGrouped(topic: string, where: string): void {
    const list = this.grouped.get(topic);
    if (list) list.push(where);
    else this.grouped.set(topic, [where]);
  }

  missing(id: string, referencedBy: string, what: string): void {
    this.missingReferences.push({ id, referencedBy, what });
  }

  /** Each present id answers true; an absent one is recorded and answers false. */
  require(present: boolean, id: string, referencedBy: string, what: string): boolean {
    if (!present) this.missing(id, referencedBy, what);
    return present;
  }

  allWarnings(): string[] {
    const out = [...this.warnings];
    for (const [topic, where] of this.grouped) {
      const unique = [...new Set(where)];
      const shown = unique.slice(0, 5).join(', ');
      out.push(`${topic}: ${where.length} ignored (${shown}${unique.length > 5 ? `, and ${unique.length - 5} more` : ''})`);
    }
    const listed = this.missingReferences.slice(0, MAX_LISTED_MISSING);
    for (const ref of listed) {
      out.push(`${ref.referencedBy}: ${ref.what} ${ref.id} is not in the snapshot (answers that need it will be "unknown")`);
    }
    const rest = this.missingReferences.length - listed.length;
    if (rest > 0) out.push(`and ${rest} more references to resources that are not in the snapshot`);
    return out;
  }
}
