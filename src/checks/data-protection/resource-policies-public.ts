// resource-policies-public: no resource policy opens a resource to everyone (controls.md 1.F): Lambda functions (their
// policy and function URLs), SQS queues, SNS topics, Secrets Manager secrets, customer-managed KMS keys, ECR
// repositories, Backup vaults, Glacier vaults and CloudWatch Logs resource policies. "Open to everyone" is decided by
// src/policy's analyzeResourcePolicy, the same reasoning as S3 bucket policies (Access Analyzer's meaning of public).
import { partitionWithRegion } from '../../aws/regions.ts';
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { mapCollected, ok, type Collected, type CollectError } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { analyzeResourcePolicy, conditionEntries, parsePolicy, PolicyParseError, type PolicyDocument, type PolicyStatement, type PublicAnalysis } from '../../policy/index.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { noneInRegion, readInRegion, regionResource } from '../helpers/regional.ts';

export interface ResourcePoliciesPublicOptions {
  /**
   * Lambda functions (names or ARNs) whose function URL is public on purpose: their AuthType NONE URLs, and the
   * policy statements that only let anyone invoke them through the URL, pass.
   */
  allowedPublicFunctionUrls: string[];
}

interface FunctionUrl {
  functionUrl: string;
  authType: string;
}

/** One resource with a resource policy, whatever its service. */
interface Subject {
  resource: ResourceRef;
  /** "SQS queue orders", for messages. */
  label: string;
  /** IAM service prefix of the resource: wildcard actions and NotAction are read within it. */
  service: string;
  /** The call that read the policy, named when the document does not parse. */
  operation: string;
  /** The policy document as collected; null or undefined when the resource has none. */
  policy: Collected<unknown>;
  /** How to replace the policy (CLI with placeholders, and their values). */
  fix: { cli: string; values: Record<string, string> };
  /** Lambda functions only: the function's name and URL configurations. */
  lambda?: { name: string; urls: Collected<FunctionUrl[]> };
}

interface Kind {
  /** What the Region-level list is, for the error when it could not be read. */
  what: string;
  subjects(data: RegionalSnapshot, region: string): Collected<Subject[]>;
}

const lastSegment = (arn: string, sep: string): string => arn.slice(arn.lastIndexOf(sep) + 1);

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → the queue ARN (when GetQueueAttributes, which returns it, failed). */
function queueArn(url: string, name: string, region: string): string {
  const account = url.split('/').at(-2) ?? '';
  return `arn:${partitionWithRegion(region) ?? 'aws'}:sqs:${region}:${account}:${name}`;
}

