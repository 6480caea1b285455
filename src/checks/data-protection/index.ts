// Registry of the data-protection checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import s3AccountBpa from './s3-account-bpa.ts';
import s3BucketBpa from './s3-bucket-bpa.ts';
import s3BucketPublic from './s3-bucket-public.ts';
import s3AclsDisabled from './s3-acls-disabled.ts';
import s3BucketPolicyLeastPrivilege from './s3-bucket-policy-least-privilege.ts';
import s3SslOnly from './s3-ssl-only.ts';
import s3Encryption from './s3-encryption.ts';
import ebsDefaultEncryption from './ebs-default-encryption.ts';
import ebsVolumeEncrypted from './ebs-volume-encrypted.ts';
import ebsSnapshotPublic from './ebs-snapshot-public.ts';
import ebsSnapshotBpa from './ebs-snapshot-bpa.ts';
import ebsSnapshotEncrypted from './ebs-snapshot-encrypted.ts';
import amiPublic from './ami-public.ts';
import rdsPublic from './rds-public.ts';
import rdsPrivateSubnet from './rds-private-subnet.ts';
import rdsEncrypted from './rds-encrypted.ts';
import rdsSnapshotPublic from './rds-snapshot-public.ts';
import redshiftPublic from './redshift-public.ts';
import redshiftEncrypted from './redshift-encrypted.ts';
import opensearchPublic from './opensearch-public.ts';
import opensearchEncrypted from './opensearch-encrypted.ts';
import dbSecretsRotation from './db-secrets-rotation.ts';
import rdsIamAuth from './rds-iam-auth.ts';
import kmsRotation from './kms-rotation.ts';
import kmsEncryptDecryptSeparation from './kms-encrypt-decrypt-separation.ts';
import lambdaEnvSecrets from './lambda-env-secrets.ts';
import ec2UserdataSecrets from './ec2-userdata-secrets.ts';
import otherConfigSecrets from './other-config-secrets.ts';
import resourcePoliciesPublic from './resource-policies-public.ts';

export const checks: Check[] = [
  s3AccountBpa as Check,
  s3BucketBpa as Check,
  s3BucketPublic as Check,
  s3AclsDisabled as Check,
  s3BucketPolicyLeastPrivilege as Check,
  s3SslOnly as Check,
  s3Encryption as Check,
  ebsDefaultEncryption as Check,
  ebsVolumeEncrypted as Check,
  ebsSnapshotPublic as Check,
  ebsSnapshotBpa as Check,
  ebsSnapshotEncrypted as Check,
  amiPublic as Check,
  rdsPublic as Check,
  rdsPrivateSubnet as Check,
  rdsEncrypted as Check,
  rdsSnapshotPublic as Check,
  redshiftPublic as Check,
  redshiftEncrypted as Check,
  opensearchPublic as Check,
  opensearchEncrypted as Check,
  dbSecretsRotation as Check,
  rdsIamAuth as Check,
  kmsRotation as Check,
  kmsEncryptDecryptSeparation as Check,
  lambdaEnvSecrets as Check,
  ec2UserdataSecrets as Check,
  otherConfigSecrets as Check,
  resourcePoliciesPublic as Check,
];
