// Fixture builders: readable scenarios that produce valid snapshots, for tests and the bundled demo.
// An account starts from a secure baseline (every check passes); each method adds one realistic mistake or fact.
//   snapshot().account('111111111111', (a) => a.iamUser('alice', { console: true, mfa: false })).build()
import { failed, ok, type CollectErrorCode } from './collected.ts';
import { collectError, daysBefore, mustBeOk } from './fixture-support.ts';
import { emptyRds } from '../services/rds/fixtures.ts';
import { emptyRedshift } from '../services/redshift/fixtures.ts';
import { emptyOpenSearch } from '../services/opensearch/fixtures.ts';
import { emptySecretsManager } from '../services/secrets-manager/fixtures.ts';
import { emptySqs } from '../services/sqs/fixtures.ts';
import { emptyEcr } from '../services/ecr/fixtures.ts';
import { emptyGlacier } from '../services/glacier/fixtures.ts';
import { emptyCloudfront, emptyEdge } from '../services/edge/fixtures.ts';
import { emptyWafv2, emptyWafv2Cloudfront } from '../services/wafv2/fixtures.ts';
import { emptyShield } from '../services/shield/fixtures.ts';
import { emptyFms, emptyNetworkFirewall } from '../services/network-firewall/fixtures.ts';
import {
  SNAPSHOT_KIND,
  SNAPSHOT_VERSION,
  snapshotSchema,
  type AccountSnapshot,
  type RegionalSnapshot,
  type Snapshot,
} from './snapshot.ts';
import type { PasswordPolicy } from '../services/iam/schema.ts';
import {
  addIamRole,
  addIamUser,
  addManagedPolicy,
  removeRootRow,
  secureIam,
  setRootAccessKeys,
  setRootMfa,
  setRootPasswordLastUsed,
  type ManagedPolicyOptions,
  type RoleOptions,
  type UserOptions,
} from '../services/iam/fixtures.ts';
import type { BlockPublicAccess } from '../services/s3/schema.ts';
import { addAccessPoint, s3Bucket, secureS3, type AccessPointOptions, type BucketOptions } from '../services/s3/fixtures.ts';
import { memberOrganizations, noOrganizations, OrgBuilder, secureOrganizations } from '../services/organizations/fixtures.ts';
import type { AlternateContact } from '../services/account/schema.ts';
import { secureAccountSettings } from '../services/account/fixtures.ts';
import { emptyEbs } from '../services/ebs/fixtures.ts';

import { emptyLambda } from '../services/lambda/fixtures.ts';
import { emptyEc2UserData } from '../services/ec2-userdata/fixtures.ts';
import { emptyCloudFormation } from '../services/cloudformation/fixtures.ts';
import { emptyEcs } from '../services/ecs/fixtures.ts';
import { emptyBackup } from '../services/backup/fixtures.ts';
import { defaultInspector2 } from '../services/inspector2/fixtures.ts';
import { emptySsm } from '../services/ssm/fixtures.ts';
import { emptySsoAdmin, secureSsoAdmin } from '../services/sso-admin/fixtures.ts';
import { emptyCloudwatchLogs } from '../services/cloudwatch-logs/fixtures.ts';
import { emptyCloudwatch } from '../services/cloudwatch/fixtures.ts';
import { emptySns } from '../services/sns/fixtures.ts';
import { emptyEventbridge } from '../services/eventbridge/fixtures.ts';
import { emptyTagging } from '../services/tagging/fixtures.ts';
import { emptyDynamodb } from '../services/dynamodb/fixtures.ts';
import { emptyEfs } from '../services/efs/fixtures.ts';
import { emptyAutoscaling } from '../services/autoscaling/fixtures.ts';
import { emptyKms, kmsKey, type KmsKeyOptions } from '../services/kms/fixtures.ts';
import { analyzersSlice, secureAccessAnalyzer } from '../services/access-analyzer/fixtures.ts';
import { secureConfig, setConfigRecorder, type ConfigRecorderOptions } from '../services/config/fixtures.ts';
import { secureCloudtrail, trail, type TrailOptions } from '../services/cloudtrail/fixtures.ts';
import { guarddutyDetectors, secureGuardduty } from '../services/guardduty/fixtures.ts';
import { secureSecurityhub, securityhubHub } from '../services/securityhub/fixtures.ts';
import {
  addSecurityGroup,
  addVpc,
  ec2Instance,
  launchTemplate,
  secureEc2,
  type IngressRuleOptions,
  type InstanceOptions,
  type LaunchTemplateVersionOptions,
  type SecurityGroupOptions,
} from '../services/ec2/fixtures.ts';

