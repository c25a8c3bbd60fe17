// A port given on the command line (--port, --source-port): 0-65535, digits only.
import { InvalidArgumentError } from 'commander';

export function portNumber(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535) throw new InvalidArgumentError(`${name}: "${value}" is not a port number (0-65535)`);
    return Number(value);
  };
}
