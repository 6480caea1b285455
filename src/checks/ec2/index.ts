// Registry of the EC2 checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import ec2InstanceProfile from './ec2-instance-profile.ts';
import ec2InstanceRoleAdmin from './ec2-instance-role-admin.ts';
import ec2Imdsv2Required from './ec2-imdsv2-required.ts';
import ec2Imdsv2AccountDefault from './ec2-imdsv2-account-default.ts';
import ec2SsmManaged from './ec2-ssm-managed.ts';
import ec2NoDirectSsh from './ec2-no-direct-ssh.ts';

export const checks: Check[] = [
  ec2InstanceProfile as Check,
  ec2InstanceRoleAdmin as Check,
  ec2Imdsv2Required as Check,
  ec2Imdsv2AccountDefault as Check,
  ec2SsmManaged as Check,
  ec2NoDirectSsh as Check,
];
