// shield-advanced: when the config requires DDoS protection (option `required`), Shield Advanced is ACTIVE and every
// internet-facing resource Rampart inventories is protected (controls.md 1.G): internet-facing application/network
// load balancers and enabled CloudFront distributions. Route 53 hosted zones, Elastic IPs, Global Accelerators and
// Classic Load Balancers are not collected yet; the account result names them as not judged.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck, requireData } from '../define.ts';
import { readInRegion } from '../helpers/regional.ts';

const NOT_JUDGED = ['Route 53 hosted zones', 'Elastic IPs', 'Global Accelerators', 'Classic Load Balancers'];

export default defineCheck({
  meta: {
    id: 'shield-advanced',
    title: 'Shield Advanced protects internet-facing resources (when DDoS tier required)',
    severity: 'low',
    scope: 'account',
    resourceType: 'AwsShieldProtection',
    rationale:
      'Where availability under attack is a requirement, Shield Advanced adds layer 3-7 DDoS detection and mitigation, the AWS Shield Response Team, and cost protection for scaling during an attack, but only for resources it is told to protect.',
    remediation: {
      text: 'Subscribe to Shield Advanced (a one-year commitment, done by a person) and create a protection for every internet-facing load balancer, CloudFront distribution, hosted zone, Elastic IP and accelerator; set the option required to false where the DDoS tier is not needed.',
      cli: 'aws shield create-protection --name <name> --resource-arn <resource-arn>',
    },
    references: ['https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-summary.html', 'https://docs.aws.amazon.com/waf/latest/developerguide/ddos-manage-protected-resources.html'],
    compliance: {
      prowler: [
        'shield_advanced_protection_in_internet_facing_load_balancers',
        'shield_advanced_protection_in_cloudfront_distributions',
        'shield_advanced_protection_in_route53_hosted_zones',
        'shield_advanced_protection_in_associated_elastic_ips',
        'shield_advanced_protection_in_global_accelerators',
        'shield_advanced_protection_in_classic_load_balancers',
      ],
      sources: ['001'],
    },
    fixable: false,
    reads: ['shield.subscriptionState', 'shield.protections', 'regional.*.edge.loadBalancers', 'cloudfront.distributions'],
  },
  /** required: whether this account needs the DDoS tier; off by default (Shield Advanced is a paid commitment). */
  defaultOptions: { required: false },
  evaluate(ctx) {
    const self = ctx.accountResource();
    // an account whose data could not be collected at all (e.g. its audit role could not be assumed) is unknown, even
    // where the config would not require the check
    if (!ctx.account.regions.ok) return [ctx.error(self, ctx.account.regions.error, "the account's data could not be collected")];
    if (!ctx.options.required) return [ctx.notApplicable(self, 'DDoS protection is not required by the config (option required is false)')];
    const state = requireData(ctx, ctx.account.shield.subscriptionState, self, 'the Shield Advanced subscription state');
    if (!state.ok) return [state.result];
    if (state.value !== 'ACTIVE') {
      return [ctx.fail(self, `DDoS protection is required but account ${self.id} has no active Shield Advanced subscription (state ${state.value})`, { evidence: { subscriptionState: state.value } })];
    }
    const protections = requireData(ctx, ctx.account.shield.protections, self, 'the Shield Advanced protections');
    if (!protections.ok) return [protections.result];
    const protectedArns = new Set((protections.value ?? []).map((p) => p.resourceArn));
    const results: CheckResult[] = [];
    const judge = (resource: ResourceRef & { arn: string }, what: string, region?: string) => {
      const extra = { ...(region === undefined ? {} : { region }), remediationValues: { 'resource-arn': resource.arn, name: resource.id } };
      results.push(protectedArns.has(resource.arn) ? ctx.pass(resource, `${what} is protected by Shield Advanced`, extra) : ctx.fail(resource, `${what} is internet-facing and has no Shield Advanced protection`, extra));
    };
    for (const [region, data] of ctx.regions()) {
      const lbs = readInRegion(ctx, data.edge.loadBalancers, 'load balancers', region);
      if (!lbs.ok) {
        results.push(lbs.result);
        continue;
      }
      for (const lb of lbs.value.filter((l) => l.scheme === 'internet-facing' && (l.type === 'application' || l.type === 'network'))) {
        judge({ type: 'AwsElbv2LoadBalancer', id: lb.name, arn: lb.arn }, `${lb.type} load balancer ${lb.name}`, region);
      }
    }
    const dists = ctx.account.cloudfront.distributions;
    if (!dists.ok) results.push(ctx.error(self, dists.error, 'could not list the CloudFront distributions'));
    else for (const d of dists.value.filter((x) => x.enabled)) judge({ type: 'AwsCloudFrontDistribution', id: d.id, arn: d.arn }, `CloudFront distribution ${d.id}`);
    results.push(
      ctx.pass(self, `Shield Advanced is active in account ${self.id} (${protectedArns.size} protection(s)); not judged, as Rampart does not collect them yet: ${NOT_JUDGED.join(', ')}`, {
        evidence: { subscriptionState: 'ACTIVE', protections: [...protectedArns], notJudged: NOT_JUDGED },
      }),
    );
    return results;
  },
});
