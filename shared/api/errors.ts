// The errors every shell turns into one line live in the model, the one layer
// that all others may import; the API offers them to the shells from here.
export { InputError, SnapshotError } from '../model/errors.js';
