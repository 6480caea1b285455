// `rampart audit-role`: print the deployable audit role for every member account (CloudFormation StackSet or Terraform).
import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { cloudFormationTemplate, DEFAULT_AUDIT_ROLE_NAME, terraformTemplate } from '../org/audit-role.ts';
import type { CliIO } from './io.ts';
import { parseFormat, parseList, parseRegions } from './options.ts';

interface AuditRoleFlags {
  format: string;
  roleName: string;
  trustedAccount?: string;
  externalId?: string;
  ous?: string;
  region: string;
}

export function registerAuditRoleCommand(program: Command, io: CliIO): void {
  program
    .command('audit-role')
    .description('print the read-only audit role for every member account: a service-managed StackSet (CloudFormation) or its Terraform')
    .option('--format <format>', 'cloudformation or terraform', 'cloudformation')
    .option('--role-name <name>', 'name of the role in each member (scan with the same --role-name)', DEFAULT_AUDIT_ROLE_NAME)
    .option('--trusted-account <id>', 'the account that runs `rampart scan --org` (default: a template parameter)')
    .option('--external-id <id>', 'require this ExternalId to assume the role')
    .option('--ous <ids>', 'deploy to these OU ids or the root id (r-…) for the whole organization (default: a template parameter)')
    .option('--region <region>', 'Region the StackSet deploys its (global IAM) instances from', 'us-east-1')
    .action((flags: AuditRoleFlags) => {
      const format = parseFormat(flags.format, ['cloudformation', 'terraform'] as const);
      if (flags.trustedAccount !== undefined && !/^\d{12}$/.test(flags.trustedAccount)) throw new UsageError(`--trusted-account must be a 12-digit account id (got "${flags.trustedAccount}")`);
      if (!/^[\w+=,.@-]{1,64}$/.test(flags.roleName)) throw new UsageError(`--role-name: "${flags.roleName}" is not an IAM role name`);
      const ous = parseList(flags.ous);
      for (const id of ous ?? []) if (!/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/.test(id)) throw new UsageError(`--ous: "${id}" is not an OU id (ou-…) or root id (r-…)`);
      const region = parseRegions(flags.region, '--region')?.[0] ?? 'us-east-1';
      const opts = {
        roleName: flags.roleName,
        region,
        ...(flags.trustedAccount ? { trustedAccountId: flags.trustedAccount } : {}),
        ...(flags.externalId ? { externalId: flags.externalId } : {}),
        ...(ous && ous.length > 0 ? { organizationalUnitIds: ous } : {}),
      };
      io.stdout.write(format === 'cloudformation' ? cloudFormationTemplate(opts) : terraformTemplate(opts));
    });
}
