// Per action kind: how apply reads the live state (in the shape the plan's `before`/`after` use), decides whether
// the change is already in place or the state drifted, which calls remain, and how to undo it from the prior state.
import { classifyErrorCode } from '../../aws/errors.ts';
import type { PasswordPolicy } from '../../services/iam/schema.ts';
import type { BlockPublicAccess } from '../../services/s3/schema.ts';
import { bpaParams, passwordPolicyParams } from '../builders/account.ts';
import type { ActionKind, ApiCall, PlanAction } from '../plan-schema.ts';
import type { AccountCaller } from './sdk.ts';

export interface Live {
  /** The state, comparable with the plan's `before`/`after`. */
  state: unknown;
  /** Facts the handler needs later (an existing policy id…). */
  facts?: Record<string, unknown>;
}

export interface KindHandler {
  read(caller: AccountCaller, a: PlanAction): Promise<Live>;
  /** Default: every field of `after` equals the live state's. */
  inPlace?(a: PlanAction, live: Live): boolean;
  /** Why the action's preconditions no longer hold; default: live ≠ `before` (when `beforeKnown`). */
  drift?(a: PlanAction, live: Live): string | undefined;
  /** The calls still to make; default: the plan's calls. */
  remaining?(a: PlanAction, live: Live): ApiCall[];
  /** Calls that restore the prior state, given the calls made (parameters resolved) and what they returned. */
  undo(a: PlanAction, prior: Live, made: MadeCall[]): ApiCall[];
}

export interface MadeCall {
  call: ApiCall;
  output: Record<string, unknown>;
}

const outputOf = (made: MadeCall[], operation: string) => made.find((m) => m.call.operation === operation)?.output;

/** JSON-equal after dropping undefined fields. */
export function canonicalEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canon(x)]));
  }
  return v;
}

/** Every field `want` sets is set the same in `have` (a boolean `want` of false also matches an absent field). */
export function satisfies(have: unknown, want: unknown): boolean {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (have === null || typeof have !== 'object') return false;
    return Object.entries(want as Record<string, unknown>).every(([k, w]) => {
      const h = (have as Record<string, unknown>)[k];
      return w === false && h === undefined ? true : satisfies(h, w);
    });
  }
  return canonicalEqual(have, want);
}

const call = (service: string, operation: string, params: Record<string, unknown> = {}): ApiCall => ({ service, operation, params });

async function absentAsNull<T>(read: () => Promise<T>, absent: (e: unknown) => boolean): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (absent(e)) return null;
    throw e;
  }
}
const named = (...names: string[]) => (e: unknown) => names.includes((e as { name?: string }).name ?? '') || names.includes((e as { Code?: string }).Code ?? '');

function toBpa(c: Record<string, unknown> | undefined): BlockPublicAccess | null {
  if (!c) return null;
  return { blockPublicAcls: c['BlockPublicAcls'] === true, ignorePublicAcls: c['IgnorePublicAcls'] === true, blockPublicPolicy: c['BlockPublicPolicy'] === true, restrictPublicBuckets: c['RestrictPublicBuckets'] === true };
}

function toPasswordPolicy(p: Record<string, unknown>): PasswordPolicy {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    const camel = k[0]!.toLowerCase() + k.slice(1);
    if (['minimumPasswordLength', 'passwordReusePrevention', 'requireSymbols', 'requireNumbers', 'requireUppercaseCharacters', 'requireLowercaseCharacters', 'allowUsersToChangePassword', 'maxPasswordAge', 'hardExpiry'].includes(camel)) out[camel] = v;
  }
  return out as PasswordPolicy;
}

const scalarState = (read: (c: AccountCaller, a: PlanAction) => Promise<unknown>) => async (c: AccountCaller, a: PlanAction): Promise<Live> => ({ state: await read(c, a) });

