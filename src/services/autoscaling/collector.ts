// Auto Scaling collector (per Region): DescribeLaunchConfigurations, paginated (100 per page), whose answer carries
// each configuration's user data. The data goes through the EC2 user-data scan (the same decoder and detector) here;
// only the verdicts are kept.
import { AutoScalingClient, paginateDescribeLaunchConfigurations } from '@aws-sdk/client-auto-scaling';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import { scanUserData } from '../ec2-userdata/collector.ts';
import type { AutoscalingSlice, LaunchConfiguration } from './schema.ts';

const OPS = { launchConfigurations: 'autoscaling:DescribeLaunchConfigurations' } as const;

export const autoscalingCollector: RegionalCollector<'autoscaling'> = {
  key: 'autoscaling',
  operations: Object.values(OPS),
  async collect(ctx): Promise<AutoscalingSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, AutoScalingClient);
    const listed = await read(OPS.launchConfigurations, region, () =>
      limiter.run(() => drain(paginateDescribeLaunchConfigurations({ client, pageSize: 100 }, {}), (p) => p.LaunchConfigurations)),
    );
    if (!listed.ok) return { launchConfigurations: listed };
    const configurations: LaunchConfiguration[] = [];
    for (const c of listed.value) {
      const name = need(c.LaunchConfigurationName, 'LaunchConfigurations.LaunchConfigurationName');
      configurations.push({
        name,
        arn: need(c.LaunchConfigurationARN, 'LaunchConfigurations.LaunchConfigurationARN'),
        // user data that does not decode is an error on that configuration only
        userDataSecrets: await read(OPS.launchConfigurations, region, () => scanUserData(c.UserData)),
      });
    }
    return { launchConfigurations: ok(configurations) };
  },
};