export { collectError };
/** The organization structure editor behind `.org(...)`, kept importable from here with the rest of the chain. */
export { OrgBuilder };

export const DEFAULT_COLLECTED_AT = '2026-11-20T12:00:00.000Z';

function secureRegion(accountId: string, region: string, homeRegion: string): RegionalSnapshot {
  return {
    ec2: secureEc2(),
    ebs: emptyEbs(),
    cloudtrail: secureCloudtrail(accountId, homeRegion),
    guardduty: secureGuardduty(accountId, region),
    securityhub: secureSecurityhub(accountId, region, homeRegion),
    config: secureConfig(region, homeRegion),
    accessAnalyzer: secureAccessAnalyzer(accountId, region, homeRegion),
    inspector2: defaultInspector2(),
    ssm: emptySsm(),
    kms: emptyKms(),
    rds: emptyRds(),
    redshift: emptyRedshift(),
    opensearch: emptyOpenSearch(),
    secretsManager: emptySecretsManager(),
    sqs: emptySqs(),
    ecr: emptyEcr(),
    glacier: emptyGlacier(),
    lambda: emptyLambda(),
    ec2UserData: emptyEc2UserData(),
    cloudformation: emptyCloudFormation(),
    ecs: emptyEcs(),
    backup: emptyBackup(),
    ssoAdmin: region === homeRegion ? secureSsoAdmin(accountId) : emptySsoAdmin(),
    cloudwatchLogs: emptyCloudwatchLogs(),
    cloudwatch: emptyCloudwatch(),
    sns: emptySns(),
    eventbridge: emptyEventbridge(),
    tagging: emptyTagging(),
    edge: emptyEdge(),
    wafv2: emptyWafv2(),
    networkFirewall: emptyNetworkFirewall(),
    fms: emptyFms(),
    dynamodb: emptyDynamodb(),
    efs: emptyEfs(),
    autoscaling: emptyAutoscaling(),
  };
}

function secureAccount(accountId: string, regions: string[], now: string): AccountSnapshot {
  const home = regions[0] ?? 'us-east-1';
  return {
    accountId,
    callerArn: `arn:aws:iam::${accountId}:role/RampartAudit`,
    regions: ok(regions.map((name) => ({ name, optInStatus: 'opt-in-not-required', scanned: true, note: null }))),
    iam: secureIam(accountId, now),
    account: secureAccountSettings(),
    organizations: secureOrganizations(accountId),
    s3: secureS3(),
    cloudfront: emptyCloudfront(),
    wafv2Cloudfront: emptyWafv2Cloudfront(),
    shield: emptyShield(),
    regional: Object.fromEntries(regions.map((r) => [r, secureRegion(accountId, r, home)])),
  };
}

/** Set or replace the value at a dotted path inside an object (the path must exist). */
function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) {
      if (!(part in node)) throw new Error(`fixture: no field "${path}"`);
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null) throw new Error(`fixture: no field "${path}"`);
    node = next as Record<string, unknown>;
  }
}

export class RegionBuilder {
  private readonly region: RegionalSnapshot;
  private readonly regionName: string;
  private readonly accountId: string;
  constructor(region: RegionalSnapshot, regionName: string, accountId: string) {
    this.region = region;
    this.regionName = regionName;
    this.accountId = accountId;
  }

  ebsDefaultEncryption(enabled: boolean): this {
    this.region.ec2.ebsEncryptionByDefault = ok(enabled);
    return this;
  }

