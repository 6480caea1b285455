import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { ami } from '../../services/ebs/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ami-public.ts';

testCheck(check, {
  pass: [
    {
      name: 'private images, block public access on',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.images', [ami('ami-1', { name: 'base' })]))),
      resources: ['ami-1', 'eu-west-1', 'us-east-1'],
    },
  ],
  fail: [
    {
      name: 'a public image',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ebs.images', [ami('ami-pub', { public: true, name: 'web' }), ami('ami-priv')]))),
      resources: ['ami-pub'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /AMI ami-pub \(web\) is public/),
    },
  ],
  warn: [
    {
      name: 'block public access for AMIs unblocked',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.imageBlockPublicAccess', 'unblocked'))),
      resources: ['us-east-1'],
    },
  ],
  error: [
    {
      name: 'image list unreadable: one error on the Region, no block-public-access verdict beside it',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ebs.images', 'AccessDenied', 'ec2:DescribeImages'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
    {
      name: 'block public access state unsupported; the images are still judged',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ebs.images', [ami('ami-1')]).fail('ebs.imageBlockPublicAccess', 'Unsupported', 'ec2:GetImageBlockPublicAccessState'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'ami-1')?.status, 'pass'),
    },
  ],
});
