// The WAFv2 slices: web ACLs with their logging configuration. Per Region (`wafv2`): REGIONAL web ACLs and the
// application load balancers each protects. Account level (`wafv2Cloudfront`): CLOUDFRONT-scope web ACLs, which
// live in us-east-1 only (CloudFront distributions name their ACL themselves, see the cloudfront slice).
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const webAclSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  /** REGIONAL | CLOUDFRONT */
  scope: z.string(),
  /** GetLoggingConfiguration's LogDestinationConfigs; null when the ACL has no logging configuration (WAFNonexistentItemException). */
  logging: collectedSchema(z.object({ destinations: z.array(z.string()) }).nullable()),
  /** ListResourcesForWebACL (APPLICATION_LOAD_BALANCER) for a REGIONAL ACL; null for a CLOUDFRONT one. */
  loadBalancerArns: collectedSchema(z.array(z.string()).nullable()),
});
export type WebAcl = z.infer<typeof webAclSchema>;

export const wafv2Schema = z.object({ webAcls: collectedSchema(z.array(webAclSchema)) });
export type Wafv2Slice = z.infer<typeof wafv2Schema>;

export const wafv2CloudfrontSchema = z.object({ webAcls: collectedSchema(z.array(webAclSchema)) });
export type Wafv2CloudfrontSlice = z.infer<typeof wafv2CloudfrontSchema>;
