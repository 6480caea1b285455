// Registry of the network checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import sgOpenAdminPorts from './sg-open-admin-ports.ts';
import sgOpenDbPorts from './sg-open-db-ports.ts';
import sgOpenAllPorts from './sg-open-all-ports.ts';
import sgOpenOtherPorts from './sg-open-other-ports.ts';
import defaultSgClosed from './default-sg-closed.ts';
import naclOpenAdminPorts from './nacl-open-admin-ports.ts';
import defaultVpcUnused from './default-vpc-unused.ts';
import subnetAutoPublicIp from './subnet-auto-public-ip.ts';
import unusedRegionsEmpty from './unused-regions-empty.ts';
import optInRegionsDisabled from './opt-in-regions-disabled.ts';
import wafOnInternetFacing from './waf-on-internet-facing.ts';
import shieldAdvanced from './shield-advanced.ts';
import networkFirewallFms from './network-firewall-fms.ts';

export const checks: Check[] = [
  sgOpenAdminPorts as Check,
  sgOpenDbPorts as Check,
  sgOpenAllPorts as Check,
  sgOpenOtherPorts as Check,
  defaultSgClosed as Check,
  naclOpenAdminPorts as Check,
  defaultVpcUnused as Check,
  subnetAutoPublicIp as Check,
  unusedRegionsEmpty as Check,
  optInRegionsDisabled as Check,
  wafOnInternetFacing as Check,
  shieldAdvanced as Check,
  networkFirewallFms as Check,
];
