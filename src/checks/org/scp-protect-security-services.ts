// scp-protect-security-services: an SCP keeps member accounts from disabling GuardDuty, Security Hub, AWS Config and
// IAM Access Analyzer (controls.md 1.C, T5), judged per service.
import { defineCheck } from '../define.ts';
import { actionSetCoverage, refs } from './scp-actions.ts';
import { defaultScpScopeOptions, forEachMemberAccount, unparsedScpError, type ScpScopeOptions } from './scp-scope.ts';

/** Template T5: the minimum denied actions per service. */
export const T5: Record<string, readonly string[]> = {
  GuardDuty: [
    'guardduty:DeleteDetector',
    'guardduty:UpdateDetector',
    'guardduty:DisassociateFromAdministratorAccount',
    'guardduty:DisassociateFromMasterAccount',
    'guardduty:DeleteMembers',
    'guardduty:DisassociateMembers',
    'guardduty:StopMonitoringMembers',
    'guardduty:CreateFilter',
    'guardduty:UpdateFilter',
    'guardduty:CreateIPSet',
    'guardduty:UpdateIPSet',
    'guardduty:DeletePublishingDestination',
    'guardduty:UpdatePublishingDestination',
  ],
  'Security Hub': [
    'securityhub:DisableSecurityHub',
    'securityhub:DisassociateFromAdministratorAccount',
    'securityhub:DisassociateFromMasterAccount',
    'securityhub:DeleteMembers',
    'securityhub:DisassociateMembers',
    'securityhub:BatchDisableStandards',
    'securityhub:DisableImportFindingsForProduct',
  ],
  'AWS Config': ['config:DeleteConfigRule', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel', 'config:StopConfigurationRecorder'],
  'IAM Access Analyzer': ['access-analyzer:DeleteAnalyzer'],
};

const T5_DOC = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'ProtectSecurityServices', Effect: 'Deny', Action: Object.values(T5).flat(), Resource: '*' }],
};

export default defineCheck<ScpScopeOptions>({
  meta: {
    id: 'scp-protect-security-services',
    title: 'SCP prevents disabling GuardDuty, Security Hub, Config, Access Analyzer',
    severity: 'high',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'Detection run from a delegated administrator still depends on each member keeping its detector, hub, recorder and analyzer; without an SCP an admin of the member account can switch them off and leave the organization blind there.',
    remediation: {
      text: 'Attach an SCP denying the T5 actions for GuardDuty, Security Hub, AWS Config and IAM Access Analyzer to the root or every top-level OU except the Exception OU; exempt only the security automation role.',
      cli: `aws organizations create-policy --type SERVICE_CONTROL_POLICY --name ProtectSecurityServices --description "Members cannot disable security services" --content '${JSON.stringify(T5_DOC)}'\naws organizations attach-policy --policy-id <p-xxxx> --target-id <r-xxxx>`,
    },
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_guardduty.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_config.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002', '000', '003'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: defaultScpScopeOptions,
  evaluate(ctx) {
    return forEachMemberAccount(ctx, 'a deny on disabling security services', (member) => {
      const perService = Object.entries(T5).map(([service, actions]) => ({
        service,
        ...actionSetCoverage(member.scps, actions, ctx.options.allowedExemptionPrincipalPatterns),
      }));
      const unprotected = perService.filter((s) => s.open.length > 0);
      const evidence = {
        ouPath: member.ouPath,
        scps: member.scps.map((s) => s.name),
        services: Object.fromEntries(perService.map((s) => [s.service, { open: s.open, via: s.via.map((v) => v.name) }])),
      };
      const id = member.resource.id;
      if (unprotected.length === 0) {
        return ctx.pass(member.resource, `account ${id} cannot disable GuardDuty, Security Hub, Config or Access Analyzer: ${perService.map((s) => `${s.service} by ${refs(s.via)}`).join('; ')}`, { evidence });
      }
      if (member.unparsed.length > 0) return unparsedScpError(ctx, member);
      const list = unprotected.map((s) => `${s.service} (${s.open.join(', ')} not denied)`).join('; ');
      return ctx.fail(member.resource, `in account ${id} these security services can be switched off: ${list}`, { evidence });
    });
  },
});
