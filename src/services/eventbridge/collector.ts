// EventBridge collector (per Region): the default bus's rules (ListRules, which already returns each pattern) and
// one ListTargetsByRule per rule — the only way to learn the targets. Neither has an SDK paginator: NextToken by hand.
// Custom event buses are not read: AWS service events (CloudTrail, GuardDuty, Security Hub) arrive on the default bus.
import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { mapLimit } from '../../aws/limiter.ts';
import { need, parsePolicyDocument, read } from '../../collectors/shape.ts';
import { orNull, regionalClient, type RegionalContext } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { EventbridgeSlice, EventRule } from './schema.ts';

const OPS = {
  rules: 'events:ListRules',
  targets: 'events:ListTargetsByRule',
} as const;

/** ListRules and ListTargetsByRule return at most 100 items per page. */
const PAGE = 100;
const RULE_CONCURRENCY = 4;

async function targetsOf(ctx: RegionalContext, client: EventBridgeClient, rule: string): Promise<EventRule['targets']> {
  return read(OPS.targets, ctx.region, async () => {
    const out: Array<{ id: string; arn: string }> = [];
    let NextToken: string | undefined;
    do {
      const page = await ctx.limiter.run(() => client.send(new ListTargetsByRuleCommand({ Rule: rule, Limit: PAGE, ...(NextToken ? { NextToken } : {}) })));
      for (const t of page.Targets ?? []) out.push({ id: need(t.Id, 'Target.Id'), arn: need(t.Arn, 'Target.Arn') });
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  });
}

export const eventbridgeCollector: RegionalCollector<'eventbridge'> = {
  key: 'eventbridge',
  operations: Object.values(OPS),
  async collect(ctx): Promise<EventbridgeSlice> {
    const client = regionalClient(ctx, EventBridgeClient);
    const listed = await read(OPS.rules, ctx.region, async () => {
      const out: Array<Omit<EventRule, 'targets'>> = [];
      let NextToken: string | undefined;
      do {
        const page = await ctx.limiter.run(() => client.send(new ListRulesCommand({ Limit: PAGE, ...(NextToken ? { NextToken } : {}) })));
        for (const r of page.Rules ?? []) {
          out.push({
            name: need(r.Name, 'Rule.Name'),
            arn: need(r.Arn, 'Rule.Arn'),
            eventBusName: r.EventBusName ?? 'default',
            state: orNull(r.State),
            eventPattern: r.EventPattern === undefined ? null : parsePolicyDocument(r.EventPattern),
            scheduleExpression: orNull(r.ScheduleExpression),
          });
        }
        NextToken = page.NextToken;
      } while (NextToken);
      return out;
    });
    if (!listed.ok) return { rules: listed };
    return { rules: { ok: true, value: await mapLimit(listed.value, RULE_CONCURRENCY, async (r) => ({ ...r, targets: await targetsOf(ctx, client, r.name) })) } };
  },
};
