// The Regions of each AWS partition, to validate `--region`/`--regions` before any call (a typo gets the closest
// name). Taken from the AWS SDK's partition data (@aws-sdk/core 3.981, util-endpoints partitions); the SDK does not
// export the list, so it is kept here. A Region missing from it is refused with exit 2: add it when AWS opens one.

export const partitionRegions: Readonly<Record<string, readonly string[]>> = {
  aws: [
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
    'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
    'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1', 'sa-west-1', 'us-east-1',
    'us-east-2', 'us-west-1', 'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-eusc': ['eusc-de-east-1'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1'],
  'aws-iso-b': ['us-isob-east-1', 'us-isob-west-1'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-east-1', 'us-isof-south-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

/** The partition that has this Region, or undefined for a name no partition has. */
export function partitionWithRegion(region: string): string | undefined {
  return Object.entries(partitionRegions).find(([, list]) => list.includes(region))?.[0];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known Region whose name is closest to `name` (for "did you mean"). */
export function closestRegion(name: string): string {
  const all = Object.values(partitionRegions).flat();
  let best = all[0] ?? 'us-east-1';
  let bestDistance = Infinity;
  for (const r of all) {
    const d = editDistance(name.toLowerCase(), r);
    if (d < bestDistance) [best, bestDistance] = [r, d];
  }
  return best;
}
