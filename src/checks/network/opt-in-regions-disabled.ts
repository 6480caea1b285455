// opt-in-regions-disabled: opt-in Regions that are not approved stay disabled (controls.md 1.G). Read from the Region
// list the scan already has (EC2 DescribeRegions with AllRegions, whose OptInStatus is opt-in-not-required |
// opted-in | not-opted-in), so no Account ListRegions call is needed: opted-in = an opt-in Region that is enabled.
// DescribeRegions does not show a Region still ENABLING/DISABLING; such a Region is judged by the status it reports.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck, requireData } from '../define.ts';
import { regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'opt-in-regions-disabled',
    title: 'Opt-in Regions not in use stay disabled',
    severity: 'low',
    scope: 'account',
    resourceType: 'AwsRegion',
    rationale:
      'Every enabled Region is somewhere an intruder can run workloads or hide resources, and opt-in Regions are the ones a team is least likely to watch; keeping unused ones disabled removes that space.',
    remediation: {
      text: 'Disable the opt-in Region (from the management account or the Account delegated administrator), or add it to the check option allowedRegions if it is meant to be used.',
      cli: 'aws account disable-region --region-name <region-name> --account-id <account-id>',
    },
    references: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html'],
    compliance: { sources: ['001', '002'] },
    fixable: true,
    reads: ['regions'],
  },
  /** allowedRegions: opt-in Regions that are approved for use (every other enabled opt-in Region fails). */
  defaultOptions: { allowedRegions: [] as string[] },
  evaluate(ctx) {
    const self = ctx.accountResource();
    const regions = requireData(ctx, ctx.account.regions, self, "the account's Regions (ec2:DescribeRegions)");
    if (!regions.ok) return [regions.result];
    const allowed = new Set(ctx.options.allowedRegions);
    const results: CheckResult[] = [];
    const unknown = regions.value.filter((r) => r.optInStatus === null).map((r) => r.name);
    const enabledOptIn = regions.value.filter((r) => r.optInStatus === 'opted-in');
    for (const r of enabledOptIn) {
      if (allowed.has(r.name)) continue;
      results.push(
        ctx.fail(regionResource(r.name), `opt-in Region ${r.name} is enabled in account ${self.id} but is not in allowedRegions`, {
          region: r.name,
          evidence: { optInStatus: r.optInStatus, allowedRegions: [...allowed] },
          remediationValues: { 'region-name': r.name, 'account-id': self.id },
        }),
      );
    }
    if (unknown.length > 0) {
      // a Region whose status the answer did not carry might be an enabled opt-in Region
      results.push(
        ctx.error(
          self,
          { code: 'ParseError', operation: 'ec2:DescribeRegions', message: `DescribeRegions returned no OptInStatus for ${unknown.join(', ')}` },
          `whether ${unknown.join(', ')} are enabled opt-in Regions is unknown`,
        ),
      );
    }
    if (results.length === 0) {
      const approved = enabledOptIn.map((r) => r.name);
      results.push(
        ctx.pass(self, approved.length === 0 ? `no opt-in Region is enabled in account ${self.id}` : `the enabled opt-in Regions (${approved.join(', ')}) are all in allowedRegions`, {
          evidence: { enabledOptInRegions: approved },
        }),
      );
    }
    return results;
  },
});
