// Fixture default for the Shield slice: no Shield Advanced subscription.
import { ok } from '../../inventory/collected.ts';
import type { ShieldSlice } from './schema.ts';

export function emptyShield(): ShieldSlice {
  return { subscriptionState: ok('INACTIVE'), protections: ok(null) };
}

/** Protections of the given resource ARNs, for `set('shield.protections', …)` with `set('shield.subscriptionState', 'ACTIVE')`. */
export function shieldProtections(resourceArns: string[]): Array<{ id: string; name: string; resourceArn: string }> {
  return resourceArns.map((arn, i) => ({ id: `p-${i}`, name: `protection-${i}`, resourceArn: arn }));
}
