// config-rule-restricted-ssh: an AWS Config managed rule flags SSH open to the world in every scanned Region
// (controls.md 1.D); whether a remediation is attached is reported alongside, it does not change the verdict.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

/** Managed rules that flag SSH (port 22) open to 0.0.0.0/0: restricted-ssh and its broader cousins. */
const SSH_RULES = ['INCOMING_SSH_DISABLED', 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'RESTRICTED_INCOMING_TRAFFIC'];
const GONE = new Set(['DELETING', 'DELETING_RESULTS']);

export default defineCheck({
  meta: {
    id: 'config-rule-restricted-ssh',
    title: 'Config rule flags (and optionally remediates) SSH open to the world',
    severity: 'low',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'A Config rule re-evaluates every security group change as it happens, so an SSH port opened to the internet between two scans is flagged (and, with a remediation, closed) within minutes.',
    remediation: {
      text: 'Deploy the AWS managed rule restricted-ssh (identifier INCOMING_SSH_DISABLED) in the Region, ideally organization-wide from the Config delegated administrator; optionally attach an SSM remediation that revokes the offending rule. The recorder must record security groups.',
      cli: 'aws configservice put-config-rule --config-rule \'{"ConfigRuleName":"restricted-ssh","Source":{"Owner":"AWS","SourceIdentifier":"INCOMING_SSH_DISABLED"},"Scope":{"ComplianceResourceTypes":["AWS::EC2::SecurityGroup"]}}\' --region <region>',
      terraform:
        'resource "aws_config_config_rule" "restricted_ssh" {\n  name = "restricted-ssh"\n  source {\n    owner             = "AWS"\n    source_identifier = "INCOMING_SSH_DISABLED"\n  }\n  scope {\n    compliance_resource_types = ["AWS::EC2::SecurityGroup"]\n  }\n}',
    },
    references: ['https://docs.aws.amazon.com/config/latest/developerguide/restricted-ssh.html', 'https://docs.aws.amazon.com/config/latest/developerguide/remediation.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['000', '003'] },
    fixable: true,
    reads: ['regional.*.config.rules', 'regional.*.config.remediations'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const rules = readInRegion(ctx, data.config.rules, 'AWS Config rules', region);
      if (!rules.ok) {
        results.push(rules.result);
        continue;
      }
      const matching = rules.value.filter((r) => r.owner === 'AWS' && r.sourceIdentifier !== null && SSH_RULES.includes(r.sourceIdentifier) && !(r.state !== null && GONE.has(r.state)));
      if (matching.length === 0) {
        results.push(
          ctx.fail(resource, `no AWS Config rule in ${region} flags SSH open to the world (looked for managed rules ${SSH_RULES.join(', ')} among ${rules.value.length} rule(s))`, {
            region,
            evidence: { rules: rules.value.length },
          }),
        );
        continue;
      }
      const remediations = data.config.remediations;
      const remediated = remediations.ok ? matching.filter((r) => remediations.value.some((m) => m.configRuleName === r.name)) : [];
      const info = !remediations.ok
        ? `; whether a remediation is attached is unknown (${remediations.error.code} on ${remediations.error.operation})`
        : remediated.length > 0
          ? `, remediated by ${remediations.value.filter((m) => remediated.some((r) => r.name === m.configRuleName)).map((m) => `${m.targetId ?? 'an SSM document'}${m.automatic ? ' (automatic)' : ' (manual)'}`).join(', ')}`
          : ', with no remediation attached (findings need a human)';
      results.push(
        ctx.pass(resource, `AWS Config rule ${matching.map((r) => `${r.name} (${r.sourceIdentifier})`).join(', ')} flags SSH open to the world in ${region}${info}`, {
          region,
          evidence: { rules: matching.map((r) => ({ name: r.name, sourceIdentifier: r.sourceIdentifier, state: r.state })), remediated: remediated.map((r) => r.name) },
        }),
      );
    }
    return results;
  },
});
