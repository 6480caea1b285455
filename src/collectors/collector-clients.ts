// Test support: every AWS SDK client class the collectors construct (STS aside), so unit tests can stub them all and
// no call ever leaves the machine. A test (collector-clients.test.ts) fails when a collector uses a client missing here.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { FMSClient } from '@aws-sdk/client-fms';
import { GlacierClient } from '@aws-sdk/client-glacier';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { NetworkFirewallClient } from '@aws-sdk/client-network-firewall';
import { OpenSearchClient } from '@aws-sdk/client-opensearch';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ShieldClient } from '@aws-sdk/client-shield';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EFSClient } from '@aws-sdk/client-efs';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';

export const COLLECTOR_CLIENTS = [
  APIGatewayClient,
  AccessAnalyzerClient,
  AccountClient,
  ApiGatewayV2Client,
  BackupClient,
  CloudFormationClient,
  CloudFrontClient,
  CloudTrailClient,
  CloudWatchClient,
  CloudWatchLogsClient,
  ConfigServiceClient,
  EC2Client,
  ECRClient,
  ECSClient,
  ElasticLoadBalancingV2Client,
  EventBridgeClient,
  FMSClient,
  GlacierClient,
  GuardDutyClient,
  IAMClient,
  Inspector2Client,
  KMSClient,
  LambdaClient,
  Macie2Client,
  NetworkFirewallClient,
  OpenSearchClient,
  OrganizationsClient,
  RDSClient,
  RedshiftClient,
  ResourceGroupsTaggingAPIClient,
  S3Client,
  S3ControlClient,
  SNSClient,
  SQSClient,
  SSMClient,
  SSOAdminClient,
  SecretsManagerClient,
  SecurityHubClient,
  ShieldClient,
  WAFV2Client,
  DynamoDBClient,
  EFSClient,
  AutoScalingClient,
] as const;
