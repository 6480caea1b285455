// lambda-env-secrets: no Lambda function keeps a secret in its environment variables (controls.md 1.F), in $LATEST
// or in any published version (versions are immutable: a secret removed from $LATEST stays in those published
// before). One result per function, naming the versions; the collector ran the detector and kept names and rule ids only.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { LambdaFunction } from '../../services/lambda/schema.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { DETECTOR_RULES, describeSecretMatches, secretEvidence } from '../helpers/secrets.ts';

const LATEST_CLI =
  '# see the variable names the finding lists, then replace them, e.g.\naws secretsmanager create-secret --name <function-name>/<variable> --secret-string file://value.txt --region <region>\naws lambda update-function-configuration --function-name <function-name> --environment \'Variables={<variable>_SECRET_ARN=<secret-arn>}\' --region <region>';
const VERSION_CLI =
  '# published versions are immutable: point aliases at a clean version, then delete the versions holding the secret\naws lambda update-alias --function-name <function-name> --name <alias> --function-version <clean-version> --region <region>\naws lambda delete-function --function-name <function-name> --qualifier <version> --region <region>';

function judgeFunction<O>(ctx: CheckContext<O>, f: LambdaFunction, region: string): CheckResult {
  const resource: ResourceRef = { type: 'AwsLambdaFunction', id: f.functionName, arn: f.functionArn };
  const latest = f.environmentSecrets.ok ? f.environmentSecrets.value : [];
  // what could not be read, so a clean result is never a pass
  const unread: Array<{ what: string; error: CollectError }> = [];
  if (!f.environmentSecrets.ok) unread.push({ what: `the environment of Lambda function ${f.functionName}`, error: f.environmentSecrets.error });
  const leakyVersions: Array<{ version: string; versionArn: string; matches: SecretMatch[] }> = [];
  if (!f.publishedVersions.ok) {
    unread.push({ what: `the published versions of Lambda function ${f.functionName}`, error: f.publishedVersions.error });
  } else {
    for (const v of f.publishedVersions.value) {
      if (!v.environmentSecrets.ok) unread.push({ what: `the environment of version ${v.version} of Lambda function ${f.functionName}`, error: v.environmentSecrets.error });
      else if (v.environmentSecrets.value.length > 0) leakyVersions.push({ version: v.version, versionArn: v.versionArn, matches: v.environmentSecrets.value });
    }
  }

  if (latest.length === 0 && leakyVersions.length === 0) {
    const [first] = unread;
    if (first !== undefined) return ctx.error(resource, first.error, `could not read ${unread.map((u) => u.what).join('; ')}`, { region });
    const what = f.environmentVariableCount === 0 ? 'has no environment variables' : `has ${f.environmentVariableCount} environment variable(s), none holding a detectable secret`;
    const versions = f.publishedVersions.ok && f.publishedVersions.value.length > 0 ? `, nor do its ${f.publishedVersions.value.length} published version(s)` : '';
    return ctx.pass(resource, `Lambda function ${f.functionName} ${what}${versions}`, { region });
  }

  // a secret seen is a failure even when another part could not be read (the note says so)
  const parts: string[] = [];
  if (latest.length > 0) parts.push(`in its environment: ${describeSecretMatches(latest)}`);
  for (const v of leakyVersions) parts.push(`in published version ${v.version}: ${describeSecretMatches(v.matches)}`);
  const unreadNote = unread.length > 0 ? ` (${unread.map((u) => u.what).join('; ')} could not be read)` : '';
  const firstMatch = latest[0] ?? leakyVersions[0]?.matches[0];
  const evidence: Record<string, unknown> = secretEvidence(latest);
  if (leakyVersions.length > 0) evidence.versions = leakyVersions.map((v) => ({ version: v.version, versionArn: v.versionArn, ...secretEvidence(v.matches) }));
  // $LATEST is fixed in place; published versions are replaced and deleted
  const cli = leakyVersions.length === 0 ? undefined : latest.length === 0 ? VERSION_CLI : `${LATEST_CLI}\n${VERSION_CLI}`;
  return ctx.fail(resource, `Lambda function ${f.functionName} holds what looks like a secret ${parts.join('; and ')}${unreadNote}`, {
    region,
    evidence,
    ...(cli === undefined ? {} : { remediation: { cli } }),
    remediationValues: {
      'function-name': f.functionName,
      variable: firstMatch?.name ?? firstMatch?.location ?? 'VARIABLE',
      ...(leakyVersions[0] ? { version: leakyVersions[0].version } : {}),
    },
  });
}

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
      text: `Move the value into AWS Secrets Manager (or an SSM SecureString parameter), give the function's role read access to that one secret, and read it at run time (the AWS Parameters and Secrets Lambda Extension caches it); keep only the secret's ARN or name in the environment. Published versions cannot be changed: publish a clean version, move the aliases to it and delete the versions that hold the secret. Then rotate the exposed credential, since it has already been visible. Detectors: ${DETECTOR_RULES}.`,
      cli: LATEST_CLI,
      terraform:
        'resource "aws_secretsmanager_secret" "this" {\n  name = "<function-name>/<variable>"\n}\n\nresource "aws_lambda_function" "this" {\n  # ...\n  environment {\n    variables = {\n      SECRET_ARN = aws_secretsmanager_secret.this.arn\n    }\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html',
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
      for (const f of fns.value) results.push(judgeFunction(ctx, f, region));
    }
    return results;
  },
});
