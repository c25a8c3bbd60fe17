// `reachmap-desktop --snapshot PATH` (or `--snapshot=PATH`) opens that
// snapshot instead of the demo; a second launch with it opens it in the
// running window.

export function snapshotArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--snapshot=')) return arg.slice('--snapshot='.length) || null;
    if (arg === '--snapshot') return argv[i + 1] ?? null;
  }
  return null;
}
