// Fixtures for the EventBridge slice: the empty default of a fixture Region and a rule builder.
import { ok } from '../../inventory/collected.ts';
import type { EventbridgeSlice, EventRule } from './schema.ts';

/** A Region without rules. */
export function emptyEventbridge(): EventbridgeSlice {
  return { rules: ok([]) };
}

/** An enabled rule on the default bus with the given pattern and target ARNs. */
export function eventRule(region: string, accountId: string, name: string, eventPattern: unknown, targetArns: string[], opts: Partial<Pick<EventRule, 'state'>> = {}): EventRule {
  return {
    name,
    arn: `arn:aws:events:${region}:${accountId}:rule/${name}`,
    eventBusName: 'default',
    state: opts.state ?? 'ENABLED',
    eventPattern,
    scheduleExpression: null,
    targets: ok(targetArns.map((arn, i) => ({ id: `t${i}`, arn }))),
  };
}
