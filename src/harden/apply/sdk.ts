// The only place Rampart sends mutating AWS calls: a fixed table of the SDK commands a plan may name, sent
// through the shared client factory (ledger, retries, AWS_ENDPOINT_URL) in the account the action targets.
import * as accessanalyzer from '@aws-sdk/client-accessanalyzer';
import * as account from '@aws-sdk/client-account';
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as config from '@aws-sdk/client-config-service';
import * as ec2 from '@aws-sdk/client-ec2';
import * as guardduty from '@aws-sdk/client-guardduty';
import * as iam from '@aws-sdk/client-iam';
import * as inspector2 from '@aws-sdk/client-inspector2';
import * as kms from '@aws-sdk/client-kms';
import * as macie2 from '@aws-sdk/client-macie2';
import * as organizations from '@aws-sdk/client-organizations';
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';
import * as securityhub from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsContext, type AwsContext, type ClientConstructor, type SdkClient } from '../../aws/clients.ts';
import type { ApiCall } from '../plan-schema.ts';

interface ServiceEntry {
  module: Record<string, unknown>;
  client: ClientConstructor<SdkClient & { send(command: unknown): Promise<unknown> }>;
  /** Reads apply uses to check state, and writes plans and rollbacks may contain. Anything else is refused. */
  operations: readonly string[];
}

type Sendable = SdkClient & { send(command: unknown): Promise<unknown> };
const entry = (module: Record<string, unknown>, client: unknown, operations: string[]): ServiceEntry => ({
  module,
  client: client as ClientConstructor<Sendable>,
  operations,
});

/**
 * S3 Control puts the account id in front of the host, which breaks a custom endpoint (an emulator): there, every
 * call goes to the endpoint as given (the account id still travels in a header). Same fix as the S3 collector's.
 */
function s3ControlAt(endpoint: string | undefined): unknown {
  if (!endpoint) return s3control.S3ControlClient;
  const url = new URL(endpoint);
  return class S3ControlAtEndpointClient extends s3control.S3ControlClient {
    constructor(config: s3control.S3ControlClientConfig) {
      super({ ...config, endpointProvider: () => ({ url }) });
    }
  };
}

function services(endpoint: string | undefined): Record<string, ServiceEntry> {
  return {
    organizations: entry(organizations, organizations.OrganizationsClient, [
      'ListRoots', 'EnablePolicyType', 'DisablePolicyType', 'ListOrganizationalUnitsForParent', 'CreateOrganizationalUnit',
      'DeleteOrganizationalUnit', 'ListPolicies', 'DescribePolicy', 'ListTargetsForPolicy', 'CreatePolicy', 'AttachPolicy',
      'DetachPolicy', 'DeletePolicy', 'ListAWSServiceAccessForOrganization', 'EnableAWSServiceAccess', 'DisableAWSServiceAccess',
      'ListDelegatedAdministrators', 'RegisterDelegatedAdministrator', 'DeregisterDelegatedAdministrator',
    ]),
    iam: entry(iam, iam.IAMClient, ['GetAccountPasswordPolicy', 'UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy', 'GetRole', 'CreateServiceLinkedRole']),
    config: entry(config, config.ConfigServiceClient, [
      'DescribeConfigurationRecorders', 'DescribeConfigurationRecorderStatus', 'DescribeDeliveryChannels', 'PutConfigurationRecorder',
      'PutDeliveryChannel', 'StartConfigurationRecorder', 'StopConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigurationRecorder',
    ]),
    s3control: entry(s3control, s3ControlAt(endpoint), ['GetPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock']),
    s3: entry(s3, s3.S3Client, [
      'GetPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock', 'HeadBucket', 'CreateBucket', 'GetBucketVersioning',
      'PutBucketVersioning', 'GetBucketPolicy', 'PutBucketPolicy',
    ]),
    account: entry(account, account.AccountClient, ['GetAlternateContact', 'PutAlternateContact', 'DeleteAlternateContact']),
    ec2: entry(ec2, ec2.EC2Client, [
      'GetEbsEncryptionByDefault', 'EnableEbsEncryptionByDefault', 'DisableEbsEncryptionByDefault', 'DescribeSecurityGroupRules',
      'RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress', 'DescribeInstances', 'ModifyInstanceMetadataOptions',
    ]),
    kms: entry(kms, kms.KMSClient, ['GetKeyRotationStatus', 'EnableKeyRotation', 'DisableKeyRotation', 'DescribeKey', 'CreateKey', 'CreateAlias']),
    cloudtrail: entry(cloudtrail, cloudtrail.CloudTrailClient, ['DescribeTrails', 'UpdateTrail', 'GetTrailStatus', 'CreateTrail', 'StartLogging', 'StopLogging', 'DeleteTrail']),
    accessanalyzer: entry(accessanalyzer, accessanalyzer.AccessAnalyzerClient, ['ListAnalyzers', 'CreateAnalyzer', 'DeleteAnalyzer']),
    guardduty: entry(guardduty, guardduty.GuardDutyClient, ['ListDetectors', 'GetDetector', 'CreateDetector', 'UpdateDetector', 'DeleteDetector', 'ListOrganizationAdminAccounts', 'EnableOrganizationAdminAccount', 'DisableOrganizationAdminAccount']),
    securityhub: entry(securityhub, securityhub.SecurityHubClient, ['DescribeHub', 'EnableSecurityHub', 'DisableSecurityHub', 'ListOrganizationAdminAccounts', 'EnableOrganizationAdminAccount', 'DisableOrganizationAdminAccount', 'GetEnabledStandards', 'BatchEnableStandards', 'BatchDisableStandards']),
    inspector2: entry(inspector2, inspector2.Inspector2Client, ['BatchGetAccountStatus', 'Enable', 'Disable']),
    macie2: entry(macie2, macie2.Macie2Client, ['GetMacieSession', 'EnableMacie', 'DisableMacie']),
  };
}

