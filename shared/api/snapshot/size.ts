// The snapshot size cap and how sizes are written: plain values, apart from
// the reader, so that a shell can show them (`--help`, `--max-size`) without
// loading the importer.

/**
 * The one size cap on snapshot files and folders (the CLI, the web face and
 * the desktop app): a Node string cannot hold much more, and JSON.parse takes
 * about twice the file's size in memory. `--max-size` lowers it. Streamed
 * inputs (flow logs) are not snapshots and are not capped.
 */
export const DEFAULT_MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

/** e.g. `512 MiB`, `1.5 KiB`, `10 bytes` */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
