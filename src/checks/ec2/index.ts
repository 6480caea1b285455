// Registry of the EC2 checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import ec2Imdsv2Required from './ec2-imdsv2-required.ts';

export const checks: Check[] = [ec2Imdsv2Required as Check];