export class UnknownCallError extends Error {
  constructor(call: Pick<ApiCall, 'service' | 'operation'>) {
    super(`${call.service}:${call.operation} is not a call Rampart applies`);
    this.name = 'UnknownCallError';
  }
}

/** Sends calls in one account; `region` null means the context's default Region (global services). */
export interface AccountCaller {
  readonly accountId: string;
  send(call: ApiCall, region: string | null): Promise<Record<string, unknown>>;
}

export function accountCaller(aws: AwsContext, accountId: string): AccountCaller {
  const table = services(aws.endpoint);
  return {
    accountId,
    async send(call, region) {
      const svc = table[call.service];
      if (!svc || !svc.operations.includes(call.operation)) throw new UnknownCallError(call);
      const Command = svc.module[`${call.operation}Command`] as (new (input: unknown) => unknown) | undefined;
      if (!Command) throw new UnknownCallError(call);
      const client = aws.client(svc.client, region ?? aws.defaultRegion);
      return (await client.send(new Command(call.params))) as Record<string, unknown>;
    },
  };
}

export interface Accounts {
  /** The account the credentials belong to. */
  callerAccountId: string;
  caller(accountId: string): Promise<AccountCaller>;
  destroy(): void;
}

/**
 * One caller per account: the credentials' own account directly, any other through `memberAccessRole` (the role
 * CreateAccount makes in every member), assumed from the management account.
 */
export function accountsFrom(aws: AwsContext, callerAccountId: string, memberAccessRole: string, env?: NodeJS.ProcessEnv): Accounts {
  const contexts = new Map<string, AwsContext>();
  return {
    callerAccountId,
    async caller(accountId) {
      if (accountId === callerAccountId) return accountCaller(aws, accountId);
      let ctx = contexts.get(accountId);
      if (!ctx) {
        const sts = aws.client(STSClient);
        const roleArn = `arn:aws:iam::${accountId}:role/${memberAccessRole}`;
        const credentials = async () => {
          const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'rampart-harden-apply' }));
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
          return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
        };
        ctx = createAwsContext({ credentials, ledger: aws.ledger, logger: aws.logger, defaultRegion: aws.defaultRegion, ...(env ? { env } : {}) });
        contexts.set(accountId, ctx);
      }
      return accountCaller(ctx, accountId);
    },
    destroy() {
      for (const c of contexts.values()) c.destroy();
      contexts.clear();
    },
  };
}
