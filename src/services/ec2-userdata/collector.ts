// EC2 user-data collector (per Region): DescribeInstances for the instance ids (terminated ones filtered out by
// the call), DescribeInstanceAttribute userData per instance, and one DescribeLaunchTemplateVersions call for every
// template's $Latest and $Default versions. User data is decoded and scanned here; only the verdicts are kept.
import { DescribeInstanceAttributeCommand, EC2Client, paginateDescribeInstances, paginateDescribeLaunchTemplateVersions } from '@aws-sdk/client-ec2';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient } from '../../collectors/regional/shared.ts';
import { ResponseShapeError } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok, type Collected } from '../../inventory/collected.ts';
import { detectInUserData } from '../../secrets/detect.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { Ec2UserDataSlice, UserDataInstance, UserDataTemplateVersion } from './schema.ts';

const OPS = {
  instances: 'ec2:DescribeInstances',
  attribute: 'ec2:DescribeInstanceAttribute',
  templateVersions: 'ec2:DescribeLaunchTemplateVersions',
} as const;

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/**
 * base64 user data → verdicts; undecodable data becomes a ParseError on that resource (through read()). Shared with
 * the Auto Scaling launch-configuration collector, which scans the same kind of data.
 */
export async function scanUserData(base64: string | undefined): Promise<SecretMatch[] | null> {
  if (base64 === undefined || base64 === '') return null;
  try {
    return await detectInUserData(base64);
  } catch (e) {
    throw new ResponseShapeError(`user data does not decode (${e instanceof Error ? e.name : 'error'})`);
  }
}

export const ec2UserDataCollector: RegionalCollector<'ec2UserData'> = {
  key: 'ec2UserData',
  operations: Object.values(OPS),
  async collect(ctx): Promise<Ec2UserDataSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, EC2Client);
    const listedInstances = await read(OPS.instances, region, () =>
      limiter.run(async () =>
        (
          await drain(
            paginateDescribeInstances({ client, pageSize: 1000 }, { Filters: [{ Name: 'instance-state-name', Values: LIVE_STATES }] }),
            (p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []),
          )
        ).map((i) => ({ instanceId: need(i.InstanceId, 'Instances.InstanceId'), state: need(i.State?.Name, 'Instances.State.Name') })),
      ),
    );
    const instances: Collected<UserDataInstance[]> = listedInstances.ok
      ? ok(
          await Promise.all(
            listedInstances.value.map(async (i) => ({
              ...i,
              userDataSecrets: await read(OPS.attribute, region, () =>
                limiter.run(async () => {
                  const r = await client.send(new DescribeInstanceAttributeCommand({ InstanceId: i.instanceId, Attribute: 'userData' }));
                  return scanUserData(r.UserData?.Value);
                }),
              ),
            })),
          ),
        )
      : listedInstances;
    const launchTemplateVersions = await read(OPS.templateVersions, region, () =>
      limiter.run(async () => {
        const versions = await drain(
          paginateDescribeLaunchTemplateVersions({ client, pageSize: 200 }, { Versions: ['$Latest', '$Default'] }),
          (p) => p.LaunchTemplateVersions,
        );
        const latest = new Map<string, number>();
        for (const v of versions) {
          const id = need(v.LaunchTemplateId, 'LaunchTemplateVersions.LaunchTemplateId');
          latest.set(id, Math.max(latest.get(id) ?? 0, need(v.VersionNumber, 'LaunchTemplateVersions.VersionNumber')));
        }
        const seen = new Set<string>();
        const out: UserDataTemplateVersion[] = [];
        for (const v of versions) {
          const id = need(v.LaunchTemplateId, 'LaunchTemplateVersions.LaunchTemplateId');
          const versionNumber = need(v.VersionNumber, 'LaunchTemplateVersions.VersionNumber');
          if (seen.has(`${id}:${versionNumber}`)) continue;
          seen.add(`${id}:${versionNumber}`);
          out.push({
            launchTemplateId: id,
            launchTemplateName: v.LaunchTemplateName ?? id,
            versionNumber,
            isDefault: v.DefaultVersion === true,
            isLatest: latest.get(id) === versionNumber,
            // a version whose user data does not decode is an error on that version only
            userDataSecrets: await read(OPS.templateVersions, region, () => scanUserData(v.LaunchTemplateData?.UserData)),
          });
        }
        return out;
      }),
    );
    return { instances, launchTemplateVersions };
  },
};
