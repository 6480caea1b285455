// The CIS AWS Foundations v3.0 section 4 metric filters (controls.md §3.2) as data: what a CloudWatch Logs filter
// pattern must test for each control. Matching is textual, after removing whitespace and double quotes, in the
// manner of Prowler's checks: `$.eventName = "CreateTrail"` must appear as an equality test, not `!=`.

export interface CisFilter {
  cis: string;
  title: string;
  prowler: string;
  /** Every token must appear in the normalised pattern. */
  tokens: string[];
}

const names = (...eventNames: string[]) => eventNames.map((n) => `$.eventName=${n}`);

export const CIS_FILTERS: readonly CisFilter[] = [
  { cis: '4.1', title: 'unauthorized API calls', prowler: 'cloudwatch_log_metric_filter_unauthorized_api_calls', tokens: ['$.errorCode=*UnauthorizedOperation', '$.errorCode=AccessDenied*'] },
  { cis: '4.2', title: 'console sign-in without MFA', prowler: 'cloudwatch_log_metric_filter_sign_in_without_mfa', tokens: ['$.eventName=ConsoleLogin', '$.additionalEventData.MFAUsed!=Yes'] },
  { cis: '4.3', title: 'root account usage', prowler: 'cloudwatch_log_metric_filter_root_usage', tokens: ['$.userIdentity.type=Root', '$.userIdentity.invokedByNOTEXISTS', '$.eventType!=AwsServiceEvent'] },
  {
    cis: '4.4',
    title: 'IAM policy changes',
    prowler: 'cloudwatch_log_metric_filter_policy_changes',
    tokens: names(
      'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy',
      'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
    ),
  },
  {
    cis: '4.5',
    title: 'CloudTrail configuration changes',
    prowler: 'cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled',
    tokens: names('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'),
  },
  { cis: '4.6', title: 'console authentication failures', prowler: 'cloudwatch_log_metric_filter_authentication_failures', tokens: ['$.eventName=ConsoleLogin', '$.errorMessage=Failedauthentication'] },
  {
    cis: '4.7',
    title: 'disabling or scheduled deletion of KMS keys',
    prowler: 'cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk',
    tokens: ['$.eventSource=kms.amazonaws.com', ...names('DisableKey', 'ScheduleKeyDeletion')],
  },
  {
    cis: '4.8',
    title: 'S3 bucket policy changes',
    prowler: 'cloudwatch_log_metric_filter_for_s3_bucket_policy_changes',
    tokens: [
      '$.eventSource=s3.amazonaws.com',
      ...names('PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'),
    ],
  },
  {
    cis: '4.9',
    title: 'AWS Config configuration changes',
    prowler: 'cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled',
    tokens: ['$.eventSource=config.amazonaws.com', ...names('StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder')],
  },
  {
    cis: '4.10',
    title: 'security group changes',
    prowler: 'cloudwatch_log_metric_filter_security_group_changes',
    tokens: names('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'),
  },
  {
    cis: '4.11',
    title: 'network ACL changes',
    prowler: 'cloudwatch_changes_to_network_acls_alarm_configured',
    tokens: names('CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'),
  },
  {
    cis: '4.12',
    title: 'network gateway changes',
    prowler: 'cloudwatch_changes_to_network_gateways_alarm_configured',
    tokens: names('CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'),
  },
  {
    cis: '4.13',
    title: 'route table changes',
    prowler: 'cloudwatch_changes_to_network_route_tables_alarm_configured',
    tokens: names('CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'),
  },
  {
    cis: '4.14',
    title: 'VPC changes',
    prowler: 'cloudwatch_changes_to_vpcs_alarm_configured',
    tokens: names(
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
    ),
  },
  {
    cis: '4.15',
    title: 'AWS Organizations changes',
    prowler: 'cloudwatch_log_metric_filter_aws_organizations_changes',
    tokens: [
      '$.eventSource=organizations.amazonaws.com',
      ...names(
        'AcceptHandshake', 'AttachPolicy', 'CancelHandshake', 'CreateAccount', 'CreateOrganization', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake',
        'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'EnableAllFeatures', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization',
        'DetachPolicy', 'DisablePolicyType', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdateOrganizationalUnit', 'UpdatePolicy',
      ),
    ],
  },
];

export function normalisePattern(pattern: string): string {
  return pattern.replace(/[\s"]/g, '');
}

/** A token as a whole test: `$.eventName=CreateRoute` must not be satisfied by `$.eventName=CreateRouteTable`. */
function tokenRegex(token: string): RegExp {
  return new RegExp(`${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_.-])`);
}

/** Whether a filter pattern tests for everything the CIS control lists. */
export function patternMatches(filter: CisFilter, pattern: string): boolean {
  const p = normalisePattern(pattern);
  return filter.tokens.every((t) => tokenRegex(t).test(p));
}

/** A filter pattern the CIS benchmark gives for the control (for remediation text and tests). */
export function cisPattern(filter: CisFilter): string {
  const eventNames = filter.tokens.filter((t) => t.startsWith('$.eventName=')).map((t) => `($.eventName = "${t.slice('$.eventName='.length)}")`);
  const others = filter.tokens.filter((t) => !t.startsWith('$.eventName=')).map((t) => {
    if (t.endsWith('NOTEXISTS')) return `(${t.slice(0, -'NOTEXISTS'.length)} NOT EXISTS)`;
    if (t === '$.errorMessage=Failedauthentication') return '($.errorMessage = "Failed authentication")';
    const [k, v] = t.includes('!=') ? [t.split('!=')[0], `!= "${t.split('!=')[1]}"`] : [t.split('=')[0], `= "${t.split('=').slice(1).join('=')}"`];
    return `(${k} ${v})`;
  });
  const parts = [...others, ...(eventNames.length > 0 ? [`(${eventNames.join(' || ')})`] : [])];
  // 4.1 lists alternatives, the others conditions that must all hold
  return `{ ${parts.join(filter.cis === '4.1' ? ' || ' : ' && ')} }`;
}
