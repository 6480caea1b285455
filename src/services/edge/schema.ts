// The edge slices: what sits between the internet and a workload. Per Region (`edge`): ELBv2 load balancers with
// their access-log attributes, API Gateway REST APIs and HTTP/WebSocket APIs with their stages. Global
// (`cloudfront`, account level): CloudFront distributions with their web ACL.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const loadBalancerSchema = z.object({
  arn: z.string(),
  name: z.string(),
  /** application | network | gateway */
  type: z.string(),
  /** internet-facing | internal */
  scheme: z.string(),
  vpcId: z.string().nullable(),
  securityGroups: z.array(z.string()),
  /** DescribeLoadBalancerAttributes access_logs.s3.*: per load balancer, so one refusal does not hide the others. */
  accessLogs: collectedSchema(z.object({ enabled: z.boolean(), bucket: z.string().nullable(), prefix: z.string().nullable() })),
});
export type LoadBalancer = z.infer<typeof loadBalancerSchema>;

export const restApiStageSchema = z.object({
  stageName: z.string(),
  /** The WAF web ACL associated with the stage; null when none. */
  webAclArn: z.string().nullable(),
  /** accessLogSettings.destinationArn; null when access logging is off. */
  accessLogDestinationArn: z.string().nullable(),
});
export const restApiSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** endpointConfiguration.types: EDGE | REGIONAL | PRIVATE. */
  endpointTypes: z.array(z.string()),
  stages: collectedSchema(z.array(restApiStageSchema)),
});
export type RestApi = z.infer<typeof restApiSchema>;

export const httpApiSchema = z.object({
  apiId: z.string(),
  name: z.string(),
  /** HTTP | WEBSOCKET */
  protocolType: z.string(),
  stages: collectedSchema(z.array(z.object({ stageName: z.string(), accessLogDestinationArn: z.string().nullable() }))),
});
export type HttpApi = z.infer<typeof httpApiSchema>;

export const edgeSchema = z.object({
  loadBalancers: collectedSchema(z.array(loadBalancerSchema)),
  restApis: collectedSchema(z.array(restApiSchema)),
  httpApis: collectedSchema(z.array(httpApiSchema)),
});
export type EdgeSlice = z.infer<typeof edgeSchema>;

export const distributionSchema = z.object({
  id: z.string(),
  arn: z.string(),
  domainName: z.string(),
  enabled: z.boolean(),
  /** WebACLId: a WAFv2 web ACL ARN (or a WAF Classic id); null when none. */
  webAclId: z.string().nullable(),
});
export type Distribution = z.infer<typeof distributionSchema>;

export const cloudfrontSchema = z.object({
  distributions: collectedSchema(z.array(distributionSchema)),
});
export type CloudfrontSlice = z.infer<typeof cloudfrontSchema>;
