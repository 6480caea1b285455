// Auto Scaling fixtures: the empty slice of a fixture Region and a launch-configuration builder.
import { ok } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { AutoscalingSlice, LaunchConfiguration } from './schema.ts';

export function emptyAutoscaling(): AutoscalingSlice {
  return { launchConfigurations: ok([]) };
}

/** A launch configuration; `secrets` are the detector's verdicts on its user data (null: it has none). */
export function launchConfiguration(name: string, secrets: SecretMatch[] | null = [], opts: { region?: string; accountId?: string } & Partial<LaunchConfiguration> = {}): LaunchConfiguration {
  const { region = 'us-east-1', accountId = '111111111111', ...over } = opts;
  return {
    name,
    arn: `arn:aws:autoscaling:${region}:${accountId}:launchConfiguration:00000000-0000-0000-0000-000000000000:launchConfigurationName/${name}`,
    userDataSecrets: ok(secrets),
    ...over,
  };
}
