// s3-account-bpa: account-level S3 Block Public Access has all four settings on (controls.md 1.F).
// The one configured public-content account (seed 003) is exempt: not_applicable with the reason.
import type { BlockPublicAccess } from '../../services/s3/schema.ts';
import { accountIdProblems, defineCheck, requireData } from '../define.ts';

const FLAGS: Array<[keyof BlockPublicAccess, string]> = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];

export interface S3AccountBpaOptions {
  /** The single account that intentionally serves public content, or null. */
  publicContentAccountId: string | null;
}

export default defineCheck<S3AccountBpaOptions>({
  meta: {
    id: 's3-account-bpa',
    title: 'Account-level S3 Block Public Access fully on',
    severity: 'high',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'Account-level Block Public Access overrides every bucket and access point in the account, so one policy or ACL mistake cannot make data public; it is the preventive control behind every public-bucket incident.',
    remediation: {
      text: 'Turn on all four account-level Block Public Access settings. Buckets that are intentionally public stop being public: serve public content through CloudFront with origin access control, or from one dedicated public-content account.',
      cli: 'aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      terraform:
        'resource "aws_s3_account_public_access_block" "main" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
    ],
    compliance: { cisAws3: ['2.1.4'], prowler: ['s3_account_level_public_access_blocks'], sources: ['000', '001', '002', '003'] },
    fixable: true,
    reads: ['s3.accountPublicAccessBlock'],
  },
  defaultOptions: { publicContentAccountId: null },
  optionProblems: (o) => accountIdProblems(o.publicContentAccountId),
  evaluate(ctx) {
    const account = ctx.accountResource();
    const bpa = requireData(ctx, ctx.account.s3.accountPublicAccessBlock, account, 'the account-level S3 Block Public Access settings');
    if (!bpa.ok) return [bpa.result];
    const off = bpa.value === null ? FLAGS.map(([, name]) => name) : FLAGS.filter(([key]) => bpa.value?.[key] !== true).map(([, name]) => name);
    const evidence = { publicAccessBlock: bpa.value };
    if (off.length === 0) {
      return [ctx.pass(account, `account ${account.id} has all four S3 Block Public Access settings on`, { evidence })];
    }
    if (ctx.options.publicContentAccountId === account.id) {
      return [
        ctx.notApplicable(account, `account ${account.id} is the configured public-content account, so account-level S3 Block Public Access is intentionally not fully on (${off.join(', ')} off)`, { evidence }),
      ];
    }
    const message =
      bpa.value === null
        ? `account ${account.id} has no account-level S3 Block Public Access configuration, so any bucket policy or ACL can make data public`
        : `account ${account.id} has account-level S3 Block Public Access partly off (${off.join(', ')}), so a bucket policy or ACL can still make data public`;
    return [ctx.fail(account, message, { evidence })];
  },
});
