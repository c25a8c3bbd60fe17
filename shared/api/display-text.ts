// The one sanitiser for displayed text (shared/model/display-text.ts), for
// the shells: the CLI's text output, the UI, the map and the report. Browser-safe.
export { DISPLAY_NAME_MAX, displayText, hasUnsafeDisplayChars, truncateForDisplay } from '../model/display-text.js';
