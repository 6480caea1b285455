// Parses an IAM policy document (identity, resource, trust or SCP) from whatever AWS hands back —
// an object, JSON text, or IAM's URL-encoded JSON — into one normalised shape with arrays everywhere.
import { z } from 'zod';
import { jsonErrorReason } from '../core/json-error.ts';

export type Principal =
  | '*'
  | { AWS?: string[]; Service?: string[]; Federated?: string[]; CanonicalUser?: string[] };

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: Principal;
  notPrincipal?: Principal;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** operator as written (e.g. `StringEquals`, `ForAnyValue:StringLike`) → key as written → values as strings. */
  condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  version?: string;
  id?: string;
  statements: PolicyStatement[];
}

export class PolicyParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyParseError';
  }
}

// IAM accepts a single value wherever it accepts a list; numbers appear for account ids written unquoted.
const scalar = z.union([z.string(), z.number()]);
const oneOrMany = z.union([scalar, z.array(scalar)], { error: 'must be a string or a list of strings' });
const principalSchema = z.union(
  [
    z.literal('*'),
    z.strictObject({
      AWS: oneOrMany.optional(),
      Service: oneOrMany.optional(),
      Federated: oneOrMany.optional(),
      CanonicalUser: oneOrMany.optional(),
    }),
  ],
  { error: 'must be "*" or an object with only AWS, Service, Federated or CanonicalUser keys' },
);
// Condition values are typed by their operator (Bool, Numeric…), but the comparison is textual, so they become strings.
const conditionScalar = z.union([z.string(), z.number(), z.boolean()]);
const conditionSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z.union([conditionScalar, z.array(conditionScalar)], { error: 'must be a string, number, boolean or a list of them' }),
  ),
);
// Element names are closed in IAM's grammar: AWS rejects unknown ones, so an unknown key here means the
// input is not a real policy (or a typo such as "Condtion" that would silently drop a restriction).
const statementSchema = z
  .strictObject({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Principal: principalSchema.optional(),
    NotPrincipal: principalSchema.optional(),
    Action: oneOrMany.optional(),
    NotAction: oneOrMany.optional(),
    Resource: oneOrMany.optional(),
    NotResource: oneOrMany.optional(),
    Condition: conditionSchema.optional(),
  })
  .superRefine((st, ctx) => {
    const both = (a: unknown, b: unknown, names: string) => {
      if (a !== undefined && b !== undefined) ctx.addIssue({ code: 'custom', message: `has both ${names}` });
    };
    both(st.Principal, st.NotPrincipal, 'Principal and NotPrincipal');
    both(st.Action, st.NotAction, 'Action and NotAction');
    both(st.Resource, st.NotResource, 'Resource and NotResource');
    if (st.Action === undefined && st.NotAction === undefined) {
      ctx.addIssue({ code: 'custom', message: 'has neither Action nor NotAction' });
    }
  });
const documentSchema = z.strictObject({
  Version: z.string().optional(),
  Id: z.string().optional(),
  // A lone statement object is wrapped first so that errors point at Statement[i].Element, not at a union.
  Statement: z.preprocess((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v), z.array(statementSchema)),
});

type RawStatement = z.infer<typeof statementSchema>;
type RawPrincipal = z.infer<typeof principalSchema>;

/**
 * Accepts an object, JSON text, or URL-encoded JSON text (IAM's GetAccountAuthorizationDetails,
 * GetRolePolicy and GetPolicyVersion return documents URL-encoded). Throws PolicyParseError otherwise.
 */
export function parsePolicy(input: unknown): PolicyDocument {
  const raw = typeof input === 'string' ? parseText(input) : input;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyParseError(`policy document must be a JSON object, got ${describe(raw)}`);
  }
  const result = documentSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new PolicyParseError(`invalid policy document: ${issues.join('; ')}`);
  }
  const doc = result.data;
  const out: PolicyDocument = { statements: doc.Statement.map(normaliseStatement) };
  if (doc.Version !== undefined) out.version = doc.Version;
  if (doc.Id !== undefined) out.id = doc.Id;
  return out;
}

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new PolicyParseError('policy document is empty');
  // Plain JSON first: a literal "%" inside a JSON policy must not be mistaken for URL encoding.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJson(trimmed);
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch (e) {
    throw new PolicyParseError('policy document is neither JSON nor URL-encoded JSON (bad percent-encoding)', { cause: e });
  }
  if (!decoded.trim().startsWith('{')) {
    // the document's text is not quoted: a policy may carry a secret, and this message reaches reports
    throw new PolicyParseError('policy document is neither JSON nor URL-encoded JSON (it does not start with "{")');
  }
  return parseJson(decoded.trim());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PolicyParseError(`policy document is not valid JSON: ${jsonErrorReason(e)}`, { cause: e });
  }
}

function normaliseStatement(st: RawStatement): PolicyStatement {
  const out: PolicyStatement = { effect: st.Effect };
  if (st.Sid !== undefined) out.sid = st.Sid;
  if (st.Principal !== undefined) out.principal = normalisePrincipal(st.Principal);
  if (st.NotPrincipal !== undefined) out.notPrincipal = normalisePrincipal(st.NotPrincipal);
  if (st.Action !== undefined) out.action = toStrings(st.Action);
  if (st.NotAction !== undefined) out.notAction = toStrings(st.NotAction);
  if (st.Resource !== undefined) out.resource = toStrings(st.Resource);
  if (st.NotResource !== undefined) out.notResource = toStrings(st.NotResource);
  if (st.Condition !== undefined) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const [operator, block] of Object.entries(st.Condition)) {
      const keys: Record<string, string[]> = {};
      for (const [key, values] of Object.entries(block)) keys[key] = toStrings(values);
      condition[operator] = keys;
    }
    out.condition = condition;
  }
  return out;
}

function normalisePrincipal(p: RawPrincipal): Principal {
  if (p === '*') return '*';
  const out: Exclude<Principal, '*'> = {};
  if (p.AWS !== undefined) out.AWS = toStrings(p.AWS);
  if (p.Service !== undefined) out.Service = toStrings(p.Service);
  if (p.Federated !== undefined) out.Federated = toStrings(p.Federated);
  if (p.CanonicalUser !== undefined) out.CanonicalUser = toStrings(p.CanonicalUser);
  return out;
}

function toStrings(v: string | number | boolean | Array<string | number | boolean>): string[] {
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(document)';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
