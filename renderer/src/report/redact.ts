// Masks account ids and public IPv4 addresses in everything a report shows,
// consistently: within one report the same id always gets the same mask
// (`acct-1`, `public-ip-2`), numbered in the order they are first met, so the
// same report redacts the same way every time.

const ACCOUNT_ID = /(?<![\w-])\d{12}(?![\w])/g;
const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/g;

/** addresses that say nothing about the company: private, shared, loopback, link-local, the "any" address, Reachmap's stand-in internet host */
function isPublic(octets: number[]): boolean {
  const [a, b] = octets as [number, number, number, number];
  if (octets.some((o) => o > 255)) return false;
  if (a === 10 || a === 127 || a === 0) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a >= 224) return false;
  return octets.join('.') !== '198.51.100.1';
}

export interface Redactor {
  text(value: string): string;
  /** a copy of any JSON-like value with every string (keys included) redacted */
  deep<T>(value: T): T;
}

export function createRedactor(): Redactor {
  const accounts = new Map<string, string>();
  const addresses = new Map<string, string>();
  const maskOf = (table: Map<string, string>, prefix: string, key: string) => {
    let mask = table.get(key);
    if (!mask) {
      mask = `${prefix}-${table.size + 1}`;
      table.set(key, mask);
    }
    return mask;
  };
  const text = (value: string): string =>
    value
      .replace(ACCOUNT_ID, (id) => maskOf(accounts, 'acct', id))
      .replace(IPV4, (ip: string, ...parts: string[]) => (isPublic(parts.slice(0, 4).map(Number)) ? maskOf(addresses, 'public-ip', ip) : ip));
  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map((item) => deep(item)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[text(key)] = deep(item);
      return out as T;
    }
    return value;
  };
  return { text, deep };
}

/** the identity, for reports that are not redacted */
export const NO_REDACTION: Redactor = { text: (value) => value, deep: (value) => value };
