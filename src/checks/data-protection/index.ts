// Registry of the data-protection checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import s3AccountBpa from './s3-account-bpa.ts';
import s3BucketPublic from './s3-bucket-public.ts';
import ebsDefaultEncryption from './ebs-default-encryption.ts';
import rdsPublic from './rds-public.ts';
import rdsEncrypted from './rds-encrypted.ts';
import rdsSnapshotPublic from './rds-snapshot-public.ts';
import redshiftPublic from './redshift-public.ts';
import redshiftEncrypted from './redshift-encrypted.ts';
import opensearchPublic from './opensearch-public.ts';
import opensearchEncrypted from './opensearch-encrypted.ts';
import dbSecretsRotation from './db-secrets-rotation.ts';
import rdsIamAuth from './rds-iam-auth.ts';
import kmsRotation from './kms-rotation.ts';

export const checks: Check[] = [
  s3AccountBpa as Check,
  s3BucketPublic as Check,
  ebsDefaultEncryption as Check,
  rdsPublic as Check,
  rdsEncrypted as Check,
  rdsSnapshotPublic as Check,
  redshiftPublic as Check,
  redshiftEncrypted as Check,
  opensearchPublic as Check,
  opensearchEncrypted as Check,
  dbSecretsRotation as Check,
  rdsIamAuth as Check,
  kmsRotation as Check,
];
