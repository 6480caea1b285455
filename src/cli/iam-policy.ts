// `rampart iam-policy`: the least-privilege IAM policy for the scanner role, from what the collectors declare; with
// --org, also the right to assume the audit role in the members, which an organization scan needs; with
// --assume-root, the STS AssumeRoot audit session of `scan --org --assume-root` and the reads made with it.
import type { Command } from 'commander';
import { DEFAULT_AUDIT_ROLE } from '../aws/assume.ts';
import { ROOT_AUDIT_OPERATIONS, rootAuditTaskPolicyArn } from '../aws/assume-root.ts';
import { allCollectorOperations } from '../collectors/run.ts';
import { UsageError } from '../core/errors.ts';
import { SECURITYHUB_IMPORT_ACTION } from '../export/securityhub-import.ts';
import type { CliIO } from './io.ts';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[] | string;
  Resource: string[] | string;
  Condition?: Record<string, Record<string, string>>;
}

// API Gateway authorises its whole management API with one action per HTTP verb, so `apigateway:GET` on `*` would
// also read API key values (GET /apikeys?includeValues=true). The scan only lists APIs and their stages: scope the
// action to exactly those paths.
const API_GATEWAY_READ = 'apigateway:GET';
const API_GATEWAY_READ_PATHS = ['/restapis', '/restapis/*/stages', '/apis', '/apis/*/stages'].map((p) => `arn:aws:apigateway:*::${p}`);

export function scannerPolicy(opts: { org?: { roleName: string; assumeRoot?: boolean }; withExport?: boolean } = {}): { Version: string; Statement: Statement[] } {
  const operations = allCollectorOperations();
  const statements: Statement[] = [{ Sid: 'RampartReadOnlyAudit', Effect: 'Allow', Action: operations.filter((a) => a !== API_GATEWAY_READ), Resource: '*' }];
  if (operations.includes(API_GATEWAY_READ)) {
    statements.push({ Sid: 'RampartApiGatewayListings', Effect: 'Allow', Action: API_GATEWAY_READ, Resource: API_GATEWAY_READ_PATHS });
  }
  if (opts.org) {
    // Only the audit role's name, in any account: the organization's member list changes, the role name does not.
    statements.push({ Sid: 'RampartAssumeAuditRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${opts.org.roleName}` });
  }
  if (opts.org?.assumeRoot) {
    // Root sessions only with the audit task policy, which allows the four reads below and nothing else; the reads
    // are listed too, so the policy names every call the scan makes.
    const { assumeRoot, ...reads } = ROOT_AUDIT_OPERATIONS;
    statements.push({
      Sid: 'RampartAuditMemberRootCredentials',
      Effect: 'Allow',
      Action: assumeRoot,
      Resource: '*',
      Condition: { StringEquals: { 'sts:TaskPolicyArn': rootAuditTaskPolicyArn() } },
    });
    statements.push({ Sid: 'RampartReadMemberRootCredentials', Effect: 'Allow', Action: Object.values(reads).sort(), Resource: '*' });
  }
  if (opts.withExport) {
    // `scan --to-securityhub`: the one write a scan can make, into the account's own default product
    statements.push({ Sid: 'RampartSecurityHubExport', Effect: 'Allow', Action: SECURITYHUB_IMPORT_ACTION, Resource: 'arn:*:securityhub:*:*:product/*/default' });
  }
  return { Version: '2012-10-17', Statement: statements };
}

export function registerIamPolicyCommand(program: Command, io: CliIO): void {
  program
    .command('iam-policy')
    .description('print the least-privilege IAM policy the scan needs (every action is read-only)')
    .option('--org', 'for the principal that runs `scan --org`: add sts:AssumeRole on the member audit role')
    .option('--role-name <name>', `with --org: the role assumed in each member (default ${DEFAULT_AUDIT_ROLE})`)
    .option('--assume-root', 'with --org: add sts:AssumeRoot (audit task policy only) and the root-credential reads of `scan --org --assume-root`')
    .option('--with-export', 'add securityhub:BatchImportFindings, which `scan --to-securityhub` needs (a write)')
    .action((flags: { org?: boolean; roleName?: string; assumeRoot?: boolean; withExport?: boolean }) => {
      if (flags.roleName !== undefined && !flags.org) throw new UsageError('--role-name only applies with --org');
      if (flags.assumeRoot && !flags.org) throw new UsageError('--assume-root only applies with --org');
      const roleName = flags.roleName ?? DEFAULT_AUDIT_ROLE;
      if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) throw new UsageError(`--role-name: "${roleName}" is not an IAM role name`);
      const org = flags.org ? { org: { roleName, ...(flags.assumeRoot ? { assumeRoot: true } : {}) } } : {};
      io.stdout.write(`${JSON.stringify(scannerPolicy({ ...org, withExport: Boolean(flags.withExport) }), null, 2)}\n`);
    });
}