const bpaHandler = (service: 's3' | 's3control', key: 'Bucket' | 'AccountId'): KindHandler => ({
  read: scalarState(async (c, a) => {
    const id = a.calls[0]!.params[key];
    const out = await absentAsNull(() => c.send(call(service, 'GetPublicAccessBlock', { [key]: id }), a.region), named('NoSuchPublicAccessBlockConfiguration'));
    return out === null ? null : toBpa(out['PublicAccessBlockConfiguration'] as Record<string, unknown> | undefined);
  }),
  undo: (a, prior) => {
    const id = a.calls[0]!.params[key];
    return prior.state === null
      ? [call(service, 'DeletePublicAccessBlock', { [key]: id })]
      : [call(service, 'PutPublicAccessBlock', { [key]: id, PublicAccessBlockConfiguration: bpaParams(prior.state as BlockPublicAccess) })];
  },
});

const ORG = 'organizations';

async function findPolicy(c: AccountCaller, name: string): Promise<{ id: string; content: string; targets: string[] } | undefined> {
  let token: string | undefined;
  do {
    const page = await c.send(call(ORG, 'ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY', ...(token ? { NextToken: token } : {}) }), null);
    const hit = (page['Policies'] as Array<{ Id?: string; Name?: string }> | undefined)?.find((p) => p.Name === name);
    if (hit?.Id) {
      const described = await c.send(call(ORG, 'DescribePolicy', { PolicyId: hit.Id }), null);
      const content = String((described['Policy'] as { Content?: string } | undefined)?.Content ?? '');
      const targets: string[] = [];
      let t: string | undefined;
      do {
        const tp = await c.send(call(ORG, 'ListTargetsForPolicy', { PolicyId: hit.Id, ...(t ? { NextToken: t } : {}) }), null);
        for (const x of (tp['Targets'] as Array<{ TargetId?: string }> | undefined) ?? []) if (x.TargetId) targets.push(x.TargetId);
        t = tp['NextToken'] as string | undefined;
      } while (t);
      return { id: hit.Id, content, targets };
    }
    token = page['NextToken'] as string | undefined;
  } while (token);
  return undefined;
}

export async function ouIdByName(c: AccountCaller, parentId: string, name: string): Promise<string | undefined> {
  let token: string | undefined;
  do {
    const page = await c.send(call(ORG, 'ListOrganizationalUnitsForParent', { ParentId: parentId, ...(token ? { NextToken: token } : {}) }), null);
    const hit = (page['OrganizationalUnits'] as Array<{ Id?: string; Name?: string }> | undefined)?.find((o) => o.Name?.toLowerCase() === name.toLowerCase());
    if (hit?.Id) return hit.Id;
    token = page['NextToken'] as string | undefined;
  } while (token);
  return undefined;
}

interface ScpTargetRef {
  type: string;
  id: string | null;
  name: string;
}

