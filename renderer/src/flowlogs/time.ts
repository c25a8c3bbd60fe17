// The time filter's fields: an ISO 8601 time typed by the user, as Unix seconds.

/** seconds of an ISO time, or null when it does not parse */
export function secondsOf(text: string): number | null {
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
