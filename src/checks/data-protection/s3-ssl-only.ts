// s3-ssl-only: the bucket policy denies every request not sent over TLS, on the bucket and on its objects
// (controls.md 1.F). The statement test lives in src/policy/transport.ts.
import type { CheckResult } from '../../findings/finding.ts';
import { analyzeTransportDenies } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { bucketPolicy, bucketRegion, bucketResource, listBuckets } from '../helpers/buckets.ts';

export default defineCheck({
  meta: {
    id: 's3-ssl-only',
    title: 'Bucket policy denies non-TLS requests',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'S3 accepts plain HTTP unless the bucket policy refuses it; a request sent without TLS exposes its data and credentials-derived signatures to anyone on the network path.',
    remediation: {
      text: 'Add a statement to the bucket policy (keeping the existing ones) that denies s3:* to Principal "*" on the bucket and bucket/* when aws:SecureTransport is false.',
      cli: 'aws s3api get-bucket-policy --bucket <bucket> --query Policy --output text > policy.json\n# add to Statement: {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}\naws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json',
      terraform:
        'data "aws_iam_policy_document" "tls_only" {\n  statement {\n    sid       = "DenyInsecureTransport"\n    effect    = "Deny"\n    actions   = ["s3:*"]\n    resources = ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html', 'https://repost.aws/knowledge-center/s3-enforce-modern-tls'],
    compliance: { cisAws3: ['2.1.1'], prowler: ['s3_bucket_secure_transport_policy'], sources: ['001'] },
    fixable: true,
    reads: ['s3.buckets'],
  },
  evaluate(ctx) {
    const listed = listBuckets(ctx);
    if (!listed.ok) return listed.results;
    const results: CheckResult[] = [];
    for (const b of listed.buckets) {
      const resource = bucketResource(b);
      const where = bucketRegion(b);
      const read = bucketPolicy(ctx, b);
      if (!read.ok) {
        results.push(read.result);
        continue;
      }
      const fail = (message: string, evidence: Record<string, unknown>) =>
        ctx.fail(resource, message, { ...where, evidence, remediationValues: { bucket: b.name } });
      if (read.policy === null) {
        results.push(fail(`bucket ${b.name} has no bucket policy, so it accepts requests over plain HTTP`, { policy: null }));
        continue;
      }
      const a = analyzeTransportDenies(read.policy, b.arn);
      const evidence = { statements: a.statements };
      if (a.coversBucket && a.coversObjects) {
        const how = a.statements.map((s) => `statement ${s.sid ?? `#${s.index}`} (${s.condition})`).join(', ');
        results.push(ctx.pass(resource, `bucket ${b.name} denies requests not sent over TLS: ${how}`, { ...where, evidence }));
        continue;
      }
      const missing = [...(a.coversBucket ? [] : [`the bucket (${b.arn})`]), ...(a.coversObjects ? [] : [`its objects (${b.arn}/*)`])];
      const message =
        a.statements.length === 0
          ? `bucket ${b.name} has no policy statement denying requests without TLS (Deny s3:* to "*" when aws:SecureTransport is false)`
          : `bucket ${b.name} denies requests without TLS only partly: nothing denies them on ${missing.join(' or ')}`;
      results.push(fail(message, evidence));
    }
    return results;
  },
});
