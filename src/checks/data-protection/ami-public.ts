// ami-public: no AMI the account owns is public, and block public access for AMIs is on (controls.md 1.F).
// Per image: fail when public. Per Region: pass when image block public access is block-new-sharing, warn otherwise.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ami-public',
    title: 'No owned AMI is public; AMI block public access on',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsEc2Image',
    rationale:
      'Anyone can launch a public AMI and read its disks: application code, configuration and any credentials baked into the image. Block public access for AMIs stops new public shares.',
    remediation: {
      text: 'Remove the public launch permission from the image and share it with named accounts or the organization instead; turn on block public access for AMIs in every Region.',
      cli: 'aws ec2 modify-image-attribute --image-id <image-id> --launch-permission "Remove=[{Group=all}]" --region <region>\naws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing --region <region>',
    },
    references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html'],
    compliance: { prowler: ['ec2_ami_public', 'ec2_ami_account_block_public_access'], sources: ['002'] },
    fixable: true,
    reads: ['regional.*.ebs.images', 'regional.*.ebs.imageBlockPublicAccess'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const images = readInRegion(ctx, data.ebs.images, 'the AMIs owned by the account', region);
      if (!images.ok) {
        // The Region is this check's resource for the block-public-access verdict too: no second verdict beside the error.
        results.push(images.result);
        continue;
      }
      for (const i of images.value) {
        const resource: ResourceRef = { type: 'AwsEc2Image', id: i.imageId };
        const evidence = { public: i.public, name: i.name, state: i.state };
        const named = i.name && i.name !== i.imageId ? ` (${i.name})` : '';
        results.push(
          i.public
            ? ctx.fail(resource, `AMI ${i.imageId}${named} is public: anyone can launch it and read its disks`, { region, evidence, remediationValues: { 'image-id': i.imageId, region } })
            : ctx.pass(resource, `AMI ${i.imageId}${named} is not public`, { region, evidence }),
        );
      }
      const resource = regionResource(region);
      const state = readInRegion(ctx, data.ebs.imageBlockPublicAccess, 'the block public access state for AMIs', region);
      if (!state.ok) {
        results.push(state.result);
        continue;
      }
      const evidence = { imageBlockPublicAccessState: state.value, ownedImages: images.value.length };
      results.push(
        state.value === 'block-new-sharing'
          ? ctx.pass(resource, `block public access for AMIs is on (block-new-sharing) in ${region}`, { region, evidence })
          : ctx.warn(resource, `block public access for AMIs is ${state.value} in ${region}, so any AMI there can be made public`, { region, evidence, remediationValues: { region } }),
      );
    }
    return results;
  },
});