const KINDS: Kind[] = [
  {
    what: 'the Lambda function list',
    subjects: (data) =>
      mapCollected(data.lambda.functions, (fns) =>
        fns.map((f) => ({
          resource: { type: 'AwsLambdaFunction', id: f.functionArn, arn: f.functionArn },
          label: `Lambda function ${f.functionName}`,
          service: 'lambda',
          operation: 'lambda:GetPolicy',
          policy: f.policy,
          fix: { cli: 'aws lambda remove-permission --function-name <name> --statement-id <statement-id> --region <region>', values: { name: f.functionName } },
          lambda: { name: f.functionName, urls: f.urlConfigs },
        })),
      ),
  },
  {
    what: 'the SQS queue list',
    subjects: (data, region) =>
      mapCollected(data.sqs.queues, (queues) =>
        queues.map((q) => {
          const arn = q.attributes.ok ? q.attributes.value.arn : queueArn(q.url, q.name, region);
          return {
            resource: { type: 'AwsSqsQueue', id: arn, arn },
            label: `SQS queue ${q.name}`,
            service: 'sqs',
            operation: 'sqs:GetQueueAttributes',
            policy: mapCollected(q.attributes, (a) => a.policy),
            fix: { cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://attributes.json --region <region>', values: { 'queue-url': q.url } },
          };
        }),
      ),
  },
  {
    what: 'the SNS topic list',
    subjects: (data) =>
      mapCollected(data.sns.topics, (topics) =>
        topics.map((t) => ({
          resource: { type: 'AwsSnsTopic', id: t.topicArn, arn: t.topicArn },
          label: `SNS topic ${lastSegment(t.topicArn, ':')}`,
          service: 'sns',
          operation: 'sns:GetTopicAttributes',
          policy: mapCollected(t.attributes, (a) => a.policy),
          fix: { cli: 'aws sns set-topic-attributes --topic-arn <name> --attribute-name Policy --attribute-value file://policy.json --region <region>', values: { name: t.topicArn } },
        })),
      ),
  },
  {
    what: 'the Secrets Manager secret list',
    subjects: (data) =>
      mapCollected(data.secretsManager.secrets, (secrets) =>
        secrets.map((s) => ({
          resource: { type: 'AwsSecretsManagerSecret', id: s.arn, arn: s.arn },
          label: `secret ${s.name}`,
          service: 'secretsmanager',
          operation: 'secretsmanager:GetResourcePolicy',
          policy: s.resourcePolicy,
          // --block-public-policy makes Secrets Manager refuse a policy that would still be public
          fix: { cli: 'aws secretsmanager put-resource-policy --secret-id <name> --resource-policy file://policy.json --block-public-policy --region <region>', values: { name: s.arn } },
        })),
      ),
  },
  {
    what: 'the KMS key list',
    subjects: (data) =>
      mapCollected(data.kms.keys, (keys) =>
        // AWS managed keys carry AWS's own key policy, which the collector does not read (and nobody can change)
        keys
          .filter((k) => !k.metadata.ok || k.metadata.value.keyManager === 'CUSTOMER')
          .map((k) => ({
            resource: { type: 'AwsKmsKey', id: k.arn, arn: k.arn },
            label: `KMS key ${k.keyId}`,
            service: 'kms',
            operation: 'kms:GetKeyPolicy',
            policy: k.policy,
            fix: { cli: 'aws kms put-key-policy --key-id <name> --policy-name default --policy file://policy.json --region <region>', values: { name: k.keyId } },
          })),
      ),
  },
  {
    what: 'the ECR repository list',
    subjects: (data) =>
      mapCollected(data.ecr.repositories, (repos) =>
        repos.map((r) => ({
          resource: { type: 'AwsEcrRepository', id: r.arn, arn: r.arn },
          label: `ECR repository ${r.name}`,
          service: 'ecr',
          operation: 'ecr:GetRepositoryPolicy',
          policy: r.policy,
          fix: { cli: 'aws ecr set-repository-policy --repository-name <name> --policy-text file://policy.json --region <region>', values: { name: r.name } },
        })),
      ),
  },
  {
    what: 'the Backup vault list',
    subjects: (data) =>
      mapCollected(data.backup.vaults, (vaults) =>
        vaults.map((v) => ({
          resource: { type: 'AwsBackupBackupVault', id: v.backupVaultArn, arn: v.backupVaultArn },
          label: `Backup vault ${v.backupVaultName}`,
          service: 'backup',
          operation: 'backup:GetBackupVaultAccessPolicy',
          policy: v.accessPolicy,
          fix: { cli: 'aws backup put-backup-vault-access-policy --backup-vault-name <name> --policy file://policy.json --region <region>', values: { name: v.backupVaultName } },
        })),
      ),
  },
  {
    what: 'the Glacier vault list',
    subjects: (data) =>
      mapCollected(data.glacier.vaults, (vaults) =>
        vaults.map((v) => ({
          resource: { type: 'AwsGlacierVault', id: v.vaultArn, arn: v.vaultArn },
          label: `Glacier vault ${v.vaultName}`,
          service: 'glacier',
          operation: 'glacier:GetVaultAccessPolicy',
          policy: v.accessPolicy,
          // vault-policy.json: {"Policy": "<the policy document as one JSON string>"}
          fix: { cli: 'aws glacier set-vault-access-policy --account-id - --vault-name <name> --policy file://vault-policy.json --region <region>', values: { name: v.vaultName } },
        })),
      ),
  },
  {
    what: 'the CloudWatch Logs resource policies',
    subjects: (data) =>
      mapCollected(data.cloudwatchLogs.resourcePolicies, (policies) =>
        policies.map((p) => ({
          // an account-level Logs resource policy has no ARN: its name identifies it in the Region
          resource: p.resourceArn === null ? { type: 'AwsLogsResourcePolicy', id: p.policyName } : { type: 'AwsLogsResourcePolicy', id: p.resourceArn, arn: p.resourceArn },
          label: `CloudWatch Logs resource policy ${p.policyName}`,
          service: 'logs',
          operation: 'logs:DescribeResourcePolicies',
          policy: ok(p.document),
          fix: { cli: 'aws logs put-resource-policy --policy-name <name> --policy-document file://policy.json --region <region>', values: { name: p.policyName } },
        })),
      ),
  },
];

type PolicyVerdict = { kind: 'none' } | { kind: 'unreadable'; error: CollectError } | { kind: 'read'; doc: PolicyDocument; analysis: PublicAnalysis };

function judgePolicy(s: Subject, region: string): PolicyVerdict {
  if (!s.policy.ok) return { kind: 'unreadable', error: s.policy.error };
  if (s.policy.value === null || s.policy.value === undefined) return { kind: 'none' };
  try {
    const doc = parsePolicy(s.policy.value);
    return { kind: 'read', doc, analysis: analyzeResourcePolicy(doc, { service: s.service }) };
  } catch (e) {
    if (!(e instanceof PolicyParseError)) throw e;
    // an unreadable policy may grant anything: no verdict
    return { kind: 'unreadable', error: { code: 'ParseError', operation: s.operation, message: `the resource policy of ${s.label} could not be parsed: ${e.message}`, region } };
  }
}

type PublicStatement = PublicAnalysis['statements'][number];

function statementLabel(s: PublicStatement): string {
  return s.sid === undefined || s.sid === '' ? `statement #${s.index}` : `statement #${s.index} (Sid "${s.sid}")`;
}

function describeStatement(s: PublicStatement): string {
  return `${statementLabel(s)} allows ${s.actions.join(', ')} to ${s.reason}, with no condition that pins the caller to fixed accounts, organizations, sources or endpoints`;
}

/**
 * Whether a public statement only serves a public function URL: it grants lambda:InvokeFunctionUrl, or
 * lambda:InvokeFunction limited to calls through a function URL (`Bool lambda:InvokedViaFunctionUrl true`, which
 * AWS adds for URLs with AuthType NONE). Anything else in it is open to everyone even when the URL is meant to be.
 */
function onlyServesFunctionUrl(st: PolicyStatement | undefined, actions: string[]): boolean {
  if (st === undefined) return false;
  const viaUrl = conditionEntries(st).some(
    (e) => e.key.toLowerCase() === 'lambda:invokedviafunctionurl' && e.base === 'bool' && !e.ifExists && e.set === undefined && e.values.length > 0 && e.values.every((v) => v.toLowerCase() === 'true'),
  );
  return actions.every((a) => a.toLowerCase() === 'lambda:invokefunctionurl' || (viaUrl && a.toLowerCase() === 'lambda:invokefunction'));
}

function judge(ctx: CheckContext<ResourcePoliciesPublicOptions>, s: Subject, region: string): CheckResult {
  const verdict = judgePolicy(s, region);
  const allowListed = s.lambda !== undefined && ctx.options.allowedPublicFunctionUrls.some((a) => a === s.lambda?.name || a === s.resource.arn);
  const urls = s.lambda?.urls;
  const openUrls = urls?.ok ? urls.value.filter((u) => u.authType.toUpperCase() === 'NONE') : [];

  let statements = verdict.kind === 'read' ? verdict.analysis.statements : [];
  let accepted: PublicStatement[] = [];
  if (allowListed && openUrls.length > 0 && verdict.kind === 'read') {
    accepted = statements.filter((st) => onlyServesFunctionUrl(verdict.doc.statements[st.index], st.actions));
    statements = statements.filter((st) => !accepted.includes(st));
  }
  const problems = statements.map(describeStatement);
  if (!allowListed) {
    for (const u of openUrls) problems.push(`function URL ${u.functionUrl} has AuthType NONE: anyone on the internet can invoke the function without signing the request`);
  }
  const unreadable: Array<{ error: CollectError; what: string }> = [];
  if (verdict.kind === 'unreadable') unreadable.push({ error: verdict.error, what: `the resource policy of ${s.label}` });
  if (urls !== undefined && !urls.ok) unreadable.push({ error: urls.error, what: `the function URL configuration of ${s.label}` });

  const evidence: Record<string, unknown> = {
    policy: verdict.kind === 'none' ? 'none' : verdict.kind === 'unreadable' ? 'unreadable' : 'read',
    publicStatements: statements,
    ...(verdict.kind === 'read' && statements.length > 0 ? { access: verdict.analysis.access } : {}),
    ...(s.lambda !== undefined ? { functionUrls: urls?.ok ? urls.value : 'unreadable', allowListed } : {}),
    ...(accepted.length > 0 ? { acceptedForPublicFunctionUrl: accepted } : {}),
  };

  // A public grant read from the data that was collected is a failure even when another part could not be read.
  if (problems.length > 0) {
    const sid = statements.find((st) => st.sid !== undefined && st.sid !== '')?.sid;
    const urlOnly = statements.length === 0;
    const also = unreadable.length > 0 ? ` (${unreadable.map((u) => `${u.what} could not be read: ${u.error.code}`).join('; ')})` : '';
    return ctx.fail(s.resource, `${s.label} is open to everyone: ${problems.join('; ')}${also}`, {
      region,
      evidence,
      remediationValues: { ...s.fix.values, region, ...(sid !== undefined ? { 'statement-id': sid } : {}) },
      remediation: { cli: urlOnly ? 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM --region <region>' : s.fix.cli },
    });
  }
  const first = unreadable[0];
  if (first !== undefined) return ctx.error(s.resource, first.error, `could not read ${unreadable.map((u) => u.what).join(' or ')}`, { region, evidence });

  let message: string;
  if (verdict.kind === 'none') message = `${s.label} has no resource policy`;
  else message = `the resource policy of ${s.label} grants nothing to everyone: every statement names fixed principals or pins the caller with a condition`;
  if (s.lambda !== undefined) {
    message +=
      openUrls.length > 0
        ? `; its function URL ${openUrls.map((u) => u.functionUrl).join(', ')} is public (AuthType NONE) on purpose: the function is in allowedPublicFunctionUrls`
        : urls?.ok && urls.value.length > 0
          ? '; its function URL requires IAM authentication (AWS_IAM)'
          : '; it has no function URL';
  }
  return ctx.pass(s.resource, message, { region, evidence });
}

export default defineCheck<ResourcePoliciesPublicOptions>({
  meta: {
    id: 'resource-policies-public',
    title: 'No resource policy opens a resource to everyone (Lambda, SQS, SNS, Secrets Manager, KMS, ECR, Backup vault, Glacier, CloudWatch Logs, Lambda URL)',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsResourcePolicy',
    rationale:
      'A resource policy that allows Principal "*" without a condition pinning the caller lets every AWS account, and often anonymous callers, invoke the function, read or send messages, read the secret, use the key or pull the images; a function URL with AuthType NONE can be called by anyone on the internet.',
    remediation: {
      text: 'Remove the statement that grants access to "*", or narrow it: name the accounts, roles or service principals that need access, or add a condition that pins the caller to fixed values (aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce; kms:CallerAccount on KMS keys). For a Lambda function URL, switch its AuthType to AWS_IAM; if the URL is public on purpose, list the function in the allowedPublicFunctionUrls option. IAM Access Analyzer (access-analyzer-external-findings) reports the same grants continuously.',
      cli: 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM --region <region>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    ],
    compliance: {
      prowler: [
        'awslambda_function_not_publicly_accessible',
        'awslambda_function_url_public',
        'sqs_queues_not_publicly_accessible',
        'sns_topics_not_publicly_accessible',
        'secretsmanager_not_publicly_accessible',
        'kms_key_not_publicly_accessible',
        'ecr_repositories_not_publicly_accessible',
        'glacier_vaults_policy_public_access',
        'cloudwatch_log_group_not_publicly_accessible',
      ],
      sources: ['002'],
    },
    fixable: false,
    reads: [
      'regional.*.lambda.functions',
      'regional.*.sqs.queues',
      'regional.*.sns.topics',
      'regional.*.secretsManager.secrets',
      'regional.*.kms.keys',
      'regional.*.ecr.repositories',
      'regional.*.backup.vaults',
      'regional.*.glacier.vaults',
      'regional.*.cloudwatchLogs.resourcePolicies',
    ],
  },
  defaultOptions: { allowedPublicFunctionUrls: [] },
  optionProblems: (o) => o.allowedPublicFunctionUrls.filter((a) => a.trim() === '').map(() => 'allowedPublicFunctionUrls holds an empty name: give function names or ARNs'),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      let judged = 0;
      let unreadable = 0;
      for (const kind of KINDS) {
        const subjects = readInRegion(ctx, kind.subjects(data, region), kind.what, region, regionResource(region));
        if (!subjects.ok) {
          results.push(subjects.result);
          unreadable++;
          continue;
        }
        for (const s of subjects.value) {
          judged++;
          results.push(judge(ctx, s, region));
        }
      }
      if (judged === 0 && unreadable === 0) results.push(noneInRegion(ctx, region, 'Lambda functions, SQS queues, SNS topics, secrets, customer-managed KMS keys, ECR repositories, Backup or Glacier vaults, or CloudWatch Logs resource policies'));
    }
    return results;
  },
});
