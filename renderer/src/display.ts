// Text from the snapshot as the UI shows it, through the one sanitiser
// (shared/api/display-text.ts): control characters and bidirectional
// overrides become visible escapes; names on the map, in panels and in the
// report are cut to 64 characters (the inspector shows the full text).
import { DISPLAY_NAME_MAX, displayText, truncateForDisplay } from '../../shared/api/display-text.js';

/**
 * A name as a label: escaped and cut to DISPLAY_NAME_MAX characters. Only the
 * head of a huge name is looked at, so that a 50 MB tag costs no more to
 * label than a short one.
 */
export function shownName(text: string): string {
  const head = text.length > DISPLAY_NAME_MAX * 4 ? text.slice(0, DISPLAY_NAME_MAX * 4) : text;
  return truncateForDisplay(head, DISPLAY_NAME_MAX);
}

/** Full text (the inspector, ids), escaped but not cut. */
export function shownText(text: string): string {
  return displayText(text);
}
