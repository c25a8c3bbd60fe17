// The values of `snapshot --org-role ROLE` and `--accounts id,id`, checked
// before anything is sent (exit 2 naming the option and the value). Kept
// apart from organization.ts so that checking them loads no AWS client.
import { InputError } from '../../model/errors.js';

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;

export function checkRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) throw new InputError(`--org-role: "${name}" is not an IAM role name (letters, digits and +=,.@_- only, at most 64)`);
  return name;
}

export function parseAccountIds(text: string): string[] {
  const ids = text.split(',').map((id) => id.trim());
  for (const id of ids) {
    if (!ACCOUNT_ID.test(id)) throw new InputError(`--accounts: "${id}" is not an AWS account id (12 digits)`);
  }
  return [...new Set(ids)];
}
