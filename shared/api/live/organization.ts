// The checks of `snapshot --org-role` and `--accounts` as the shells see them,
// without loading the AWS SDK's clients (InputError on a bad value).
export { checkRoleName, parseAccountIds } from '../../aws/collect/org-options.js';
