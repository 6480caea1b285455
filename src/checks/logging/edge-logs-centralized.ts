// edge-logs-centralized: WAF web ACLs log, and load balancers write access logs to the Log Archive (controls.md 1.D).
// Per web ACL (REGIONAL per Region, CLOUDFRONT from us-east-1): fail without a logging configuration. Per application
// or network load balancer: fail when access_logs.s3.enabled is not true; the catalog's warn when the log bucket is
// not the configured Log Archive bucket (option logArchiveBucket; unset = no bucket comparison). Gateway load
// balancers have no access logs and are not judged.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { WebAcl } from '../../services/wafv2/schema.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

function aclResource(a: WebAcl): ResourceRef {
  return { type: 'AwsWafv2WebAcl', id: a.name, arn: a.arn };
}

export default defineCheck({
  meta: {
    id: 'edge-logs-centralized',
    title: 'WAF and load-balancer logs enabled and sent to the Log Archive',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsElbv2LoadBalancer',
    rationale:
      'WAF and load-balancer logs are the record of who reached a public endpoint and what was blocked; without them an incident at the edge cannot be reconstructed, and logs kept in the workload account can be deleted by whoever compromised it.',
    remediation: {
      text: 'Turn on load-balancer access logs to the Log Archive bucket, and give every web ACL a logging configuration (an S3 bucket, Firehose stream or log group whose name starts with aws-waf-logs-).',
      cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log-archive-bucket> --region <region>',
      terraform: 'resource "aws_lb" "<name>" {\n  # ...\n  access_logs {\n    bucket  = "<log-archive-bucket>"\n    enabled = true\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
      'https://docs.aws.amazon.com/waf/latest/developerguide/logging.html',
    ],
    compliance: { prowler: ['wafv2_webacl_logging_enabled', 'elbv2_logging_enabled'], sources: ['001', '003'] },
    fixable: true,
    reads: ['regional.*.wafv2.webAcls', 'regional.*.edge.loadBalancers', 'wafv2Cloudfront.webAcls'],
  },
  /** logArchiveBucket: the bucket load-balancer logs should go to; null = not configured (no bucket comparison). */
  defaultOptions: { logArchiveBucket: null as string | null },
  optionProblems: (o) => (o.logArchiveBucket !== null && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.logArchiveBucket) ? [`logArchiveBucket: "${o.logArchiveBucket}" is not an S3 bucket name`] : []),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const archive = ctx.options.logArchiveBucket;
    const judgeAcl = (a: WebAcl, region?: string) => {
      const at = region === undefined ? {} : { region };
      if (!a.logging.ok) results.push(ctx.error(aclResource(a), a.logging.error, `could not read the logging configuration of web ACL ${a.name}`, at));
      else if (a.logging.value === null) {
        results.push(
          ctx.fail(aclResource(a), `web ACL ${a.name} (${a.scope}) has no logging configuration`, {
            ...at,
            remediation: {
              cli: `aws wafv2 put-logging-configuration --logging-configuration ResourceArn=${a.arn},LogDestinationConfigs=<aws-waf-logs-destination-arn>${region === undefined ? ' --region us-east-1' : ` --region ${region}`}`,
            },
          }),
        );
      } else results.push(ctx.pass(aclResource(a), `web ACL ${a.name} logs to ${a.logging.value.destinations.join(', ')}`, { ...at, evidence: { destinations: a.logging.value.destinations } }));
    };
    for (const [region, data] of ctx.regions()) {
      let judged = 0;
      const acls = readInRegion(ctx, data.wafv2.webAcls, 'WAF web ACLs', region);
      if (!acls.ok) results.push(acls.result);
      else
        for (const a of acls.value) {
          judged++;
          judgeAcl(a, region);
        }
      const lbs = readInRegion(ctx, data.edge.loadBalancers, 'load balancers', region);
      if (!lbs.ok) results.push(lbs.result);
      else {
        for (const lb of lbs.value.filter((l) => l.type === 'application' || l.type === 'network')) {
          judged++;
          const resource: ResourceRef = { type: 'AwsElbv2LoadBalancer', id: lb.name, arn: lb.arn };
          const values = { remediationValues: { 'load-balancer-arn': lb.arn, ...(archive === null ? {} : { 'log-archive-bucket': archive }) } };
          if (!lb.accessLogs.ok) {
            results.push(ctx.error(resource, lb.accessLogs.error, `could not read the access-log attributes of load balancer ${lb.name}`, { region }));
            continue;
          }
          const logs = lb.accessLogs.value;
          const evidence = { type: lb.type, scheme: lb.scheme, accessLogs: logs, logArchiveBucket: archive };
          if (!logs.enabled) results.push(ctx.fail(resource, `${lb.type} load balancer ${lb.name} does not write access logs`, { region, evidence, ...values }));
          else if (archive !== null && logs.bucket !== archive)
            results.push(ctx.warn(resource, `${lb.type} load balancer ${lb.name} writes access logs to ${logs.bucket ?? 'an unnamed bucket'}, not the Log Archive bucket ${archive}`, { region, evidence, ...values }));
          else results.push(ctx.pass(resource, `${lb.type} load balancer ${lb.name} writes access logs to ${logs.bucket ?? 'an unnamed bucket'}`, { region, evidence }));
        }
      }
      if (judged === 0 && acls.ok && lbs.ok) results.push(ctx.notApplicable(regionResource(region), `no web ACL or load balancer in ${region}`, { region }));
    }
    const global = ctx.account.wafv2Cloudfront.webAcls;
    if (!global.ok) results.push(ctx.error(ctx.accountResource(), global.error, 'could not list the CLOUDFRONT-scope web ACLs (us-east-1)'));
    else for (const a of global.value) judgeAcl(a);
    return results;
  },
});