const sameContent = (a: string, b: string) => {
  try {
    return canonicalEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
};

type OrgServiceKind = 'org.service-access' | 'org.delegated-admin' | 'org.guardduty-admin' | 'org.securityhub-admin' | 'org.access-analyzer' | 'org.trail-bucket' | 'org.trail-key' | 'org.trail';

const handlers: Omit<Record<ActionKind, KindHandler>, OrgServiceKind> = {
  'iam.password-policy': {
    read: scalarState(async (c) => {
      const out = await absentAsNull(() => c.send(call('iam', 'GetAccountPasswordPolicy'), null), named('NoSuchEntity', 'NoSuchEntityException'));
      return out === null ? null : toPasswordPolicy((out['PasswordPolicy'] as Record<string, unknown>) ?? {});
    }),
    undo: (_a, prior) =>
      prior.state === null ? [call('iam', 'DeleteAccountPasswordPolicy')] : [call('iam', 'UpdateAccountPasswordPolicy', passwordPolicyParams(prior.state as PasswordPolicy))],
  },
  's3.account-bpa': bpaHandler('s3control', 'AccountId'),
  's3.bucket-bpa': bpaHandler('s3', 'Bucket'),
  'account.alternate-contact': {
    read: scalarState(async (c, a) => {
      const type = a.calls[0]!.params['AlternateContactType'];
      const out = await absentAsNull(() => c.send(call('account', 'GetAlternateContact', { AlternateContactType: type }), null), named('ResourceNotFoundException'));
      const ac = out?.['AlternateContact'] as Record<string, string> | undefined;
      return ac ? { name: ac['Name'], title: ac['Title'], emailAddress: ac['EmailAddress'], phoneNumber: ac['PhoneNumber'] } : null;
    }),
    undo: (a, prior) => {
      const type = a.calls[0]!.params['AlternateContactType'];
      const p = prior.state as { name: string; title: string; emailAddress: string; phoneNumber: string } | null;
      return p === null
        ? [call('account', 'DeleteAlternateContact', { AlternateContactType: type })]
        : [call('account', 'PutAlternateContact', { AlternateContactType: type, Name: p.name, Title: p.title, EmailAddress: p.emailAddress, PhoneNumber: p.phoneNumber })];
    },
  },
  'ec2.ebs-encryption-default': {
    read: scalarState(async (c, a) => (await c.send(call('ec2', 'GetEbsEncryptionByDefault'), a.region))['EbsEncryptionByDefault'] === true),
    undo: () => [call('ec2', 'DisableEbsEncryptionByDefault')],
  },
  'ec2.revoke-open-ingress': {
    read: scalarState(async (c, a) => {
      const ids = a.calls[0]!.params['SecurityGroupRuleIds'] as string[];
      const out = await absentAsNull(() => c.send(call('ec2', 'DescribeSecurityGroupRules', { SecurityGroupRuleIds: ids }), a.region), named('InvalidSecurityGroupRuleId.NotFound'));
      return { present: ((out?.['SecurityGroupRules'] as unknown[] | undefined) ?? []).length > 0 };
    }),
    inPlace: (_a, live) => (live.state as { present: boolean }).present === false,
    drift: () => undefined,
    undo: (a) => {
      const r = a.details['rule'] as { ipProtocol: string; fromPort: number | null; toPort: number | null; cidrIpv4: string | null; cidrIpv6: string | null };
      const range = r.cidrIpv4 ? { IpRanges: [{ CidrIp: r.cidrIpv4 }] } : { Ipv6Ranges: [{ CidrIpv6: r.cidrIpv6 }] };
      return [call('ec2', 'AuthorizeSecurityGroupIngress', { GroupId: a.details['groupId'], IpPermissions: [{ IpProtocol: r.ipProtocol, FromPort: r.fromPort ?? undefined, ToPort: r.toPort ?? undefined, ...range }] })];
    },
  },
  'ec2.instance-imdsv2': {
    read: scalarState(async (c, a) => {
      const out = await c.send(call('ec2', 'DescribeInstances', { InstanceIds: [a.calls[0]!.params['InstanceId']] }), a.region);
      const inst = (out['Reservations'] as Array<{ Instances?: Array<{ MetadataOptions?: { HttpTokens?: string } }> }> | undefined)?.[0]?.Instances?.[0];
      return { httpTokens: inst?.MetadataOptions?.HttpTokens ?? null };
    }),
    undo: (a, prior) => [call('ec2', 'ModifyInstanceMetadataOptions', { InstanceId: a.calls[0]!.params['InstanceId'], HttpTokens: (prior.state as { httpTokens: string | null }).httpTokens ?? 'optional' })],
  },
  'kms.key-rotation': {
    read: scalarState(async (c, a) => (await c.send(call('kms', 'GetKeyRotationStatus', { KeyId: a.calls[0]!.params['KeyId'] }), a.region))['KeyRotationEnabled'] === true),
    undo: (a) => [call('kms', 'DisableKeyRotation', { KeyId: a.calls[0]!.params['KeyId'] })],
  },
  'cloudtrail.log-validation': {
    read: scalarState(async (c, a) => {
      const out = await c.send(call('cloudtrail', 'DescribeTrails', { trailNameList: [a.details['trailArn']] }), a.region);
      return (out['trailList'] as Array<{ LogFileValidationEnabled?: boolean }> | undefined)?.[0]?.LogFileValidationEnabled === true;
    }),
    undo: (a) => [call('cloudtrail', 'UpdateTrail', { Name: a.details['trailArn'], EnableLogFileValidation: false })],
  },
  'accessanalyzer.analyzer': {
    read: scalarState(async (c, a) => {
      const out = await c.send(call('accessanalyzer', 'ListAnalyzers', {}), a.region);
      return { active: ((out['analyzers'] as Array<{ status?: string }> | undefined) ?? []).some((x) => x.status === 'ACTIVE') };
    }),
    undo: (a) => [call('accessanalyzer', 'DeleteAnalyzer', { analyzerName: a.calls[0]!.params['analyzerName'] })],
  },
  'guardduty.detector': {
    read: async (c, a) => {
      const ids = ((await c.send(call('guardduty', 'ListDetectors', {}), a.region))['DetectorIds'] as string[] | undefined) ?? [];
      for (const id of ids) {
        const d = await c.send(call('guardduty', 'GetDetector', { DetectorId: id }), a.region);
        if (d['Status'] === 'ENABLED') return { state: { enabled: true }, facts: { detectorId: id } };
      }
      return { state: { enabled: false }, facts: ids[0] ? { detectorId: ids[0] } : {} };
    },
    undo: (a, _prior, made) => {
      const created = outputOf(made, 'CreateDetector')?.['DetectorId'];
      return created ? [call('guardduty', 'DeleteDetector', { DetectorId: created })] : [call('guardduty', 'UpdateDetector', { DetectorId: a.calls[0]!.params['DetectorId'], Enable: false })];
    },
  },
  'securityhub.hub': {
    read: scalarState(async (c, a) => {
      const out = await absentAsNull(() => c.send(call('securityhub', 'DescribeHub', {}), a.region), (e) => named('InvalidAccessException', 'ResourceNotFoundException')(e) || classifyErrorCode(e) === 'OptInRequired');
      return { enabled: out !== null };
    }),
    undo: () => [call('securityhub', 'DisableSecurityHub')],
  },
  'guardduty.features': {
    read: scalarState(async (c, a) => {
      const d = await c.send(call('guardduty', 'GetDetector', { DetectorId: a.details['detectorId'] }), a.region);
      const features = (d['Features'] as Array<{ Name?: string; Status?: string }> | undefined) ?? [];
      return Object.fromEntries((a.details['features'] as string[]).map((n) => [n, features.find((f) => f.Name === n)?.Status ?? 'DISABLED']));
    }),
    undo: (a, prior) => [
      call('guardduty', 'UpdateDetector', { DetectorId: a.details['detectorId'], Features: Object.entries(prior.state as Record<string, string>).map(([Name, Status]) => ({ Name, Status })) }),
    ],
  },
  'config.recorder': {
    read: async (c, a) => {
      const recorders = ((await c.send(call('config', 'DescribeConfigurationRecorders', {}), a.region))['ConfigurationRecorders'] as Array<{ name?: string; recordingGroup?: { allSupported?: boolean; includeGlobalResourceTypes?: boolean } }> | undefined) ?? [];
      const statuses = ((await c.send(call('config', 'DescribeConfigurationRecorderStatus', {}), a.region))['ConfigurationRecordersStatus'] as Array<{ name?: string; recording?: boolean }> | undefined) ?? [];
      const channels = ((await c.send(call('config', 'DescribeDeliveryChannels', {}), a.region))['DeliveryChannels'] as unknown[] | undefined) ?? [];
      const role = await absentAsNull(() => c.send(call('iam', 'GetRole', { RoleName: 'AWSServiceRoleForConfig' }), null), named('NoSuchEntity', 'NoSuchEntityException'));
      const r = recorders[0];
      return {
        state: {
          recorder: r ? { allSupported: r.recordingGroup?.allSupported === true, includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes === true } : null,
          recording: statuses.find((x) => x.name === r?.name)?.recording === true,
          channel: channels.length > 0,
        },
        facts: { roleExists: role !== null },
      };
    },
    // the service-linked role and the delivery channel only when missing
    remaining: (a, live) =>
      a.calls.filter((x) => !(x.operation === 'CreateServiceLinkedRole' && (live.facts as { roleExists: boolean }).roleExists) && !(x.operation === 'PutDeliveryChannel' && (live.state as { channel: boolean }).channel)),
    undo: (a, _prior, made) => {
      const name = a.details['recorderName'];
      const channel = made.some((m) => m.call.operation === 'PutDeliveryChannel');
      return [
        call('config', 'StopConfigurationRecorder', { ConfigurationRecorderName: name }),
        ...(channel ? [call('config', 'DeleteDeliveryChannel', { DeliveryChannelName: 'default' })] : []),
        call('config', 'DeleteConfigurationRecorder', { ConfigurationRecorderName: name }),
      ];
    },
  },
  'securityhub.standards': {
    read: scalarState(async (c, a) => {
      const subs = await allPages<{ StandardsArn?: string; StandardsStatus?: string }>(c, 'securityhub', 'GetEnabledStandards', {}, 'StandardsSubscriptions', a.region);
      const live = subs.filter((x) => x.StandardsStatus !== 'FAILED' && x.StandardsStatus !== 'DELETING').map((x) => x.StandardsArn);
      return { standards: (a.details['standards'] as string[]).filter((arn) => live.includes(arn)) };
    }),
    drift: () => undefined,
    // subscribe only to what is still missing
    remaining: (a, live) => {
      const have = (live.state as { standards: string[] }).standards;
      const missing = (a.details['standards'] as string[]).filter((arn) => !have.includes(arn));
      return [call('securityhub', 'BatchEnableStandards', { StandardsSubscriptionRequests: missing.map((StandardsArn) => ({ StandardsArn })) })];
    },
    undo: (_a, _prior, made) => {
      const subs = (outputOf(made, 'BatchEnableStandards')?.['StandardsSubscriptions'] as Array<{ StandardsSubscriptionArn?: string }> | undefined) ?? [];
      const arns = subs.flatMap((x) => (x.StandardsSubscriptionArn ? [x.StandardsSubscriptionArn] : []));
      return arns.length > 0 ? [call('securityhub', 'BatchDisableStandards', { StandardsSubscriptionArns: arns })] : [];
    },
  },
  'inspector2.enable': {
    read: scalarState(async (c, a) => {
      const out = await c.send(call('inspector2', 'BatchGetAccountStatus', { accountIds: [a.accountId] }), a.region);
      const state = ((out['accounts'] as Array<{ resourceState?: Record<string, { status?: string }> }> | undefined) ?? [])[0]?.resourceState ?? {};
      const key: Record<string, string> = { EC2: 'ec2', ECR: 'ecr', LAMBDA: 'lambda', LAMBDA_CODE: 'lambdaCode' };
      return Object.fromEntries((a.details['resourceTypes'] as string[]).map((t) => [t, state[key[t] ?? t]?.status === 'ENABLED']));
    }),
    drift: () => undefined,
    undo: (a) => [call('inspector2', 'Disable', { accountIds: [a.accountId], resourceTypes: a.details['resourceTypes'] })],
  },
  'macie.enable': {
    read: scalarState(async (c, a) => {
      // Macie answers AccessDenied "Macie is not enabled" for an account without a session
      const notEnabled = (e: unknown) => named('AccessDeniedException')(e) && /not enabled/i.test(String((e as { message?: string }).message));
      const out = await absentAsNull(() => c.send(call('macie2', 'GetMacieSession', {}), a.region), notEnabled);
      return { enabled: out !== null && out['status'] === 'ENABLED' };
    }),
    undo: () => [call('macie2', 'DisableMacie')],
  },
  'accessanalyzer.unused-access': {
    read: scalarState(async (c, a) => {
      const analyzers = await allPages<{ status?: string }>(c, 'accessanalyzer', 'ListAnalyzers', { type: 'ACCOUNT_UNUSED_ACCESS' }, 'analyzers', a.region);
      return { active: analyzers.some((x) => x.status === 'ACTIVE') };
    }),
    undo: (a) => [call('accessanalyzer', 'DeleteAnalyzer', { analyzerName: a.calls[0]!.params['analyzerName'] })],
  },
  'org.enable-scp-type': {
    read: scalarState(async (c, a) => {
      const roots = ((await c.send(call(ORG, 'ListRoots', {}), null))['Roots'] as Array<{ Id?: string; PolicyTypes?: Array<{ Type?: string; Status?: string }> }> | undefined) ?? [];
      const root = roots.find((r) => r.Id === a.calls[0]!.params['RootId']);
      return { enabled: Boolean(root?.PolicyTypes?.some((t) => t.Type === 'SERVICE_CONTROL_POLICY' && t.Status === 'ENABLED')) };
    }),
    undo: (a) => [call(ORG, 'DisablePolicyType', { RootId: a.calls[0]!.params['RootId'], PolicyType: 'SERVICE_CONTROL_POLICY' })],
  },
  'org.create-ou': {
    read: async (c, a) => {
      const id = await ouIdByName(c, String(a.details['parentId']), String(a.details['name']));
      return { state: { exists: id !== undefined }, facts: { ouId: id } };
    },
    undo: (_a, _prior, made) => {
      const id = (outputOf(made, 'CreateOrganizationalUnit')?.['OrganizationalUnit'] as { Id?: string } | undefined)?.Id;
      return id ? [call(ORG, 'DeleteOrganizationalUnit', { OrganizationalUnitId: id })] : [];
    },
  },
  'org.scp': {
    read: async (c, a) => {
      const policy = await findPolicy(c, String(a.details['name']));
      const targets = a.details['targets'] as ScpTargetRef[];
      const targetIds: Array<string | undefined> = [];
      for (const t of targets) targetIds.push(t.id ?? (await ouIdByName(c, rootIdOf(a), t.name)));
      return { state: { exists: policy !== undefined }, facts: { policy, targetIds } };
    },
    inPlace: (a, live) => {
      const { policy, targetIds } = live.facts as { policy?: { content: string; targets: string[] }; targetIds: Array<string | undefined> };
      return policy !== undefined && sameContent(policy.content, String(a.details['content'])) && targetIds.every((t) => t !== undefined && policy.targets.includes(t));
    },
    drift: (a, live) => {
      const { policy } = live.facts as { policy?: { content: string } };
      if (policy && !sameContent(policy.content, String(a.details['content']))) return `an SCP named ${String(a.details['name'])} already exists with different content`;
      return undefined;
    },
    remaining: (a, live) => {
      const { policy } = live.facts as { policy?: { id: string; targets: string[] } };
      if (!policy) return a.calls;
      // resume a partly applied action: the policy exists, attach it where it is still missing
      const { targetIds } = live.facts as { targetIds: Array<string | undefined> };
      return a.calls.slice(1).flatMap((c, i) => (targetIds[i] !== undefined && policy.targets.includes(targetIds[i]!) ? [] : [{ ...c, params: { ...c.params, PolicyId: policy.id } }]));
    },
    undo: (_a, prior, made) => {
      const { policy } = prior.facts as { policy?: { id: string } };
      const createdId = (outputOf(made, 'CreatePolicy')?.['Policy'] as { PolicySummary?: { Id?: string } } | undefined)?.PolicySummary?.Id;
      const policyId = createdId ?? policy?.id;
      if (!policyId) return [];
      // only what this apply attached: attachments that were there before stay
      const attached = made.filter((m) => m.call.operation === 'AttachPolicy').map((m) => m.call.params['TargetId']);
      return [...attached.map((t) => call(ORG, 'DetachPolicy', { PolicyId: policyId, TargetId: t })), ...(createdId ? [call(ORG, 'DeletePolicy', { PolicyId: createdId })] : [])];
    },
  },
};

/** Every page of a list call, flattened: `field` of each page. */
async function allPages<T>(c: AccountCaller, service: string, operation: string, params: Record<string, unknown>, field: string, region: string | null): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await c.send(call(service, operation, { ...params, ...(token ? { NextToken: token } : {}) }), region);
    items.push(...(((page[field] as T[] | undefined) ?? [])));
    token = page['NextToken'] as string | undefined;
  } while (token);
  return items;
}

