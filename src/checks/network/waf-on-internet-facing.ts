// waf-on-internet-facing: every internet-facing web endpoint is behind AWS WAF (controls.md 1.G): internet-facing
// application load balancers (protected when a REGIONAL web ACL lists them), CloudFront distributions (WebACLId) and
// REST API stages that are not PRIVATE (the stage's webAclArn). HTTP APIs cannot take a web ACL and are not judged.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'waf-on-internet-facing',
    title: 'Internet-facing web endpoints are behind AWS WAF',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsElbv2LoadBalancer',
    rationale:
      'A web ACL in front of a public endpoint blocks the common exploit traffic (injection, known bad inputs, bots, floods by rate rules) before it reaches the application, and gives a place to react quickly during an incident.',
    remediation: {
      text: 'Create a web ACL with the AWS managed rule groups (core rule set, known bad inputs, IP reputation) and associate it with the load balancer or API stage; for CloudFront use a CLOUDFRONT-scope web ACL set on the distribution.',
      cli: 'aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn <resource-arn> --region <region>',
      terraform: 'resource "aws_wafv2_web_acl_association" "<name>" {\n  resource_arn = "<resource-arn>"\n  web_acl_arn  = aws_wafv2_web_acl.<acl>.arn\n}',
    },
    references: ['https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html', 'https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html'],
    compliance: { prowler: ['elbv2_waf_acl_attached', 'cloudfront_distributions_using_waf', 'apigateway_restapi_waf_acl_attached'], sources: ['003', '001'] },
    fixable: true,
    reads: ['regional.*.edge.loadBalancers', 'regional.*.edge.restApis', 'regional.*.wafv2.webAcls', 'cloudfront.distributions'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      let judged = 0;
      const lbs = readInRegion(ctx, data.edge.loadBalancers, 'load balancers', region);
      if (!lbs.ok) results.push(lbs.result);
      else {
        const albs = lbs.value.filter((lb) => lb.type === 'application' && lb.scheme === 'internet-facing');
        if (albs.length > 0) {
          const acls = data.wafv2.webAcls;
          for (const lb of albs) {
            judged++;
            const resource: ResourceRef = { type: 'AwsElbv2LoadBalancer', id: lb.name, arn: lb.arn };
            if (!acls.ok) {
              results.push(ctx.error(resource, acls.error, `could not list the web ACLs of ${region}, so whether ${lb.name} is protected is unknown`, { region }));
              continue;
            }
            const protecting = acls.value.filter((a) => a.loadBalancerArns.ok && a.loadBalancerArns.value?.includes(lb.arn));
            const unknown = acls.value.find((a) => !a.loadBalancerArns.ok);
            if (protecting.length > 0) {
              results.push(ctx.pass(resource, `internet-facing load balancer ${lb.name} is protected by web ACL ${protecting.map((a) => a.name).join(', ')}`, { region, evidence: { webAcls: protecting.map((a) => a.arn) } }));
            } else if (unknown !== undefined && !unknown.loadBalancerArns.ok) {
              results.push(ctx.error(resource, unknown.loadBalancerArns.error, `the resources of web ACL ${unknown.name} could not be read, so whether it protects ${lb.name} is unknown`, { region }));
            } else {
              results.push(
                ctx.fail(resource, `internet-facing application load balancer ${lb.name} has no WAF web ACL`, { region, evidence: { webAclsInRegion: acls.value.map((a) => a.name) }, remediationValues: { 'resource-arn': lb.arn } }),
              );
            }
          }
        }
      }
      const apis = readInRegion(ctx, data.edge.restApis, 'API Gateway REST APIs', region);
      if (!apis.ok) results.push(apis.result);
      else {
        for (const api of apis.value.filter((a) => !a.endpointTypes.includes('PRIVATE'))) {
          if (!api.stages.ok) {
            judged++;
            results.push(ctx.error({ type: 'AwsApiGatewayRestApi', id: api.id }, api.stages.error, `could not read the stages of REST API ${api.name} (${api.id})`, { region }));
            continue;
          }
          for (const stage of api.stages.value) {
            judged++;
            const stageArn = `arn:aws:apigateway:${region}::/restapis/${api.id}/stages/${stage.stageName}`;
            const resource: ResourceRef = { type: 'AwsApiGatewayStage', id: `${api.id}/${stage.stageName}`, arn: stageArn };
            if (stage.webAclArn !== null) results.push(ctx.pass(resource, `REST API ${api.name} stage ${stage.stageName} is protected by ${stage.webAclArn}`, { region }));
            else
              results.push(
                ctx.fail(resource, `REST API ${api.name} (${api.id}, ${api.endpointTypes.join('/') || 'no endpoint type'}) stage ${stage.stageName} has no WAF web ACL`, {
                  region,
                  evidence: { restApiId: api.id, stageName: stage.stageName, endpointTypes: api.endpointTypes },
                  remediationValues: { 'resource-arn': stageArn },
                }),
              );
          }
        }
      }
      if (judged === 0 && lbs.ok && apis.ok) results.push(noneInRegion(ctx, region, 'internet-facing application load balancers or public REST API stages'));
    }
    const dists = ctx.account.cloudfront.distributions;
    if (!dists.ok) results.push(ctx.error(ctx.accountResource(), dists.error, 'could not list the CloudFront distributions'));
    else {
      for (const d of dists.value) {
        const resource: ResourceRef = { type: 'AwsCloudFrontDistribution', id: d.id, arn: d.arn };
        if (!d.enabled) results.push(ctx.notApplicable(resource, `CloudFront distribution ${d.id} is disabled and serves nothing`));
        else if (d.webAclId !== null) results.push(ctx.pass(resource, `CloudFront distribution ${d.id} (${d.domainName}) uses web ACL ${d.webAclId}`));
        else
          results.push(
            ctx.fail(resource, `CloudFront distribution ${d.id} (${d.domainName}) has no WAF web ACL`, {
              evidence: { domainName: d.domainName },
              remediation: { cli: `aws cloudfront get-distribution-config --id ${d.id}  # set WebACLId to a CLOUDFRONT-scope web ACL ARN, then aws cloudfront update-distribution --id ${d.id} --if-match <etag> --distribution-config file://config.json` },
            }),
          );
      }
    }
    return results;
  },
});
