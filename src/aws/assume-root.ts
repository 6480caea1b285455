// Opt-in audit of member-account root users (`scan --org --assume-root`): from the management account (or IAM's
// delegated administrator) open an STS AssumeRoot session limited by the IAMAuditRootUserCredentials task policy, on
// a Regional STS endpoint (AssumeRoot is not served by the global one), and read with it the root user's login
// profile, access keys, MFA devices and signing certificates. Read-only: the audit task policy allows only reads.
import {
  GetLoginProfileCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListMFADevices,
  paginateListSigningCertificates,
} from '@aws-sdk/client-iam';
import { AssumeRootCommand, STSClient } from '@aws-sdk/client-sts';
import { drain } from '../collectors/collect.ts';
import { readOrAbsent, read } from '../collectors/shape.ts';
import { failed, ok, type Collected } from '../inventory/collected.ts';
import type { AccountSnapshot } from '../inventory/snapshot.ts';
import type { AwsContext } from './clients.ts';
import { toCollectError } from './errors.ts';
import type { Limiter } from './limiter.ts';

export type RootCredentials = AccountSnapshot['iam']['rootCredentials'];

export const ROOT_AUDIT_OPERATIONS = {
  assumeRoot: 'sts:AssumeRoot',
  loginProfile: 'iam:GetLoginProfile',
  accessKeys: 'iam:ListAccessKeys',
  mfaDevices: 'iam:ListMFADevices',
  signingCertificates: 'iam:ListSigningCertificates',
} as const;
const OPS = ROOT_AUDIT_OPERATIONS;

export const ROOT_AUDIT_TASK_POLICY = 'root-task/IAMAuditRootUserCredentials';
export function rootAuditTaskPolicyArn(partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/${ROOT_AUDIT_TASK_POLICY}`;
}

// IAM's modeled exception is NoSuchEntityException; the wire code is NoSuchEntity. Accept both spellings.
const NO_SUCH_ENTITY = ['NoSuchEntity', 'NoSuchEntityException'];
/** The shortest root session AWS grants is enough for four reads. */
const SESSION_SECONDS = 900;

export interface RootAuditOptions {
  /** The Regional STS endpoint's Region (default: the context's default Region). */
  region?: string;
  /** The caller's partition, for the task policy ARN. */
  partition?: string;
  limiter?: Limiter;
}

/**
 * The root credentials of member account `accountId`, read through an AssumeRoot audit session opened with `base`'s
 * credentials. Every failure is recorded, never thrown: a refused AssumeRoot (centralized root access off, the caller
 * not the management account or IAM's delegated administrator, a missing sts:AssumeRoot grant) is the error of the
 * whole value, and so is any of the four reads failing — a partial answer would read as "no such credential".
 */
export async function readRootCredentials(base: AwsContext, accountId: string, opts: RootAuditOptions = {}): Promise<RootCredentials> {
  const region = opts.region ?? base.defaultRegion;
  const run = <T>(fn: () => Promise<T>) => (opts.limiter ? opts.limiter.run(fn) : fn());
  const sts = base.client(STSClient, region);
  let session;
  try {
    session = await run(() =>
      sts.send(new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: { arn: rootAuditTaskPolicyArn(opts.partition) }, DurationSeconds: SESSION_SECONDS })),
    );
  } catch (e) {
    const raw = toCollectError(e, OPS.assumeRoot, region);
    return failed({
      ...raw,
      message: `could not open an AssumeRoot audit session for account ${accountId} (${raw.message}); it needs centralized root access (RootSessions) in the organization, the scan run from the management account or IAM's delegated administrator, and sts:AssumeRoot allowed (\`rampart iam-policy --org --assume-root\`)`,
    });
  }
  const c = session.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    return failed({ code: 'ParseError', operation: OPS.assumeRoot, region, message: `sts:AssumeRoot for account ${accountId} returned no credentials` });
  }
  const credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) };
  const root = base.withCredentials(async () => credentials);
  try {
    const iam = root.client(IAMClient);
    // no UserName: in a root session each call is about the root user itself
    const [loginProfile, accessKeys, mfaDevices, signingCertificates] = await Promise.all([
      readOrAbsent(OPS.loginProfile, undefined, NO_SUCH_ENTITY, async () => {
        await run(() => iam.send(new GetLoginProfileCommand({})));
        return true;
      }),
      read(OPS.accessKeys, undefined, () => run(() => drain(paginateListAccessKeys({ client: iam }, {}), (p) => p.AccessKeyMetadata))),
      read(OPS.mfaDevices, undefined, () => run(() => drain(paginateListMFADevices({ client: iam }, {}), (p) => p.MFADevices))),
      read(OPS.signingCertificates, undefined, () => run(() => drain(paginateListSigningCertificates({ client: iam }, {}), (p) => p.Certificates))),
    ]);
    if (!loginProfile.ok) return failed(loginProfile.error);
    if (!accessKeys.ok) return failed(accessKeys.error);
    if (!mfaDevices.ok) return failed(mfaDevices.error);
    if (!signingCertificates.ok) return failed(signingCertificates.error);
    return ok({
      loginProfile: loginProfile.value === true,
      accessKeys: accessKeys.value.length,
      mfaDevices: mfaDevices.value.length,
      signingCertificates: signingCertificates.value.length,
    });
  } finally {
    root.destroy();
  }
}
