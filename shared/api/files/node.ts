// Files the shells write (reports, saved intents, exports): through the one
// writer that snapshots use too, 0600 from creation, never through a symlink.
export { writePrivateFile } from '../../aws/write/node.js';
