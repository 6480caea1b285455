// EC2 user-data fixtures: the empty slice of a fixture Region, and instance / template-version builders.
import { ok } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { Ec2UserDataSlice, UserDataInstance, UserDataTemplateVersion } from './schema.ts';

export function emptyEc2UserData(): Ec2UserDataSlice {
  return { instances: ok([]), launchTemplateVersions: ok([]) };
}

/** A running instance; `secrets` are the detector's verdicts on its user data (null: it has none). */
export function userDataInstance(instanceId: string, secrets: SecretMatch[] | null = [], over: Partial<UserDataInstance> = {}): UserDataInstance {
  return { instanceId, state: 'running', userDataSecrets: ok(secrets), ...over };
}

export function userDataTemplateVersion(
  launchTemplateId: string,
  versionNumber: number,
  secrets: SecretMatch[] | null = [],
  over: Partial<UserDataTemplateVersion> = {},
): UserDataTemplateVersion {
  return { launchTemplateId, launchTemplateName: launchTemplateId, versionNumber, isDefault: true, isLatest: true, userDataSecrets: ok(secrets), ...over };
}
