// `reachmap snapshot merge A B ... --out FILE`: snapshots of different
// accounts (or of different regions of one account) joined into one
// reachmap-snapshot/1 file (mode 0600) that records `mergedFrom`. The same
// resource seen from two accounts is kept once: the owner's copy, with a
// warning where the copies differ.
import type { Command } from 'commander';
import { action, printWarnings } from '../common.js';
import { shown, writeErrorText } from '../output.js';

export function registerSnapshotMergeCommand(snapshot: Command): void {
  snapshot
    .command('merge')
    .description('join snapshots of different accounts or regions into one file (--out, mode 0600); every command\'s repeated --snapshot does the same without a file')
    .argument('<snapshots...>', 'snapshot files or folders, two or more')
    .action(
      action(async (paths: string[], _options: unknown, command: Command) => {
        // --out belongs to `snapshot`, which reads it wherever it stands on the line
        const { out } = command.parent!.opts<{ out: string }>();
        const { mergeSnapshotFiles } = await import('../../shared/api/snapshot/node.js');
        const merged = await mergeSnapshotFiles(paths, out);
        printWarnings(merged.warnings);
        const accounts = Object.keys(merged.raw.accounts);
        const regions = Object.values(merged.raw.accounts).reduce((count, regions) => count + Object.keys(regions).length, 0);
        writeErrorText(`snapshot merge: ${paths.length} snapshots, ${accounts.length} account(s) (${shown(accounts.join(', '))}), ${regions} region(s) -> ${shown(out)}\n`);
        return undefined;
      }),
    );
}
