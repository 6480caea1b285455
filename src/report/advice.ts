// What to do about a collection error, by code: turns "AccessDenied" into a next step.
import type { CollectError } from '../inventory/collected.ts';

export function adviceFor(error: CollectError): string {
  // the account itself could not be entered: the fix is the audit role, not a permission on the check's call
  if (error.operation === 'sts:AssumeRole') return 'deploy the audit role in this account (`rampart audit-role`) or fix its trust policy';
  switch (error.code) {
    case 'AccessDenied':
      return `grant ${error.operation} (the AWS managed SecurityAudit policy covers it; \`rampart iam-policy\` prints the exact policy)`;
    case 'DeniedByScp':
      return 'a service control policy denies it; exempt the audit role in the SCP or accept the gap';
    case 'OptInRequired':
      return 'the Region or service is not enabled for this account';
    case 'Throttled':
      return 'AWS kept throttling after retries; run again later or lower --concurrency';
    case 'Unsupported':
      return 'the endpoint does not implement this call (emulator, partition or Region without the service)';
    case 'InvalidCredentials':
      return 'the credentials are invalid or expired; sign in again (e.g. `aws sso login`)';
    case 'Timeout':
      return 'the network timed out; check connectivity or proxy settings and run again';
    case 'ParseError':
      return 'AWS returned data Rampart could not interpret; please report it with the operation name';
    case 'NotCollected':
      return 'this run did not collect it';
    default:
      return 'unexpected error; run with --verbose for details';
  }
}
