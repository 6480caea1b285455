// Fixture default for the Shield slice: no Shield Advanced subscription.
import { ok } from '../../inventory/collected.ts';
import type { ShieldSlice } from './schema.ts';

export function emptyShield(): ShieldSlice {
  return { subscriptionState: ok('INACTIVE'), protections: ok(null) };
}

/** An ACTIVE subscription protecting the given resource ARNs. */
export function shieldActive(resourceArns: string[]): ShieldSlice {
  return { subscriptionState: ok('ACTIVE'), protections: ok(resourceArns.map((arn, i) => ({ id: `p-${i}`, name: `protection-${i}`, resourceArn: arn }))) };
}
