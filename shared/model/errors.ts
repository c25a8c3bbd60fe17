// Errors the user can act on. Every shell turns them into one line (CLI: exit
// 2 on stderr, nothing on stdout); anything else is an internal error (exit 3).

/** Bad input: a malformed snapshot, an unknown or ambiguous endpoint, a bad option. */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

/**
 * A snapshot that cannot be read. The message names the file, the JSON path
 * and the value, e.g.
 * `aws_configs/us-east-1/RouteTables.json: RouteTables[3].Routes[0].DestinationCidrBlock: "10.0.0.0/33" is not an IPv4 CIDR`.
 */
export class SnapshotError extends InputError {
  override readonly name: string = 'SnapshotError';
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly problem: string,
  ) {
    super(jsonPath ? `${file}: ${jsonPath}: ${problem}` : `${file}: ${problem}`);
  }
}
