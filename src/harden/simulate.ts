// The snapshot as it would look after a set of actions. The planner re-runs the checks on it, so an action claims
// to close exactly the findings that the checks themselves would then pass — never more.
import type { Collected } from '../inventory/collected.ts';
import type { AccountSnapshot, Snapshot } from '../inventory/snapshot.ts';
import type { PasswordPolicy } from '../services/iam/schema.ts';
import type { BlockPublicAccess } from '../services/s3/schema.ts';
import type { OrgStructure } from '../services/organizations/schema.ts';
import type { AlternateContact } from '../services/account/schema.ts';
import type { PlanAction } from './plan-schema.ts';

const ok = <T>(value: T): Collected<T> => ({ ok: true, value });

function structures(s: Snapshot): OrgStructure[] {
  return s.accounts.flatMap((a) => (a.organizations.structure.ok && a.organizations.structure.value ? [a.organizations.structure.value] : []));
}

const plannedOuId = (name: string) => `ou-planned-${name.toLowerCase()}`;

function simulateOne(s: Snapshot, account: AccountSnapshot | undefined, a: PlanAction): void {
  const regional = a.region && account ? account.regional[a.region] : undefined;
  switch (a.kind) {
    case 'iam.password-policy':
      if (account) account.iam.passwordPolicy = ok(a.after as PasswordPolicy);
      return;
    case 's3.account-bpa':
      if (account) account.s3.accountPublicAccessBlock = ok(a.after as BlockPublicAccess);
      return;
    case 's3.bucket-bpa':
      if (account?.s3.buckets.ok) {
        const b = account.s3.buckets.value.find((x) => x.name === (a.calls[0]!.params['Bucket'] as string));
        if (b) b.publicAccessBlock = ok(a.after as BlockPublicAccess);
      }
      return;
    case 'account.alternate-contact': {
      if (!account) return;
      const type = String(a.details['contactType']).toLowerCase() as 'security' | 'billing' | 'operations';
      account.account.alternateContacts[type] = ok(a.after as AlternateContact);
      return;
    }
    case 'ec2.ebs-encryption-default':
      if (regional) regional.ec2.ebsEncryptionByDefault = ok(true);
      return;
    case 'ec2.revoke-open-ingress':
      if (regional?.ec2.securityGroups.ok) {
        const ruleIds = a.calls[0]!.params['SecurityGroupRuleIds'] as string[];
        for (const g of regional.ec2.securityGroups.value) g.rules = g.rules.filter((r) => !ruleIds.includes(r.ruleId));
      }
      return;
    case 'ec2.instance-imdsv2':
      if (regional?.ec2.instances.ok) {
        const i = regional.ec2.instances.value.find((x) => x.instanceId === a.calls[0]!.params['InstanceId']);
        if (i?.metadataOptions) i.metadataOptions.httpTokens = 'required';
      }
      return;
    case 'kms.key-rotation':
      if (regional?.kms.keys.ok) {
        const k = regional.kms.keys.value.find((x) => x.keyId === a.calls[0]!.params['KeyId']);
        if (k) k.rotationEnabled = ok(true);
      }
      return;
    case 'cloudtrail.log-validation':
      // a multi-Region trail shows in every Region's DescribeTrails: change every copy
      for (const r of Object.values(account?.regional ?? {})) {
        if (!r.cloudtrail.trails.ok) continue;
        for (const t of r.cloudtrail.trails.value) if (t.arn === a.details['trailArn']) t.logFileValidationEnabled = true;
      }
      return;
    case 'accessanalyzer.analyzer':
      if (regional) {
        const existing = regional.accessAnalyzer.analyzers.ok ? regional.accessAnalyzer.analyzers.value : [];
        regional.accessAnalyzer.analyzers = ok([...existing, { arn: `planned:${a.id}`, name: 'rampart-external-access', type: 'ACCOUNT', status: 'ACTIVE' }]);
      }
      return;
    case 'guardduty.detector':
      if (regional) {
        const features = ((a.calls[0]!.params['Features'] as Array<{ Name: string }> | undefined) ?? []).map((f) => ({ name: f.Name, status: 'ENABLED' }));
        regional.guardduty.detectors = ok([{ detectorId: 'planned', detail: ok({ status: 'ENABLED', features }) }]);
      }
      return;
    case 'guardduty.features':
      if (regional?.guardduty.detectors.ok) {
        const d = regional.guardduty.detectors.value.find((x) => x.detectorId === a.details['detectorId']);
        if (d?.detail.ok) {
          const names = a.details['features'] as string[];
          d.detail.value.features = [...d.detail.value.features.filter((f) => !names.includes(f.name)), ...names.map((name) => ({ name, status: 'ENABLED' }))];
        }
      }
      return;
    case 'securityhub.hub':
      if (regional) regional.securityhub.hub = ok({ hubArn: `planned:${a.id}`, subscribedAt: null });
      return;
    case 'org.enable-scp-type':
      for (const st of structures(s)) for (const root of st.roots) root.policyTypes = [...root.policyTypes.filter((t) => t.type !== 'SERVICE_CONTROL_POLICY'), { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }];
      return;
    case 'org.create-ou': {
      const name = String(a.details['name']);
      const parentId = String(a.details['parentId']);
      for (const st of structures(s)) st.organizationalUnits.push({ id: plannedOuId(name), arn: `planned:${name}`, name, parentId });
      return;
    }
    case 'accessanalyzer.unused-access':
      if (regional) {
        const existing = regional.accessAnalyzer.analyzers.ok ? regional.accessAnalyzer.analyzers.value : [];
        regional.accessAnalyzer.analyzers = ok([...existing, { arn: `planned:${a.id}`, name: 'rampart-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }]);
      }
      return;
    case 'config.recorder':
      if (regional) {
        const name = String(a.details['recorderName']);
        const global = (a.after as { recorder: { includeGlobalResourceTypes: boolean } }).recorder.includeGlobalResourceTypes;
        regional.config.recorders = ok([{ name, allSupported: true, includeGlobalResourceTypes: global, recordingStrategy: null }]);
        regional.config.recorderStatuses = ok([{ name, recording: true, lastStatus: null }]);
        const channels = regional.config.deliveryChannels.ok ? regional.config.deliveryChannels.value : [];
        regional.config.deliveryChannels = ok(channels.length > 0 ? channels : [{ name: 'default', s3BucketName: String(a.details['bucket']) }]);
      }
      return;
    case 'securityhub.standards':
      if (regional) {
        const existing = regional.securityhub.enabledStandards.ok ? regional.securityhub.enabledStandards.value : [];
        regional.securityhub.enabledStandards = ok([...existing, ...(a.details['standards'] as string[]).map((standardsArn) => ({ standardsArn, status: 'READY' }))]);
      }
      return;
    case 'inspector2.enable':
    case 'macie.enable':
    case 'org.service-access':
    case 'org.guardduty-admin':
    case 'org.securityhub-admin':
    case 'org.trail-bucket':
    case 'org.trail-key':
      return; // not in the snapshot (yet): the checks that read these land with their collectors
    case 'org.delegated-admin': {
      const admin = String(a.details['adminAccountId']);
      const principal = String(a.details['servicePrincipal']);
      for (const acct of s.accounts) {
        const d = acct.organizations.delegatedAdministrators;
        if (!d.ok || d.value === null || !acct.organizations.structure.ok || acct.organizations.structure.value === null) continue;
        const entry = d.value.find((x) => x.accountId === admin);
        if (entry) entry.servicePrincipals = [...new Set([...entry.servicePrincipals, principal])];
        else d.value.push({ accountId: admin, servicePrincipals: [principal] });
      }
      return;
    }
    case 'org.access-analyzer':
      if (regional) {
        const existing = regional.accessAnalyzer.analyzers.ok ? regional.accessAnalyzer.analyzers.value : [];
        regional.accessAnalyzer.analyzers = ok([...existing, { arn: `planned:${a.id}`, name: 'rampart-organization', type: 'ORGANIZATION', status: 'ACTIVE' }]);
      }
      return;
    case 'org.trail': {
      // every account of the organization sees the trail in every Region (a shadow trail outside its home)
      const orgId = String(a.details['organizationId']);
      const trailArn = String(a.details['trailArn']);
      for (const acct of s.accounts) {
        const org = acct.organizations.organization;
        if (!org.ok || org.value?.id !== orgId) continue;
        for (const r of Object.values(acct.regional)) {
          if (!r.cloudtrail.trails.ok) continue;
          r.cloudtrail.trails.value.push({
            name: String(a.calls[0]!.params['Name']),
            arn: trailArn,
            homeRegion: String(a.details['homeRegion']),
            isMultiRegionTrail: true,
            isOrganizationTrail: true,
            logFileValidationEnabled: true,
            includeGlobalServiceEvents: true,
            kmsKeyId: String(a.details['kmsKeyId']),
            s3BucketName: String(a.details['bucket']),
            cloudWatchLogsLogGroupArn: null,
            status: ok({ isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null }),
            eventSelectors: ok({ basic: [{ readWriteType: 'All', includeManagementEvents: true }], advanced: [] }),
          });
        }
      }
      return;
    }
    case 'org.scp': {
      const targets = a.details['targets'] as Array<{ type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT'; id: string | null; name: string }>;
      for (const st of structures(s)) {
        st.policies.push({
          id: `p-planned-${String(a.details['name'])}`,
          arn: `planned:${a.id}`,
          name: String(a.details['name']),
          type: 'SERVICE_CONTROL_POLICY',
          awsManaged: false,
          content: JSON.parse(String(a.details['content'])) as unknown,
          targets: targets.map((t) => ({ targetId: t.id ?? plannedOuId(t.name), type: t.type })),
        });
      }
      return;
    }
  }
}

/** A copy of the snapshot with the actions' effects; the input is left untouched (it may be frozen). */
export function simulate(snapshot: Snapshot, actions: readonly PlanAction[]): Snapshot {
  const s = structuredClone(snapshot);
  for (const a of actions) simulateOne(s, s.accounts.find((x) => x.accountId === a.accountId), a);
  return s;
}
