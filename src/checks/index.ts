// The explicit registry of every check, in catalog order (controls.md sections 1.A–1.I).
import type { Check } from './define.ts';
import { checks as account } from './account/index.ts';
import { checks as iam } from './iam/index.ts';
import { checks as org } from './org/index.ts';
import { checks as logging } from './logging/index.ts';
import { checks as threatDetection } from './threat-detection/index.ts';
import { checks as dataProtection } from './data-protection/index.ts';
import { checks as network } from './network/index.ts';
import { checks as ec2 } from './ec2/index.ts';
import { checks as backup } from './backup/index.ts';

export const allChecks: readonly Check[] = [
  ...account,
  ...iam,
  ...org,
  ...logging,
  ...threatDetection,
  ...dataProtection,
  ...network,
  ...ec2,
  ...backup,
];

export function findCheck(id: string): Check | undefined {
  return allChecks.find((c) => c.meta.id === id);
}
