// --concurrency N: AWS requests in flight at most (snapshot, flowlogs fetch).
import { InputError } from '../shared/api/errors.js';

export function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new InputError(`--concurrency: "${text}" is not a whole number from 1 to 256`);
  return value;
}
