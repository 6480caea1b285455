// lambda-env-secrets: no Lambda function keeps a secret in its environment variables (controls.md 1.F).
// One result per function; the collector ran the detector and kept variable names and rule ids only.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { DETECTOR_RULES, describeSecretMatches, secretEvidence } from '../helpers/secrets.ts';

export default defineCheck({
  meta: {
    id: 'lambda-env-secrets',
    title: 'No secrets in Lambda environment variables',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsLambdaFunction',
    rationale:
      'Environment variables are shown to anyone who may read the function configuration (lambda:GetFunctionConfiguration, the console, infrastructure state files), so a key or password there leaks far beyond the code that needs it and never rotates.',
    remediation: {
      text: `Move the value into AWS Secrets Manager (or an SSM SecureString parameter), give the function's role read access to that one secret, and read it at run time (the AWS Parameters and Secrets Lambda Extension caches it); keep only the secret's ARN or name in the environment. Then rotate the exposed credential, since it has already been visible. Detectors: ${DETECTOR_RULES}.`,
      cli: '# see the variable names the finding lists, then replace them, e.g.\naws secretsmanager create-secret --name <function-name>/<variable> --secret-string file://value.txt --region <region>\naws lambda update-function-configuration --function-name <function-name> --environment \'Variables={<variable>_SECRET_ARN=<secret-arn>}\' --region <region>',
      terraform:
        'resource "aws_secretsmanager_secret" "this" {\n  name = "<function-name>/<variable>"\n}\n\nresource "aws_lambda_function" "this" {\n  # ...\n  environment {\n    variables = {\n      SECRET_ARN = aws_secretsmanager_secret.this.arn\n    }\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
    ],
    compliance: { prowler: ['awslambda_function_no_secrets_in_variables'], sources: ['003'] },
    fixable: false,
    reads: ['regional.*.lambda.functions'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const fns = readInRegion(ctx, data.lambda.functions, 'the Lambda function list', region);
      if (!fns.ok) {
        results.push(fns.result);
        continue;
      }
      if (fns.value.length === 0) {
        results.push(noneInRegion(ctx, region, 'Lambda functions'));
        continue;
      }
      for (const f of fns.value) {
        const resource: ResourceRef = { type: 'AwsLambdaFunction', id: f.functionName, arn: f.functionArn };
        if (!f.environmentSecrets.ok) {
          results.push(ctx.error(resource, f.environmentSecrets.error, `could not read the environment of Lambda function ${f.functionName}`, { region }));
          continue;
        }
        const matches = f.environmentSecrets.value;
        if (matches.length === 0) {
          const what = f.environmentVariableCount === 0 ? 'has no environment variables' : `has ${f.environmentVariableCount} environment variable(s), none holding a detectable secret`;
          results.push(ctx.pass(resource, `Lambda function ${f.functionName} ${what}`, { region }));
          continue;
        }
        const names = matches.map((m) => m.name ?? m.location);
        results.push(
          ctx.fail(resource, `Lambda function ${f.functionName} holds what looks like a secret in its environment: ${describeSecretMatches(matches)}`, {
            region,
            evidence: secretEvidence(matches),
            remediationValues: { 'function-name': f.functionName, variable: names[0] ?? 'VARIABLE' },
          }),
        );
      }
    }
    return results;
  },
});