/** The GuardDuty / Security Hub organization administrator in a Region: only one at a time, never replaced. */
function orgAdminHandler(service: 'guardduty' | 'securityhub'): KindHandler {
  return {
    read: scalarState(async (c, a) => {
      const admins = await allPages<Record<string, string>>(c, service, 'ListOrganizationAdminAccounts', {}, 'AdminAccounts', a.region);
      const enabled = admins.find((x) => (x['AdminStatus'] ?? x['Status']) === 'ENABLED');
      return { admin: enabled ? (enabled['AdminAccountId'] ?? enabled['AccountId'] ?? null) : null };
    }),
    drift: (a, live) => {
      const admin = (live.state as { admin: string | null }).admin;
      return admin !== null && admin !== a.details['adminAccountId'] ? `${admin} is already the ${service} administrator in ${a.region}; disable it first if ${String(a.details['adminAccountId'])} should be` : undefined;
    },
    undo: (a) => [call(service, 'DisableOrganizationAdminAccount', { AdminAccountId: a.details['adminAccountId'] })],
  };
}

const orgServiceHandlers: Record<OrgServiceKind, KindHandler> = {
  'org.service-access': {
    read: scalarState(async (c, a) => {
      const enabled = await allPages<{ ServicePrincipal?: string }>(c, ORG, 'ListAWSServiceAccessForOrganization', {}, 'EnabledServicePrincipals', null);
      return { enabled: enabled.some((p) => p.ServicePrincipal === a.details['servicePrincipal']) };
    }),
    undo: (a) => [call(ORG, 'DisableAWSServiceAccess', { ServicePrincipal: a.details['servicePrincipal'] })],
  },
  'org.delegated-admin': {
    read: scalarState(async (c, a) => {
      const admins = await allPages<{ Id?: string }>(c, ORG, 'ListDelegatedAdministrators', { ServicePrincipal: a.details['servicePrincipal'] }, 'DelegatedAdministrators', null);
      return { administrators: admins.flatMap((x) => (x.Id ? [x.Id] : [])).sort() };
    }),
    inPlace: (a, live) => (live.state as { administrators: string[] }).administrators.includes(String(a.details['adminAccountId'])),
    drift: (a, live) => {
      const ids = (live.state as { administrators: string[] }).administrators;
      return ids.length > 0 ? `${ids.join(', ')} already administers ${String(a.details['servicePrincipal'])}; deregister it first if ${String(a.details['adminAccountId'])} should` : undefined;
    },
    undo: (a) => [call(ORG, 'DeregisterDelegatedAdministrator', { AccountId: a.details['adminAccountId'], ServicePrincipal: a.details['servicePrincipal'] })],
  },
  'org.guardduty-admin': orgAdminHandler('guardduty'),
  'org.securityhub-admin': orgAdminHandler('securityhub'),
  'org.access-analyzer': {
    read: scalarState(async (c, a) => {
      const analyzers = await allPages<{ status?: string }>(c, 'accessanalyzer', 'ListAnalyzers', { type: 'ORGANIZATION' }, 'analyzers', a.region);
      return { active: analyzers.some((x) => x.status === 'ACTIVE') };
    }),
    undo: (a) => [call('accessanalyzer', 'DeleteAnalyzer', { analyzerName: a.calls[0]!.params['analyzerName'] })],
  },
  'org.trail-bucket': {
    read: scalarState(async (c, a) => {
      const bucket = String(a.details['bucket']);
      // ExpectedBucketOwner: a bucket of that name in any other account is refused (403), never written to
      const head = await absentAsNull(() => c.send(call('s3', 'HeadBucket', { Bucket: bucket, ExpectedBucketOwner: a.accountId }), a.region), named('NotFound', 'NoSuchBucket'));
      if (head === null) return { exists: false, versioning: null, cloudTrailCanWrite: false };
      const versioning = (await c.send(call('s3', 'GetBucketVersioning', { Bucket: bucket }), a.region))['Status'] ?? null;
      const policy = await absentAsNull(() => c.send(call('s3', 'GetBucketPolicy', { Bucket: bucket }), a.region), named('NoSuchBucketPolicy'));
      const statements = (JSON.parse(String(policy?.['Policy'] ?? '{"Statement":[]}')) as { Statement?: Array<{ Sid?: string }> }).Statement ?? [];
      return { exists: true, versioning, cloudTrailCanWrite: statements.some((st) => st.Sid === 'AWSCloudTrailWrite') };
    }),
    drift: () => undefined,
    // an existing bucket of this account keeps its contents: only its protections are (re)set
    remaining: (a, live) => ((live.state as { exists: boolean }).exists ? a.calls.slice(1) : a.calls),
    undo: () => [],
  },
  'org.trail-key': {
    read: scalarState(async (c, a) => {
      const key = await absentAsNull(() => c.send(call('kms', 'DescribeKey', { KeyId: a.details['alias'] }), a.region), named('NotFoundException'));
      return { exists: key !== null };
    }),
    undo: () => [],
  },
  'org.trail': {
    read: async (c, a) => {
      const name = String(a.calls[0]!.params['Name']);
      const out = await absentAsNull(() => c.send(call('cloudtrail', 'DescribeTrails', { trailNameList: [name], includeShadowTrails: false }), a.region), named('TrailNotFoundException'));
      const trail = (out?.['trailList'] as Array<{ Name?: string; TrailARN?: string; IsOrganizationTrail?: boolean }> | undefined)?.find((t) => t.Name === name);
      if (!trail) return { state: { exists: false, logging: false, organizationTrail: false } };
      const status = await c.send(call('cloudtrail', 'GetTrailStatus', { Name: trail.TrailARN ?? name }), a.region);
      return { state: { exists: true, logging: status['IsLogging'] === true, organizationTrail: trail.IsOrganizationTrail === true } };
    },
    drift: (a, live) =>
      (live.state as { exists: boolean }).exists && !(live.state as { organizationTrail: boolean }).organizationTrail
        ? `a trail named ${String(a.calls[0]!.params['Name'])} already exists and is not an organization trail; pick another organization.trail.name`
        : undefined,
    remaining: (a, live) => ((live.state as { exists: boolean }).exists ? a.calls.slice(1) : a.calls),
    undo: (a, _prior, made) => {
      const arn = a.details['trailArn'];
      const created = made.some((m) => m.call.operation === 'CreateTrail');
      return [call('cloudtrail', 'StopLogging', { Name: arn }), ...(created ? [call('cloudtrail', 'DeleteTrail', { Name: arn })] : [])];
    },
  },
};

function rootIdOf(a: PlanAction): string {
  for (const c of a.calls) {
    const t = c.params['TargetId'] as { $ouId?: { parentId: string } } | string | undefined;
    if (t && typeof t === 'object' && t.$ouId) return t.$ouId.parentId;
  }
  return '';
}

export function handlerFor(kind: ActionKind): KindHandler {
  const all: Record<ActionKind, KindHandler> = { ...handlers, ...orgServiceHandlers };
  return all[kind];
}