  /** A security group with ingress rules, e.g. `{ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' }`. */
  securityGroup(groupId: string, ingress: IngressRuleOptions[], opts: SecurityGroupOptions = {}): this {
    addSecurityGroup(this.region.ec2, groupId, ingress, opts);
    return this;
  }

  instance(instanceId: string, opts: InstanceOptions = {}): this {
    mustBeOk(this.region.ec2.instances, 'instances').push(ec2Instance(instanceId, this.accountId, opts));
    return this;
  }

  /**
   * A launch template with its $Default/$Latest versions, e.g. `[{ version: 1, httpTokens: 'optional' }]`.
   * Without isDefault/isLatest, the first version is the default and the last the latest (one version: both).
   */
  launchTemplate(templateId: string, versions: LaunchTemplateVersionOptions[], opts: { name?: string } = {}): this {
    mustBeOk(this.region.ec2.launchTemplates, 'launchTemplates').push(launchTemplate(templateId, versions, opts));
    return this;
  }

  /** The entries of a managed prefix list that an ingress rule references (`securityGroup(…, [{ prefixListId }])`). */
  prefixList(prefixListId: string, cidrs: string[]): this {
    mustBeOk(this.region.ec2.prefixLists, 'prefixLists').push({ prefixListId, cidrs: ok(cidrs) });
    return this;
  }

  vpc(vpcId: string, opts: { isDefault?: boolean; flowLogs?: boolean } = {}): this {
    addVpc(this.region.ec2, vpcId, opts);
    return this;
  }

  /** Replace the trails visible in this Region. */
  trails(trails: TrailOptions[]): this {
    this.region.cloudtrail.trails = ok(trails.map((t) => trail(t, this.regionName, this.accountId)));
    return this;
  }

  noTrails(): this {
    this.region.cloudtrail.trails = ok([]);
    return this;
  }

  guardDuty(state: 'enabled' | 'disabled' | 'none'): this {
    this.region.guardduty.detectors = guarddutyDetectors(state, this.regionName);
    return this;
  }

  securityHub(enabled: boolean): this {
    this.region.securityhub.hub = securityhubHub(enabled, this.regionName, this.accountId);
    return this;
  }

  /** Replaces the Region's recorder; global resource types stay as they were unless `includeGlobalResourceTypes` says otherwise. */
  configRecorder(opts: ConfigRecorderOptions | null): this {
    setConfigRecorder(this.region.config, opts);
    return this;
  }

  analyzers(list: Array<{ name: string; type?: string; status?: string }>): this {
    const { analyzers, findings } = analyzersSlice(list, this.regionName, this.accountId);
    this.region.accessAnalyzer.analyzers = analyzers;
    this.region.accessAnalyzer.findings = findings;
    return this;
  }

  /** A customer-managed symmetric key (defaults) with rotation on or off. */
  kmsKey(keyId: string, opts: KmsKeyOptions = {}): this {
    mustBeOk(this.region.kms.keys, 'kms.keys').push(kmsKey(keyId, this.regionName, this.accountId, opts));
    return this;
  }

  /** Mark a field of this Region (dotted path below the Region, e.g. `guardduty.detectors`) as failed. */
  fail(path: string, code: CollectErrorCode, operation: string, message?: string): this {
    setAtPath(this.region as unknown as Record<string, unknown>, path, failed(collectError(code, operation, this.regionName, message)));
    return this;
  }

  /**
   * Every collected field of this Region failed with `code`, as when an SCP or a missing permission refuses every
   * call there. The operation named is the slice's (`ec2:*`), which is all a Region-wide refusal tells.
   */
  refuseEverything(code: CollectErrorCode, message = 'every call in this Region was refused'): this {
    for (const [slice, fields] of Object.entries(this.region as unknown as Record<string, Record<string, unknown>>)) {
      for (const [field, value] of Object.entries(fields)) {
        if (value !== null && typeof value === 'object' && 'ok' in value) this.fail(`${slice}.${field}`, code, `${slice}:*`, message);
      }
    }
    return this;
  }

