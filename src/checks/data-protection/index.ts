// Registry of the data-protection checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import s3AccountBpa from './s3-account-bpa.ts';
import s3BucketPublic from './s3-bucket-public.ts';
import ebsDefaultEncryption from './ebs-default-encryption.ts';
import kmsRotation from './kms-rotation.ts';
import lambdaEnvSecrets from './lambda-env-secrets.ts';
import ec2UserdataSecrets from './ec2-userdata-secrets.ts';
import otherConfigSecrets from './other-config-secrets.ts';

export const checks: Check[] = [s3AccountBpa as Check, s3BucketPublic as Check, ebsDefaultEncryption as Check, kmsRotation as Check, lambdaEnvSecrets as Check, ec2UserdataSecrets as Check, otherConfigSecrets as Check];
