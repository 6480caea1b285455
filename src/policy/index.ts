// Public API of the IAM policy reasoning module: parse, action matching, public/trust/admin/SCP analysis.
export { parsePolicy, PolicyParseError } from './parse.ts';
export type { Principal, PolicyStatement, PolicyDocument } from './parse.ts';
export {
  actionMatches,
  statementAppliesToAction,
  expandActionPattern,
  expandActionPatternAsync,
  isKnownAction,
  patternCoversAllActions,
  actionPatternCovers,
} from './actions.ts';
export { analyzeResourcePolicy, isS3BucketPublic } from './public.ts';
export type { PublicAnalysis, BlockPublicAccess, ResourcePolicyOptions, S3PublicInput, S3PublicResult } from './public.ts';
export type { AccessClasses } from './access.ts';
export { isNarrowSourceIp } from './cidr.ts';
export { analyzeTrustPolicy } from './trust.ts';
export { classifyPrincipal, oidcProvider, WEB_IDENTITY_PROVIDERS } from './principals.ts';
export type { PrincipalClass, WebIdentityProvider } from './principals.ts';
export type { TrustFinding } from './trust.ts';
export { fullAdminStatements } from './admin.ts';
export { exemptionProblem, scopeProblems, scpDeniesAction, scpDeniesRootUser } from './scp.ts';
export { conditionEntries } from './conditions.ts';
export type { ConditionEntry } from './conditions.ts';
export type { ScpDocument, DenyCoverage, RootDenyCoverage, ScpRef, ScpOptions } from './scp.ts';
export { analyzeTransportDenies, MIN_TLS_VERSION } from './transport.ts';
export type { TransportDenyAnalysis } from './transport.ts';
export { isRestricting } from './public-conditions.ts';
export { wildcardPrincipalReason } from './principals.ts';
export { globMatch } from './glob.ts';