  /** Set any field of this Region to a collected value (escape hatch for unusual shapes). */
  set(path: string, value: unknown): this {
    setAtPath(this.region as unknown as Record<string, unknown>, path, ok(value));
    return this;
  }
}

export class AccountBuilder {
  readonly data: AccountSnapshot;
  private readonly now: string;
  constructor(accountId: string, regions: string[], now: string) {
    this.now = now;
    this.data = secureAccount(accountId, regions, now);
  }

  get accountId(): string {
    return this.data.accountId;
  }

  rootMfa(enabled: boolean): this {
    setRootMfa(this.data.iam, enabled);
    return this;
  }


  /** Active root access keys (0, 1 or 2), optionally last used `lastUsedDaysAgo` days ago. */
  rootAccessKeys(count: 0 | 1 | 2, lastUsedDaysAgo: number | null = null): this {
    setRootAccessKeys(this.data.iam, this.now, count, lastUsedDaysAgo);
    return this;
  }


  /** Days since root's password was last used (null: never). */
  rootPasswordLastUsed(daysAgo: number | null): this {
    setRootPasswordLastUsed(this.data.iam, this.now, daysAgo);
    return this;
  }


  /** Remove the root row from the credential report (as some emulators and proxies do). */
  withoutRootRow(): this {
    removeRootRow(this.data.iam);
    return this;
  }


  passwordPolicy(policy: PasswordPolicy | null): this {
    this.data.iam.passwordPolicy = ok(policy);
    return this;
  }

  securityContact(contact: AlternateContact | null): this {
    this.data.account.alternateContacts.security = ok(contact);
    return this;
  }

  iamUser(name: string, opts: UserOptions = {}): this {
    addIamUser(this.data.iam, this.accountId, this.now, name, opts);
    return this;
  }


  role(name: string, trust: unknown, opts: RoleOptions = {}): this {
    addIamRole(this.data.iam, this.accountId, this.now, name, trust, opts);
    return this;
  }


  /** A managed policy (customer-managed unless the ARN says aws). */
  managedPolicy(name: string, document: unknown, opts: ManagedPolicyOptions = {}): this {
    addManagedPolicy(this.data.iam, this.accountId, name, document, opts);
    return this;
  }


  /** Not in an organization. */
  noOrganization(): this {
    Object.assign(this.data.organizations, noOrganizations());
    this.data.iam.organizationsFeatures = failed(
      collectError('Unknown', 'iam:ListOrganizationsFeatures', undefined, 'OrganizationNotFoundException: the account is not in an organization'),
    );
    return this;
  }

  /** A member account: the organization is visible but its structure is not (AccessDenied, as AWS answers). */
  memberOf(managementAccountId: string, orgId = 'o-exampleorg1'): this {
    Object.assign(this.data.organizations, memberOrganizations(managementAccountId, orgId));
    this.data.iam.organizationsFeatures = failed(
      collectError('NotCollected', 'iam:ListOrganizationsFeatures', undefined, `not read because only the management account ${managementAccountId} (or a delegated administrator) answers it, and account ${this.accountId} is a member`),
    );
    // a scan spends these management-only calls only in the management account
    for (const [region, r] of Object.entries(this.data.regional)) {
      const notRead = (operation: string) =>
        failed(collectError('NotCollected', operation, region, `not read because only the management account ${managementAccountId} answers it, and account ${this.accountId} is a member`));
      r.guardduty.organizationAdminAccounts = notRead('guardduty:ListOrganizationAdminAccounts');
      r.securityhub.organizationAdminAccounts = notRead('securityhub:ListOrganizationAdminAccounts');
    }
    return this;
  }

  featureSet(featureSet: 'ALL' | 'CONSOLIDATED_BILLING'): this {
    mustBeOk(this.data.organizations.organization, 'organization')!.featureSet = featureSet;
    return this;
  }

  /** Edit the organization structure (management account only). */
  org(edit: (org: OrgBuilder) => void): this {
    const structure = mustBeOk(this.data.organizations.structure, 'organization structure');
    if (!structure) throw new Error('fixture: no organization');
    edit(new OrgBuilder(structure, this.accountId));
    return this;
  }

