// What a shell needs to know of a live collection's failures without loading
// the AWS SDK: the cancellation error and the code of a call that timed out.
export { CollectCancelledError, TIMEOUT_CODE } from '../../aws/collect/errors.js';
