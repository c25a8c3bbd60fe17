// What the import noticed: warnings for the user and references to resources
// absent from the snapshot, which the engine later answers `unknown` for.
import type { MissingReference } from '../model/types.js';

/** Beyond this many, missing references (and each kind of listed warning) are summarised in one line. */
const MAX_LISTED = 20;

export class ImportNotes {
  readonly missingReferences: MissingReference[] = [];
  private readonly warnings: string[] = [];
  private readonly grouped = new Map<string, string[]>();
  private readonly listed = new Map<string, { shown: string[]; more: number }>();

  warn(text: string): void {
    this.warnings.push(text);
  }

  /** Many similar notes (IPv6 rules, say) become one warning listing where they occur. */
  warnGrouped(topic: string, where: string): void {
    const list = this.grouped.get(topic);
    if (list) list.push(where);
    else this.grouped.set(topic, [where]);
  }

  /**
   * Warnings that each name a place (a duplicate, a field filled in): the
   * first ones in full, the rest counted as "and N more <kind>".
   */
  warnListed(kind: string, text: string): void {
    let entry = this.listed.get(kind);
    if (!entry) this.listed.set(kind, (entry = { shown: [], more: 0 }));
    if (entry.shown.length < MAX_LISTED) entry.shown.push(text);
    else entry.more += 1;
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
    for (const [kind, { shown, more }] of this.listed) {
      out.push(...shown);
      if (more > 0) out.push(`and ${more} more ${kind}`);
    }
    for (const [topic, where] of this.grouped) {
      const unique = [...new Set(where)];
      const shown = unique.slice(0, 5).join(', ');
      out.push(`${topic}: ${where.length} ignored (${shown}${unique.length > 5 ? `, and ${unique.length - 5} more` : ''})`);
    }
    const listed = this.missingReferences.slice(0, MAX_LISTED);
    for (const ref of listed) {
      out.push(`${ref.referencedBy}: ${ref.what} ${ref.id} is not in the snapshot (answers that need it will be "unknown")`);
    }
    const rest = this.missingReferences.length - listed.length;
    if (rest > 0) out.push(`and ${rest} more references to resources that are not in the snapshot`);
    return out;
  }
}
