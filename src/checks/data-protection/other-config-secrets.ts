// other-config-secrets: no secret in CloudFormation stack parameters/outputs or in the environment of an ECS task
// definition's latest ACTIVE revision (controls.md 1.F). ECS `secrets` (valueFrom) entries are references and pass.
// One result per stack and per task definition family; a Region with neither gets one not_applicable.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { DETECTOR_RULES, describeSecretMatches, secretEvidence } from '../helpers/secrets.ts';

const STACK_CLI =
  '# declare the parameter NoEcho, or better resolve it from Secrets Manager in the template: {{resolve:secretsmanager:<secret-id>:SecretString:<key>}}\naws cloudformation update-stack --stack-name <stack-name> --use-previous-template --parameters ParameterKey=<parameter>,ParameterValue=<new-value-or-reference> --region <region>';
const ECS_CLI =
  '# move the variable from "environment" to "secrets" (valueFrom a Secrets Manager or SSM ARN), then register a new revision\naws ecs register-task-definition --cli-input-json file://task-definition-with-secrets.json --region <region>\naws ecs deregister-task-definition --task-definition <task-definition> --region <region>';

export default defineCheck({
  meta: {
    id: 'other-config-secrets',
    title: 'No secrets in CloudFormation outputs/parameters or ECS task-definition environments',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsCloudFormationStack',
    rationale:
      'Stack parameters (unless NoEcho) and outputs are shown to anyone allowed cloudformation:DescribeStacks, and task-definition environments to anyone allowed ecs:DescribeTaskDefinition; a secret in them leaks to every reader and into every tool that inventories the account.',
    remediation: {
      text: `Resolve secrets at deploy or run time instead of passing them as values: in CloudFormation use dynamic references ({{resolve:secretsmanager:...}} or {{resolve:ssm-secure:...}}) or at least NoEcho parameters, and never export a secret as an output; in ECS move the variable to the container's "secrets" list (valueFrom a Secrets Manager or SSM Parameter Store ARN). Then rotate the exposed credential. Detectors: ${DETECTOR_RULES}.`,
      cli: `${STACK_CLI}\n${ECS_CLI}`,
      terraform:
        'resource "aws_ecs_task_definition" "this" {\n  # ...\n  container_definitions = jsonencode([{\n    name    = "app"\n    secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]\n  }])\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data-secrets.html',
    ],
    compliance: { prowler: ['cloudformation_stack_outputs_find_secrets', 'ecs_task_definitions_no_environment_secrets'], sources: ['003'] },
    fixable: false,
    reads: ['regional.*.cloudformation.stacks', 'regional.*.ecs.taskDefinitions'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const stacks = readInRegion(ctx, data.cloudformation.stacks, 'CloudFormation stacks', region);
      const tasks = readInRegion(ctx, data.ecs.taskDefinitions, 'ECS task definitions', region);
      if (!stacks.ok) results.push(stacks.result);
      if (!tasks.ok && (stacks.ok || stacks.result.status !== 'not_applicable' || tasks.result.status !== 'not_applicable')) results.push(tasks.result);
      if (stacks.ok && tasks.ok && stacks.value.length === 0 && tasks.value.length === 0) {
        results.push(noneInRegion(ctx, region, 'CloudFormation stacks or ECS task definitions'));
        continue;
      }
      for (const s of stacks.ok ? stacks.value : []) {
        const resource: ResourceRef = { type: 'AwsCloudFormationStack', id: s.stackName, arn: s.stackId };
        if (s.secrets.length === 0) {
          results.push(ctx.pass(resource, `stack ${s.stackName} has no detectable secret in its parameters or outputs`, { region }));
          continue;
        }
        results.push(
          ctx.fail(resource, `stack ${s.stackName} holds what looks like a secret: ${describeSecretMatches(s.secrets)}`, {
            region,
            evidence: secretEvidence(s.secrets),
            remediation: { cli: STACK_CLI },
            remediationValues: { 'stack-name': s.stackName, parameter: s.secrets[0]?.name ?? 'Parameter' },
          }),
        );
      }
      for (const t of tasks.ok ? tasks.value : []) {
        const id = `${t.family}:${t.revision}`;
        const resource: ResourceRef = { type: 'AwsEcsTaskDefinition', id, arn: t.taskDefinitionArn };
        if (!t.environmentSecrets.ok) {
          results.push(ctx.error(resource, t.environmentSecrets.error, `could not read task definition ${id}`, { region }));
          continue;
        }
        if (t.environmentSecrets.value.length === 0) {
          results.push(ctx.pass(resource, `task definition ${id} has no detectable secret in its container environments`, { region }));
          continue;
        }
        results.push(
          ctx.fail(resource, `task definition ${id} holds what looks like a secret: ${describeSecretMatches(t.environmentSecrets.value)}`, {
            region,
            evidence: secretEvidence(t.environmentSecrets.value),
            remediation: { cli: ECS_CLI },
            remediationValues: { 'task-definition': id },
          }),
        );
      }
    }
    return results;
  },
});