  accountPublicAccessBlock(bpa: BlockPublicAccess | null): this {
    this.data.s3.accountPublicAccessBlock = ok(bpa);
    return this;
  }

  bucket(name: string, opts: BucketOptions = {}): this {
    mustBeOk(this.data.s3.buckets, 'buckets').push(s3Bucket(name, this.now, this.regionNames()[0] ?? 'us-east-1', opts));
    return this;
  }

  /** An access point on a bucket (Internet origin, no policy and all of its BPA on unless told otherwise). */
  accessPoint(name: string, bucket: string, opts: AccessPointOptions = {}): this {
    addAccessPoint(this.data.s3, name, bucket, this.accountId, this.regionNames()[0] ?? 'us-east-1', opts);
    return this;
  }

  regionNames(): string[] {
    return Object.keys(this.data.regional);
  }

  /** Edit one scanned Region. */
  inRegion(region: string, edit: (r: RegionBuilder) => void): this {
    const data = this.data.regional[region];
    if (!data) throw new Error(`fixture: region ${region} is not scanned in this account`);
    edit(new RegionBuilder(data, region, this.accountId));
    return this;
  }

  /** Edit every scanned Region. */
  everyRegion(edit: (r: RegionBuilder, region: string) => void): this {
    for (const region of this.regionNames()) this.inRegion(region, (r) => edit(r, region));
    return this;
  }

  /** Mark an account-level field (dotted path, e.g. `iam.credentialReport`) as failed to collect. */
  fail(path: string, code: CollectErrorCode, operation: string, message?: string): this {
    setAtPath(this.data as unknown as Record<string, unknown>, path, failed(collectError(code, operation, undefined, message)));
    return this;
  }

  /** Set any account-level field to a collected value (escape hatch). */
  set(path: string, value: unknown): this {
    setAtPath(this.data as unknown as Record<string, unknown>, path, ok(value));
    return this;
  }
}

export class SnapshotBuilder {
  private readonly accounts: AccountBuilder[] = [];
  readonly collectedAt: string;
  private readonly source: Snapshot['source'];
  private readonly defaultRegions: string[];
  constructor(collectedAt: string, source: Snapshot['source'], defaultRegions: string[]) {
    this.collectedAt = collectedAt;
    this.source = source;
    this.defaultRegions = defaultRegions;
  }

  account(accountId: string, edit?: (a: AccountBuilder) => void, opts: { regions?: string[] } = {}): this {
    const builder = new AccountBuilder(accountId, opts.regions ?? this.defaultRegions, this.collectedAt);
    edit?.(builder);
    this.accounts.push(builder);
    return this;
  }

  /** Build and validate against the snapshot schema, so fixtures can never drift from what collectors produce. */
  build(): Snapshot {
    const snapshot: Snapshot = {
      kind: SNAPSHOT_KIND,
      schemaVersion: SNAPSHOT_VERSION,
      tool: { name: 'rampart', version: 'fixture' },
      collectedAt: this.collectedAt,
      source: this.source,
      accounts: this.accounts.map((a) => a.data),
    };
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const first = issues.slice(0, 5).map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`fixture built an invalid snapshot (${issues.length} issues):\n${first.join('\n')}`);
    }
    return parsed.data;
  }
}

export function snapshot(opts: { collectedAt?: string; source?: Snapshot['source']; regions?: string[] } = {}): SnapshotBuilder {
  return new SnapshotBuilder(opts.collectedAt ?? DEFAULT_COLLECTED_AT, opts.source ?? 'fixture', opts.regions ?? ['us-east-1', 'eu-west-1']);
}

/** A one-account snapshot: `singleAccount((a) => a.rootMfa(false))`. */
export function singleAccount(edit?: (a: AccountBuilder) => void, opts: { accountId?: string; regions?: string[] } = {}): Snapshot {
  return snapshot(opts.regions ? { regions: opts.regions } : {})
    .account(opts.accountId ?? '111111111111', edit)
    .build();
}
