// `rampart iam-policy`: the least-privilege IAM policy for the scanner role, from what the collectors declare.
import type { Command } from 'commander';
import { allCollectorOperations } from '../collectors/run.ts';
import type { CliIO } from './io.ts';

export function registerIamPolicyCommand(program: Command, io: CliIO): void {
  program
    .command('iam-policy')
    .description('print the least-privilege IAM policy the scan needs (every action is read-only)')
    .action(() => {
      const policy = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'RampartReadOnlyAudit', Effect: 'Allow', Action: allCollectorOperations(), Resource: '*' }],
      };
      io.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    });
}
